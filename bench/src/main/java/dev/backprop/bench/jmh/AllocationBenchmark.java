package dev.backprop.bench.jmh;

import dev.backprop.Backpropagation;
import dev.backprop.Init;
import dev.backprop.Network;
import dev.backprop.Parameters;
import dev.backprop.spi.Engine;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Question: does a training step allocate, and how much? Run it with JMH's GC profiler
 * ({@code -prof gc}; {@link Suite} adds it for this class) and read {@code gc.alloc.rate.norm},
 * the bytes allocated per operation, measured by the JVM's per-thread allocation counter.
 *
 * <p>One operation is one full SGD step as {@code Trainer} takes it: the mini-batch in,
 * feedforward, BP1–BP4 and the update. After warm-up the buffers of the batch size exist, so a
 * steady state that allocates nothing shows as ≈ 0 B/op (JMH's own per-call overhead is below
 * one byte per op when averaged). A device engine's host-side allocations (argument buffers,
 * events) show up here too. Time per step is reported as well but {@link GradientBenchmark} is
 * the one to read for speed: the profiler slightly perturbs it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {Flags.VECTOR, Flags.NATIVE})
public class AllocationBenchmark {
    @Param({"ref", "simd", "opencl"})
    public String engine;

    @Param({"784x30x10", "784x100x10"})
    public String shape;

    @Param({"10", "100"})
    public int batch;

    private Engine opened;
    private Backpropagation bp;
    private Fence fence;
    private float[] x;
    private float[] y;

    @Setup
    public void setUp() {
        opened = EngineChoice.open(engine);
        Network network = Shapes.network(shape);
        bp = Backpropagation.open(opened, network);
        bp.setParameters(Parameters.initialize(network, Init.SCALED_NORMAL, 1));
        fence = new Fence(opened);
        x = Shapes.inputs(batch, network.inputWidth(), 2);
        y = Shapes.oneHot(batch, network.outputWidth(), 3);
    }

    @Benchmark
    public void step(Blackhole bh) {
        bp.feedforward(x, 0, batch);
        bp.setTargets(y, 0);
        bp.backpropagate();
        // A small η keeps the parameters (and so the work) in the same range over millions of steps.
        bp.update(0.01f, 0f);
        bh.consume(fence.await());
    }

    @TearDown
    public void tearDown() {
        if (bp != null) {
            bp.close();
        }
        if (opened != null) {
            opened.close();
        }
    }
}
