package dev.backprop.bench.jmh;

import dev.backprop.bench.EngineNames;

import dev.backprop.Backpropagation;
import dev.backprop.Init;
import dev.backprop.Network;
import dev.backprop.Parameters;
import dev.backprop.spi.Engine;
import dev.backprop.spi.EngineProvider;

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
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Question: what does it cost to get an engine going?
 *
 * <ul>
 *   <li>{@code firstStep}: in a fresh JVM, open the engine, set up the book's [784, 30, 10]
 *       network, and compute one gradient of a mini-batch of 10: what a program pays before its
 *       first useful result (class loading, native library set-up, kernel compilation, the JIT
 *       not yet warm). Single-shot: one call per fork, several forks, no warm-up; the spread
 *       across forks is the honest error bar.</li>
 *   <li>{@code openClose}: open and close again once everything is loaded and compiled: the
 *       steady cost of an engine session, e.g. for a short-lived {@code Predictor}.</li>
 * </ul>
 * Discovery ({@code ServiceLoader}) happens in {@code @Setup}, outside both measurements. The
 * gradient ends with a {@link Fence} read, so queued device work is counted.
 */
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {Flags.VECTOR, Flags.NATIVE})
public class EngineOpenBenchmark {
    @Param({EngineNames.REF, EngineNames.SIMD, EngineNames.OPENCL})
    public String engine;

    private EngineProvider provider;
    private Network network;
    private Parameters parameters;
    private float[] x;
    private float[] y;

    @Setup
    public void setUp() {
        provider = EngineChoice.provider(engine);
        network = Shapes.network("784x30x10");
        parameters = Parameters.initialize(network, Init.STANDARD_NORMAL, 1);
        x = Shapes.inputs(10, network.inputWidth(), 2);
        y = Shapes.oneHot(10, network.outputWidth(), 3);
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 0)
    @Measurement(iterations = 1)
    @Fork(value = 5, jvmArgsAppend = {Flags.VECTOR, Flags.NATIVE})
    public void firstStep(Blackhole bh) {
        try (Engine opened = provider.open(); Backpropagation bp = Backpropagation.open(opened, network)) {
            bp.setParameters(parameters);
            bp.feedforward(x, 0, 10);
            bp.setTargets(y, 0);
            bp.backpropagate();
            bh.consume(new Fence(opened).await());
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @Warmup(iterations = 3, time = 1)
    @Measurement(iterations = 5, time = 1)
    public void openClose(Blackhole bh) {
        try (Engine opened = provider.open()) {
            bh.consume(opened);
        }
    }
}
