package dev.backprop.bench.jmh;

import dev.backprop.bench.EngineNames;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Question: does a training step allocate, and how much? Run it with JMH's GC profiler
 * ({@code -prof gc}; {@link Suite} adds it for this class) and read {@code gc.alloc.rate.norm},
 * the bytes allocated per operation, measured by the JVM's per-thread allocation counter.
 *
 * <p>{@code step} is one full SGD step: the mini-batch in, feedforward, BP1–BP4 and the update,
 * as {@code backpropagate()} then {@code update()} (Trainer's fused {@code step()} allocates no
 * more; the engines' own tests check both). After warm-up the buffers of the batch size exist, so a
 * steady state that allocates nothing shows only what the JMH harness itself allocates: a few
 * kilobytes per iteration, whatever the benchmark does, which per operation is tiny for a fast
 * step and a few hundred bytes for a step of tens of milliseconds. {@code baseline} (an empty
 * benchmark, no parameters) measures that harness allocation per second, so the report can
 * subtract it: bytes per step beyond the harness ≈ {@code step}'s B/op − the harness's bytes per
 * second × seconds per step. A device engine's host-side allocations (argument buffers, events)
 * count too. The time per step is reported as well, but {@link GradientBenchmark} is the one to
 * read for speed: the profiler perturbs it slightly.
 *
 * <p>Warm-up is long (10 s) because until C2 has compiled a kernel the Vector API boxes every
 * vector: with three 1-second warm-up iterations, the SIMD engine's first measured second at
 * batch 100 still allocated 228 kB per step and the next four 4 B.
 */
public class AllocationBenchmark extends StepTiming {

    /** The engine and the network being stepped; the parameters apply only to {@code step}. */
    @State(Scope.Thread)
    public static class Training {
        @Param({EngineNames.REF, EngineNames.SIMD, EngineNames.OPENCL})
        public String engine;

        @Param({"784x30x10", "784x100x10"})
        public String shape;

        @Param({"10", "100"})
        public int batch;

        private TrainingSession session;

        @Setup
        public void setUp() {
            session = new TrainingSession(engine, shape, batch);
        }

        @TearDown
        public void tearDown() {
            if (session != null) {
                session.close();
            }
        }
    }

    @Benchmark
    public void step(Training t, Blackhole bh) {
        t.session.feed();
        t.session.bp.backpropagate();
        // A small η keeps the parameters (and so the work) in the same range over millions of steps.
        t.session.bp.update(0.01f, 0f);
        bh.consume(t.session.fence.await());
    }

    /** Nothing at all: what the harness allocates on its own, per second. */
    @Benchmark
    public void baseline(Blackhole bh) {
        bh.consume(this);
    }
}
