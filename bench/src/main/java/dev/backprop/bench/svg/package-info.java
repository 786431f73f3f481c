/**
 * Charts as SVG 1.1 files, written by hand: a line chart (linear or log axes) and a horizontal
 * bar chart, each with a title, a subtitle naming data, machine and date, labelled axes with
 * ticks, and a legend. Colours from the Okabe–Ito palette, repeated with dash patterns past seven.
 *
 * <p>Not here: any general plotting; only what the bench module's pages show.
 */
package dev.backprop.bench.svg;
