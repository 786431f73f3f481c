package dev.backprop.bench.jmh;

import dev.backprop.bench.EngineNames;

import dev.backprop.Init;
import dev.backprop.Network;
import dev.backprop.Parameters;
import dev.backprop.Trainer;
import dev.backprop.data.Dataset;
import dev.backprop.spi.Engine;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Question: how fast does a user's training run go, everything included?
 *
 * <p>One invocation is one SGD epoch of {@link Trainer} over {@value #EXAMPLES} synthetic MNIST-shaped
 * examples (random pixels, random labels) in mini-batches of {@code batch}: shuffling, gathering
 * each mini-batch, feedforward, BP1–BP4 with the update (Trainer's fused {@code step}), and the
 * per-epoch read-back and NaN check of the parameters. The data is as large as the book's
 * training set (188 MB of floats), so the mini-batches are gathered from memory, not from cache.
 * Monitoring is off, so no evaluation pass is counted. With
 * {@code @OperationsPerInvocation(EXAMPLES)} in throughput mode the score is examples per second,
 * directly comparable with the Python peers' epoch timings and with {@link GradientBenchmark}.
 *
 * <p>The parameters are reset to the same starting values before every invocation
 * ({@code Level.Invocation} is safe here: an epoch takes milliseconds, far above the set-up's
 * timing overhead), so each epoch does the same work. The random data does not make the numbers
 * data-dependent: the arithmetic of a step is the same for any values without NaNs.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {Flags.VECTOR, Flags.NATIVE})
public class EpochBenchmark {
    /** The book's training set size, so a score converts straight into seconds per epoch. */
    static final int EXAMPLES = 60_000;

    @Param({EngineNames.REF, EngineNames.SIMD, EngineNames.OPENCL})
    public String engine;

    @Param({"784x30x10", "784x100x10"})
    public String shape;

    @Param({"10"})
    public int batch;

    private Engine opened;
    private Trainer trainer;
    private Dataset training;
    private Parameters initial;
    private Parameters parameters;

    @Setup(Level.Trial)
    public void setUp() {
        opened = EngineChoice.open(engine);
        Network network = Shapes.network(shape);
        training = Shapes.trainingSet(network, EXAMPLES);
        initial = Parameters.initialize(network, Init.STANDARD_NORMAL, 1);
        parameters = initial.copy();
        trainer = Trainer.builder().learningRate(3.0).epochs(1).miniBatchSize(batch).seed(1)
                .monitorEvaluationAccuracy(false).build();
    }

    @Setup(Level.Invocation)
    public void reset() {
        parameters.copyFrom(initial);
    }

    @Benchmark
    @OperationsPerInvocation(EXAMPLES)
    public void epoch(Blackhole bh) {
        bh.consume(trainer.train(opened, parameters, training, null));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (opened != null) {
            opened.close();
        }
    }
}
