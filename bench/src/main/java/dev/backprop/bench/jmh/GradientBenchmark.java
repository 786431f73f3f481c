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
 * Question: how many examples per second can an engine turn into gradients?
 *
 * <p>One operation is one mini-batch of {@code batch} examples through
 * {@link dev.backprop.Backpropagation}: feedforward (Eq. 25), then BP1–BP4, and no update, so the parameters
 * (and with them the work) stay the same on every call. Mode is average time per mini-batch;
 * examples per second is {@code batch / score} (JMH's {@code @OperationsPerInvocation} must be a
 * constant, and the batch size is a parameter). The report command does that division and also
 * gives GFLOP/s from the three m × in × out products per layer.
 *
 * <p>What keeps the number honest: the engine, the network, the parameters and the synthetic
 * mini-batch are made in {@code @Setup}, outside the measurement; the inputs are random (seeded),
 * not constants the JIT could fold; the results are written into engine buffers that live on in
 * the state, and a {@link Fence} read (into the {@link Blackhole}) waits for any work a device
 * engine has only queued. The first call with a batch size allocates its buffers, which warm-up
 * absorbs. Warm-up is long (10 s) because the SIMD engine runs boxed, a hundred times slower,
 * until C2 has compiled its kernels: after three 1-second warm-up iterations, [784, 100, 10] at
 * m = 100 still took 12 ms in the first measured second and 0.57 ms in the fifth.
 */
@State(Scope.Thread)
public class GradientBenchmark extends StepTiming {
    @Param({EngineNames.REF, EngineNames.SIMD, EngineNames.OPENCL})
    public String engine;

    @Param({"784x30x10", "784x100x10", "784x1024x1024x10"})
    public String shape;

    @Param({"10", "100", "1000"})
    public int batch;

    private TrainingSession session;

    @Setup
    public void setUp() {
        session = new TrainingSession(engine, shape, batch);
    }

    @Benchmark
    public void gradient(Blackhole bh) {
        session.feed();
        session.bp.backpropagate();
        bh.consume(session.fence.await());
    }

    @TearDown
    public void tearDown() {
        if (session != null) {
            session.close();
        }
    }
}
