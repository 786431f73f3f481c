/**
 * Results in, tables out: reads JMH's JSON ({@link dev.backprop.bench.report.Json}, a minimal
 * parser, since the project takes no JSON library), the CSV of {@code reproduce} and of the
 * Python peers, and writes RESULTS.md ({@link dev.backprop.bench.report.ResultsPage}) with the
 * ratios measured in the same run first and every absolute number next to its machine and date.
 *
 * <p>Not here: measuring anything. This package only reads what the suite, {@code reproduce} and
 * {@code bench/peers/run.sh} wrote.
 */
package dev.backprop.bench.report;
