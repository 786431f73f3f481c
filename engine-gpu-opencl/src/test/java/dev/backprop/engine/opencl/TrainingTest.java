package dev.backprop.engine.opencl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.Activation;
import dev.backprop.Activations;
import dev.backprop.Costs;
import dev.backprop.Cost;
import dev.backprop.EpochReport;
import dev.backprop.Init;
import dev.backprop.Network;
import dev.backprop.Parameters;
import dev.backprop.Trainer;
import dev.backprop.data.Dataset;
import dev.backprop.spi.Engine;
import dev.backprop.tck.EngineChecks;

import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Whole training runs through dev.backprop.Trainer on the OpenCL engine. */
class TrainingTest {
    private static OpenClEngineProvider opencl;

    @BeforeAll
    static void requireOpenCl() {
        opencl = OpenClRuntime.require();
    }

    /** Two Gaussian blobs per class in an XOR layout: not linearly separable. */
    static Dataset xor(int n, long seed) {
        Random random = new Random(seed);
        float[] x = new float[n * 2];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            float cx = random.nextBoolean() ? -1f : 1f;
            float cy = random.nextBoolean() ? -1f : 1f;
            labels[i] = (cx > 0) != (cy > 0) ? 1 : 0;
            x[2 * i] = cx + 0.3f * (float) random.nextGaussian();
            x[2 * i + 1] = cy + 0.3f * (float) random.nextGaussian();
        }
        return Dataset.classification(x, 2, labels, 2);
    }

    static Stream<Arguments> networks() {
        return Stream.of(
                Arguments.of(Activations.SIGMOID, Activations.SIGMOID, Costs.QUADRATIC, 3.0, 0.0),
                Arguments.of(Activations.TANH, Activations.SIGMOID, Costs.CROSS_ENTROPY, 0.5, 0.0),
                Arguments.of(Activations.RELU, Activations.SOFTMAX, Costs.LOG_LIKELIHOOD, 0.1, 0.1));
    }

    /**
     * Eight epochs of mini-batches of 7 (the last one of each epoch shorter: 300 = 42 × 7 + 6)
     * through Trainer: the network learns XOR, the training cost falls, and a second run from
     * the same start gives the same bits. One step of the same network is held to the oracle
     * ({@link EngineChecks#step}); every operation on its own is in OpenClEngineTest.
     */
    @ParameterizedTest(name = "{0} hidden, {1} + {2}, η={3} λ={4}")
    @MethodSource("networks")
    void trainingLearnsXorDeterministicallyAndEachStepMatchesTheOracle(Activation hidden, Activation output, Cost cost,
                                                                      double eta, double lambda) {
        Network network = Network.builder(2).layer(16, hidden).layer(9, hidden).layer(2, output).cost(cost).build();
        Dataset train = xor(300, 1);
        Dataset test = xor(100, 2);
        Parameters start = Parameters.initialize(network, Init.SCALED_NORMAL, 5);
        Parameters first = start.copy();
        Parameters second = start.copy();
        List<EpochReport> history = trainer(eta, lambda).train(first, train, test);
        trainer(eta, lambda).train(second, train, test);
        for (int l = 0; l < network.depth(); l++) {
            assertArrayEquals(first.weights(l), second.weights(l), "w of layer " + (l + 2) + " on a second run");
            assertArrayEquals(first.biases(l), second.biases(l), "b of layer " + (l + 2) + " on a second run");
        }
        double accuracy = history.getLast().evaluationAccuracy().getAsDouble();
        double costBefore = history.getFirst().trainingCost().getAsDouble();
        double costAfter = history.getLast().trainingCost().getAsDouble();
        System.out.printf("training %s: accuracy %.2f, training cost %.4f after epoch 1, %.4f after epoch 8%n",
                network, accuracy, costBefore, costAfter);
        assertTrue(accuracy > 0.9, "the network did not learn XOR: accuracy " + accuracy);
        assertTrue(costAfter < costBefore, "the training cost rose from " + costBefore + " to " + costAfter);
        try (Engine engine = opencl.open()) {
            float decay = (float) (eta * lambda / train.size());
            assertTrue(new EngineChecks(engine).step(network, 7, (float) eta, decay, 9) <= 1);
        }
    }

    private static Trainer trainer(double eta, double lambda) {
        return Trainer.builder().engine(opencl).learningRate(eta).lambda(lambda).epochs(8).miniBatchSize(7).seed(3)
                .monitorAll(true).build();
    }
}
