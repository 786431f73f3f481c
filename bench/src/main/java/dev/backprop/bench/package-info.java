/**
 * The command line ({@link dev.backprop.bench.Main}: {@code mnist}, {@code engines},
 * {@code evaluate}, {@code reproduce}, {@code report}) with the bundled mnist10k data.
 * {@code reproduce} trains the book's chapter-1 and chapter-3 experiments on every engine and
 * writes a table, CSV, Markdown and an SVG chart; {@code report} turns what
 * {@code bench/run-all.sh} collected into {@code bench/RESULTS.md}.
 *
 * <p>Sub-packages: {@code jmh} (the JMH suite, packaged as {@code bench/target/benchmarks.jar},
 * left out of the CLI jar), {@code report} (reading results, writing tables), {@code svg} (the
 * charts, with no plotting library).
 *
 * <p>Not here: anything a library user needs; that is all in the api module.
 */
package dev.backprop.bench;
