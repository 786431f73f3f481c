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
import org.junit.jupiter.params.provider.ValueSource;

/** Mode 1 on {@code local[2]}: one partition is local training; several follow the specification. */
class SynchronousGradientTest {
    /** 95 = 9 × 10 + 5: every epoch ends with a short mini-batch. */
    private static final Dataset DATA = TestData.classification(95, 8, 3);
    private static final double ETA = 0.5;
    private static final double LAMBDA = 2.0;

    private static SparkTrainer trainer(String engine, int epochs) {
        return SparkTrainer.builder().mode(Mode.synchronousGradient()).engine(engine)
                .learningRate(ETA).lambda(LAMBDA).miniBatchSize(10).epochs(epochs).seed(11).build();
    }

    /**
     * One partition: the same examples in the same mini-batches in the same order, the gradient
     * from the executor's engine unchanged, the step by the driver's engine: the bits of
     * {@link Trainer} (which fuses BP4 with the step), L2 decay and the short last batch included.
     */
    @ParameterizedTest(name = "engine {0}")
    @ValueSource(strings = {"ref", "simd"})
    void onePartitionEqualsLocalTrainingBitForBit(String engine) {
        assumeTrue(TestData.available(engine), engine + " is not available in this JVM (simd needs "
                + "--add-modules=jdk.incubator.vector)");
        Network network = TestData.network();
        Parameters local = TestData.parameters(network);
        Trainer.builder().engine(TestData.engine(engine)).learningRate(ETA).lambda(LAMBDA).miniBatchSize(10)
                .epochs(3).seed(11).build().train(local, DATA, null);

        Parameters distributed = TestData.parameters(network);
        trainer(engine, 3).train(distributed, TestData.rdd(LocalSpark.context(), DATA, 1), null);

        assertEquals(local, distributed, "mode 1 on one partition must give Trainer's bits");
        assertNotEquals(TestData.parameters(network), distributed, "training changed nothing");
    }

    /**
     * Three partitions (31, 32, 32 examples), each global mini-batch shared by whoever holds its
     * examples: the result is the sequential specification's, bit for bit, run after run.
     */
    @ParameterizedTest(name = "engine {0}")
    @ValueSource(strings = {"ref", "simd"})
    void threePartitionsCombineInPartitionOrder(String engine) {
        assumeTrue(TestData.available(engine), engine + " is not available in this JVM");
        Network network = TestData.network();
        Parameters expected;
        try (Engine e = TestData.engine(engine).open()) {
            expected = SequentialReference.synchronousGradient(e, TestData.parameters(network), DATA,
                    new int[] {0, 31, 63, 95}, 10, ETA, LAMBDA, 2, 11);
        }
        for (int run = 1; run <= 2; run++) {
            Parameters distributed = TestData.parameters(network);
            trainer(engine, 2).train(distributed, TestData.rdd(LocalSpark.context(), DATA, 3), null);
            assertEquals(expected, distributed, "run " + run + ": mode 1 on three partitions");
        }
    }
}
