package dev.backprop.bench.jmh;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How the benchmarks of one training step run ({@link GradientBenchmark},
 * {@link AllocationBenchmark}, {@link OptimizerStepBenchmark}): average microseconds per step,
 * one fork with the {@link Flags}, five 1-second measurements after a long warm-up. Ten seconds
 * of warm-up, not JMH's usual three, because the SIMD engine runs boxed (a hundred times slower,
 * and allocating every vector) until C2 has compiled its kernels; each subclass says what it saw
 * with less. JMH reads these annotations from the superclass of a benchmark.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {Flags.VECTOR, Flags.NATIVE})
public abstract class StepTiming {
    /** Only the step benchmarks. */
    StepTiming() {
    }
}
