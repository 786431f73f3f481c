/**
 * The JMH suite: one class per question, each saying in its javadoc what it measures and why the
 * number means that. Engines are chosen by name at run time ({@code @Param engine}: ref, simd,
 * opencl) through {@code Engines.load()}, so an engine is measured as soon as its jar is on the
 * class path; {@link dev.backprop.bench.jmh.Suite} skips the unavailable ones with their reason.
 *
 * <ul>
 *   <li>{@link dev.backprop.bench.jmh.GradientBenchmark}: examples/s of one gradient, engine × shape × batch;</li>
 *   <li>{@link dev.backprop.bench.jmh.EpochBenchmark}: one SGD epoch through {@code Trainer};</li>
 *   <li>{@link dev.backprop.bench.jmh.OperationBenchmark}: each SPI operation alone;</li>
 *   <li>{@link dev.backprop.bench.jmh.AllocationBenchmark}: bytes per training step ({@code -prof gc});</li>
 *   <li>{@link dev.backprop.bench.jmh.EngineOpenBenchmark}: cold and warm engine open;</li>
 *   <li>{@link dev.backprop.bench.jmh.PeakBenchmark}: the machine's FMA peak and best Java sgemm, the yardstick.</li>
 * </ul>
 *
 * <p>Not here: assertions on timing. Unit tests check that the suite's plans are valid, never
 * how fast anything is.
 */
package dev.backprop.bench.jmh;
