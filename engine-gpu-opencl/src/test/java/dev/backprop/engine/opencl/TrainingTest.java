package dev.backprop.engine.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import dev.backprop.engine.ref.RefEngineProvider;
import dev.backprop.spi.EngineProvider;

import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Whole training runs through dev.backprop.Trainer: the OpenCL engine ends where the reference does. */
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

    @ParameterizedTest(name = "{0} hidden, {1} + {2}, η={3} λ={4}")
    @MethodSource("networks")
    void trainingEndsNearTheReferenceParameters(Activation hidden, Activation output, Cost cost, double eta,
                                                double lambda) {
        Network network = Network.builder(2).layer(16, hidden).layer(9, hidden).layer(2, output).cost(cost).build();
        Dataset train = xor(300, 1);
        Dataset test = xor(100, 2);
        Parameters start = Parameters.initialize(network, Init.SCALED_NORMAL, 5);
        Parameters onRef = start.copy();
        Parameters onOpenCl = start.copy();
        List<EpochReport> refHistory = trainer(new RefEngineProvider(), eta, lambda).train(onRef, train, test);
        List<EpochReport> clHistory = trainer(opencl, eta, lambda).train(onOpenCl, train, test);
        double worst = 0;
        for (int l = 0; l < network.depth(); l++) {
            worst = Math.max(worst, maxDifference(onRef.weights(l), onOpenCl.weights(l)));
            worst = Math.max(worst, maxDifference(onRef.biases(l), onOpenCl.biases(l)));
        }
        // 8 epochs × 43 steps of float32 arithmetic whose roundings differ (fma, sum order):
        // differences start at ~1e-7 and grow slowly through training, not to 1e-3.
        assertTrue(worst < 1e-3, "largest parameter difference after training: " + worst);
        double refAccuracy = refHistory.getLast().evaluationAccuracy().getAsDouble();
        double clAccuracy = clHistory.getLast().evaluationAccuracy().getAsDouble();
        System.out.printf("training %s: largest parameter difference %.3g, accuracy ref %.2f opencl %.2f%n",
                network, worst, refAccuracy, clAccuracy);
        assertEquals(refAccuracy, clAccuracy, 0.011, "evaluation accuracy");
        assertTrue(clAccuracy > 0.9, "the network did not learn XOR: accuracy " + clAccuracy);
        assertEquals(refHistory.getLast().trainingCost().getAsDouble(), clHistory.getLast().trainingCost().getAsDouble(),
                1e-4, "training cost");
    }

    private static Trainer trainer(EngineProvider engine, double eta, double lambda) {
        return Trainer.builder().engine(engine).learningRate(eta).lambda(lambda).epochs(8).miniBatchSize(7).seed(3)
                .monitorAll(true).build();
    }

    private static double maxDifference(float[] a, float[] b) {
        double worst = 0;
        for (int i = 0; i < a.length; i++) {
            worst = Math.max(worst, Math.abs((double) a[i] - b[i]));
        }
        return worst;
    }
}
