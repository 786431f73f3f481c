package dev.backprop.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.backprop.Network;
import dev.backprop.Parameters;
import dev.backprop.Trainer;
import dev.backprop.data.Dataset;
import dev.backprop.spi.Engine;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Mode 2 on {@code local[2]}: one partition is local training for any k; several average as specified. */
class LocalStepsTest {
    private static final Dataset DATA = TestData.classification(95, 8, 5);
    private static final double ETA = 1.0;
    private static final double LAMBDA = 1.0;

    private static SparkTrainer trainer(String engine, int k, int epochs) {
        return SparkTrainer.builder().mode(Mode.localSteps(k)).engine(engine)
                .learningRate(ETA).lambda(LAMBDA).miniBatchSize(10).epochs(epochs).seed(3).build();
    }

    /**
     * With one partition its walk is the whole epoch, each round continues it from where the last
     * stopped, and the "average" of one is the value itself: Trainer's bits, whatever k (1: a round
     * per step; 4: ten steps in rounds of 4, 4, 2; 1000: the whole epoch in one round).
     */
    @ParameterizedTest(name = "engine {0}, k = {1}")
    @CsvSource({"ref, 1", "ref, 4", "ref, 1000", "simd, 4"})
    void onePartitionEqualsLocalTrainingForAnyK(String engine, int k) {
        assumeTrue(TestData.available(engine), engine + " is not available in this JVM");
        Network network = TestData.network();
        Parameters local = TestData.parameters(network);
        Trainer.builder().engine(TestData.engine(engine)).learningRate(ETA).lambda(LAMBDA).miniBatchSize(10)
                .epochs(2).seed(3).build().train(local, DATA, null);

        Parameters distributed = TestData.parameters(network);
        trainer(engine, k, 2).train(distributed, TestData.rdd(LocalSpark.context(), DATA, 1), null);

        assertEquals(local, distributed, "mode 2 (k = " + k + ") on one partition must give Trainer's bits");
    }

    /**
     * Three partitions, k = 2: each walks its own examples in the epoch's order; after every two
     * local steps the parameters are averaged, weighted by the examples each used. Equal to the
     * sequential specification, bit for bit; and different from local training (it is another
     * algorithm, so a run that silently used one partition would fail here).
     */
    @ParameterizedTest(name = "engine {0}")
    @ValueSource(strings = {"ref", "simd"})
    void threePartitionsAverageInPartitionOrder(String engine) {
        assumeTrue(TestData.available(engine), engine + " is not available in this JVM");
        Network network = TestData.network();
        Parameters expected;
        try (Engine e = TestData.engine(engine).open()) {
            expected = SequentialReference.localSteps(e, TestData.parameters(network), DATA,
                    new int[] {0, 31, 63, 95}, 10, 2, ETA, LAMBDA, 2, 3);
        }
        Parameters distributed = TestData.parameters(network);
        trainer(engine, 2, 2).train(distributed, TestData.rdd(LocalSpark.context(), DATA, 3), null);
        assertEquals(expected, distributed, "mode 2 on three partitions");

        Parameters local = TestData.parameters(network);
        Trainer.builder().engine(TestData.engine(engine)).learningRate(ETA).lambda(LAMBDA).miniBatchSize(10)
                .epochs(2).seed(3).build().train(local, DATA, null);
        assertNotEquals(local, distributed, "three partitions averaged cannot be one sequential walk");
    }
}
