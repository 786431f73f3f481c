/**
 * Tools run by hand, not by the build and not part of the command line (they are in
 * {@code bench/target/benchmarks.jar}, left out of {@code backprop.jar}): each picks its engines
 * by name through {@link dev.backprop.Engines}, as any program would, because this module sees
 * no engine's classes.
 *
 * <ul>
 *   <li>{@link dev.backprop.bench.tools.GpuCheck}: the OpenCL engine against the kit's oracle on
 *       a GPU machine without Maven, then throughput (run by {@code engine-gpu-opencl/gpu-check.sh});</li>
 *   <li>{@link dev.backprop.bench.tools.GradientThroughput}: examples per second of a gradient,
 *       without JMH;</li>
 *   <li>{@link dev.backprop.bench.tools.ManualBenchmark}: the harness used while tuning the SIMD
 *       kernels (GFLOP/s per product, µs per call of a training step).</li>
 * </ul>
 *
 * <p>Not here: numbers to publish; those come from the JMH suite in {@code jmh}.
 */
package dev.backprop.bench.tools;
