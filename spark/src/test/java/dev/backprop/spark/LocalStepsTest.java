package dev.backprop.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.backprop.Network;
import dev.backprop.Optimizer;
import dev.backprop.Parameters;
import dev.backprop.Schedule;
import dev.backprop.data.Dataset;
import dev.backprop.spi.Engine;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Mode 2 on {@code local[2]}: one partition is local training for any k and any optimiser;
 * several average parameters and optimiser state as specified.
 */
class LocalStepsTest {
    private static final Dataset DATA = TestData.classification(95, 8, 5);
    private static final int[] THREE = {0, 31, 63, 95};
    /** 2, 4 and 5 local mini-batches: with k = 2, partitions drop out of later rounds and the step counts differ. */
    private static final int[] UNEVEN = {0, 11, 51, 95};
    private static final TrainingCase SGD = TrainingCase.sgd(1.0, 1.0, 2, 3);
    private static final TrainingCase ADAM = SGD.named("adam, L1, dropout, step schedule, warm-up")
            .with(Optimizer.adam(), 0.01).l1(0.3).dropout(0.4).schedule(Schedule.step(1, 0.5), 1);

    /**
     * With one partition its walk is the whole epoch, each round continues it from where the last
     * stopped (parameters, optimiser state and step count, dropout stream), and the "average" of
     * one is the value itself: Trainer's bits, whatever k (1: a round per step; 4: ten steps in
     * rounds of 4, 4, 2; 1000: the whole epoch in one round).
     */
    static Stream<Arguments> onePartition() {
        return Stream.of(
                Arguments.of("ref", 1, SGD),
                Arguments.of("ref", 4, SGD),
                Arguments.of("ref", 1000, SGD),
                Arguments.of("simd", 4, SGD),
                Arguments.of("ref", 4, SGD.named("momentum, L1 and L2").with(Optimizer.momentum(0.9), 0.2).l1(1.0)),
                Arguments.of("ref", 1, ADAM),
                Arguments.of("ref", 4, SGD.named("rmsprop, dropout, exponential schedule").with(Optimizer.rmsProp(), 0.005)
                        .dropout(0.3).schedule(Schedule.exponential(0.8), 0)),
                Arguments.of("simd", 4, ADAM));
    }

    @ParameterizedTest(name = "{2} on {0}, k = {1}")
    @MethodSource("onePartition")
    void onePartitionEqualsLocalTrainingForAnyK(String engine, int k, TrainingCase c) {
        assumeTrue(TestData.available(engine), engine + " is not available in this JVM");
        Network network = TestData.network();
        Parameters local = TestData.parameters(network);
        c.local(engine).train(local, DATA, null);

        Parameters distributed = TestData.parameters(network);
        c.spark(Mode.localSteps(k), engine).train(distributed, TestData.rdd(LocalSpark.context(), DATA, 1), null);

        assertEquals(local, distributed, "mode 2 (k = " + k + ", " + c + ") on one partition must give Trainer's bits");
    }

    static Stream<Arguments> threePartitions() {
        return Stream.of(Arguments.of("ref", SGD, THREE), Arguments.of("simd", SGD, THREE),
                Arguments.of("ref", ADAM, UNEVEN), Arguments.of("simd", ADAM, THREE));
    }

    /**
     * Three partitions, k = 2: each walks its own examples in the epoch's order, with a dropout
     * stream of its own; after every two local steps the parameters and the optimiser's state are
     * averaged, weighted by the examples each used (partitions whose walk has ended sit a round
     * out; Adam's t goes on from the most steps taken). Equal to the sequential specification,
     * bit for bit; and different from local training (it is another algorithm, so a run that
     * silently used one partition would fail here).
     */
    @ParameterizedTest(name = "{1} on {0}, partitions at {2}")
    @MethodSource("threePartitions")
    void threePartitionsAverageInPartitionOrder(String engine, TrainingCase c, int[] cuts) {
        assumeTrue(TestData.available(engine), engine + " is not available in this JVM");
        Network network = TestData.network();
        Parameters expected;
        try (Engine e = TestData.engine(engine).open()) {
            expected = SequentialReference.localSteps(e, TestData.parameters(network), DATA, cuts, 2, c, true);
        }
        Parameters distributed = TestData.parameters(network);
        c.spark(Mode.localSteps(2), engine).train(distributed, TestData.rdd(LocalSpark.context(), DATA, cuts), null);
        assertEquals(expected, distributed, "mode 2 on three partitions (" + c + ")");

        Parameters local = TestData.parameters(network);
        c.local(engine).train(local, DATA, null);
        assertNotEquals(local, distributed, "three partitions averaged cannot be one sequential walk");
    }

    /**
     * The momentum each partition built up in a round goes into the next round averaged, as the
     * parameters do: the run equals the specification that averages the velocities, and differs
     * from the one in which they do not survive a round (what averaging only the parameters would
     * give), so a trainer that dropped or failed to average the state would fail here.
     */
    @Test
    void theOptimiserStateIsAveragedWithTheParameters() {
        TrainingCase momentum = SGD.named("momentum").with(Optimizer.momentum(0.9), 0.2);
        Network network = TestData.network();
        Parameters averaged;
        Parameters dropped;
        try (Engine e = TestData.engine("ref").open()) {
            averaged = SequentialReference.localSteps(e, TestData.parameters(network), DATA, THREE, 2, momentum, true);
            dropped = SequentialReference.localSteps(e, TestData.parameters(network), DATA, THREE, 2, momentum, false);
        }
        assertNotEquals(averaged, dropped, "the state must matter in this run, or the test could not tell");
        Parameters distributed = TestData.parameters(network);
        momentum.spark(Mode.localSteps(2), "ref").train(distributed, TestData.rdd(LocalSpark.context(), DATA, 3), null);
        assertEquals(averaged, distributed, "mode 2 must average the velocities with the parameters");
    }
}
