package dev.backprop.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.backprop.Network;
import dev.backprop.Optimizer;
import dev.backprop.Parameters;
import dev.backprop.Schedule;
import dev.backprop.Trainer;
import dev.backprop.data.Dataset;
import dev.backprop.spi.Engine;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Mode 1 on {@code local[2]}: one partition is local training; several follow the specification. */
class SynchronousGradientTest {
    /** 95 = 9 × 10 + 5: every epoch ends with a short mini-batch. */
    private static final Dataset DATA = TestData.classification(95, 8, 3);
    private static final TrainingCase SGD = TrainingCase.sgd(0.5, 2.0, 3, 11);

    /**
     * Chapter 3's rules, each with L1 or L2 or both, dropout, a schedule or a warm-up: the
     * driver's session steps with each exactly as Trainer's does.
     */
    static Stream<Arguments> chapter3() {
        return Stream.of(
                Arguments.of("ref", SGD.named("momentum, L1 and L2").with(Optimizer.momentum(0.9), 0.2).l1(1.0)),
                Arguments.of("ref", SGD.named("nesterov, L1, dropout").with(Optimizer.nesterov(0.8), 0.2).l1(0.5)
                        .dropout(0.3)),
                Arguments.of("ref", SGD.named("adam, L2, step schedule, warm-up").with(Optimizer.adam(), 0.01)
                        .schedule(Schedule.step(2, 0.5), 2)),
                Arguments.of("ref", SGD.named("adamw, L1, dropout").with(Optimizer.adamW(0.01), 0.01).l1(0.3).dropout(0.5)),
                Arguments.of("ref", SGD.named("rmsprop, L1, exponential schedule").with(Optimizer.rmsProp(), 0.005).l1(1.0)
                        .schedule(Schedule.exponential(0.8), 0)),
                Arguments.of("simd", SGD.named("adam, L1, dropout, warm-up").with(Optimizer.adam(), 0.01).l1(0.3).dropout(0.4)
                        .schedule(Schedule.constant(), 1)));
    }

    /**
     * One partition: the same examples in the same mini-batches in the same order, the gradient
     * from the executor's engine unchanged, the step by the driver's engine: the bits of
     * {@link Trainer} (which fuses BP4 with the step), L2 decay and the short last batch included.
     */
    @ParameterizedTest(name = "engine {0}")
    @ValueSource(strings = {"ref", "simd"})
    void onePartitionEqualsLocalTrainingBitForBit(String engine) {
        assertOnePartitionEqualsLocalTraining(engine, SGD);
    }

    /**
     * One partition with another optimiser: the driver's session, given the executor's gradient
     * with {@code setGradient}, takes the step Trainer's session takes with its own (penalty's
     * gradient, the rule, its state, the warmed-up η of the schedule), and the dropout masks of
     * each global mini-batch are the ones Trainer draws: Trainer's bits.
     */
    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("chapter3")
    void onePartitionWithChapter3SettingsEqualsLocalTrainingBitForBit(String engine, TrainingCase c) {
        assertOnePartitionEqualsLocalTraining(engine, c);
    }

    private static void assertOnePartitionEqualsLocalTraining(String engine, TrainingCase c) {
        assumeTrue(TestData.available(engine), engine + " is not available in this JVM (simd needs "
                + "--add-modules=jdk.incubator.vector)");
        Network network = TestData.network();
        Parameters local = TestData.parameters(network);
        c.local(engine).train(local, DATA, null);

        Parameters distributed = TestData.parameters(network);
        c.spark(Mode.synchronousGradient(), engine).train(distributed, TestData.rdd(LocalSpark.context(), DATA, 1), null);

        assertEquals(local, distributed, "mode 1 on one partition must give Trainer's bits (" + c + ")");
        assertNotEquals(TestData.parameters(network), distributed, "training changed nothing");
    }

    static Stream<Arguments> threePartitions() {
        TrainingCase sgd = SGD;
        TrainingCase adam = SGD.named("adam, L1, dropout, warm-up").with(Optimizer.adam(), 0.01).l1(0.3).dropout(0.4)
                .schedule(Schedule.constant(), 1);
        return Stream.of(Arguments.of("ref", sgd), Arguments.of("simd", sgd), Arguments.of("ref", adam),
                Arguments.of("simd", SGD.named("momentum, dropout").with(Optimizer.momentum(0.9), 0.2).dropout(0.5)));
    }

    /**
     * Three partitions (31, 32, 32 examples), each global mini-batch shared by whoever holds its
     * examples, each example with the dropout mask of its place in the batch: the result is the
     * sequential specification's, bit for bit, run after run.
     */
    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("threePartitions")
    void threePartitionsCombineInPartitionOrder(String engine, TrainingCase c) {
        assumeTrue(TestData.available(engine), engine + " is not available in this JVM");
        TrainingCase twoEpochs = c.forEpochs(2);
        Network network = TestData.network();
        Parameters expected;
        try (Engine e = TestData.engine(engine).open()) {
            expected = SequentialReference.synchronousGradient(e, TestData.parameters(network), DATA,
                    new int[] {0, 31, 63, 95}, twoEpochs);
        }
        for (int run = 1; run <= 2; run++) {
            Parameters distributed = TestData.parameters(network);
            twoEpochs.spark(Mode.synchronousGradient(), engine).train(distributed,
                    TestData.rdd(LocalSpark.context(), DATA, 3), null);
            assertEquals(expected, distributed, "run " + run + ": mode 1 on three partitions (" + c + ")");
        }
    }
}
