/**
 * The command line ({@link dev.backprop.bench.Main}: {@code mnist}, {@code engines},
 * {@code evaluate}) with the bundled mnist10k data. Benchmarks join it in later work.
 *
 * <p>Not here: anything a library user needs; that is all in the api module.
 */
package dev.backprop.bench;
