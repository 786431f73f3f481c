package dev.backprop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class NetworkTest {

    @Test
    void ofIsTheBooksSigmoidQuadraticNetwork() {
        Network n = Network.of(784, 30, 10);
        assertArrayEquals(new int[] {784, 30, 10}, n.sizes());
        assertEquals(Activations.SIGMOID, n.layer(0).activation());
        assertEquals(Activations.SIGMOID, n.layer(1).activation());
        assertEquals(Costs.QUADRATIC, n.cost());
        assertEquals(784, n.fanIn(0));
        assertEquals(30, n.fanIn(1));
        assertEquals(30 * 785 + 10 * 31, n.parameterCount());
    }

    @Test
    void softmaxWithLogLikelihoodIsLegal() {
        Network n = Network.builder(3).layer(4, Activations.RELU).layer(2, Activations.SOFTMAX).cost(Costs.LOG_LIKELIHOOD).build();
        assertEquals(2, n.outputWidth());
    }

    @Test
    void softmaxInAHiddenLayerIsRejectedWithTheReason() {
        assertRejected(() -> Network.builder(3).layer(4, Activations.SOFTMAX).layer(2, Activations.SOFTMAX)
                .cost(Costs.LOG_LIKELIHOOD).build(), "layer 2", "only legal in the output layer");
    }

    @Test
    void softmaxWithoutLogLikelihoodIsRejected() {
        assertRejected(() -> Network.builder(3).layer(2, Activations.SOFTMAX).cost(Costs.QUADRATIC).build(),
                "softmax", "log-likelihood");
        assertRejected(() -> Network.builder(3).layer(2, Activations.SOFTMAX).cost(Costs.CROSS_ENTROPY).build(),
                "softmax", "log-likelihood");
    }

    @Test
    void logLikelihoodWithoutSoftmaxIsRejected() {
        assertRejected(() -> Network.builder(3).layer(2, Activations.SIGMOID).cost(Costs.LOG_LIKELIHOOD).build(),
                "log-likelihood", "softmax");
    }

    @Test
    void crossEntropyNeedsOutputsBetweenZeroAndOne() {
        assertRejected(() -> Network.builder(3).layer(2, Activations.RELU).cost(Costs.CROSS_ENTROPY).build(),
                "cross-entropy", "relu");
    }

    @Test
    void zeroOrNegativeWidthsAreRejected() {
        assertRejected(() -> Network.of(784, 0, 10), "at least 1 neuron", "width 0");
        assertRejected(() -> Network.of(784, -3, 10), "at least 1 neuron", "width -3");
        assertRejected(() -> Network.of(0, 10), "input", "got 0");
        assertRejected(() -> Network.of(784), "at least one layer", "[784]");
        assertRejected(() -> Network.builder(3).build(), "at least one layer", "layer(width, activation)");
    }

    @Test
    void layersTooLargeForOneArrayAreRejectedInsteadOfOverflowing() {
        // 65536 × 65536 wrapped to 0 in int arithmetic, 50000² to a negative length.
        assertRejected(() -> Network.of(65536, 65536), "layer 2", "65536 × 65536 = 4294967296 weights",
                "more than the 2147483639");
        assertRejected(() -> Network.of(50000, 50000), "50000 × 50000 = 2500000000 weights");
        assertRejected(() -> Network.of(784, 3_000_000, 10), "layer 2", "3000000 × 784 = 2352000000 weights");
    }

    @Test
    void builtinsAreFoundByName() {
        assertEquals(Activations.TANH, Activations.byId("TANH"));
        assertEquals(Costs.CROSS_ENTROPY, Costs.byId("cross_entropy"));
        assertEquals(Costs.LOG_LIKELIHOOD, Costs.byId("log-likelihood"));
        assertRejected(() -> Activations.byId("swish"), "swish", "sigmoid, tanh");
        assertRejected(() -> Costs.byId("hinge"), "hinge", "quadratic");
    }

    private static void assertRejected(Executable build, String... words) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build);
        for (String word : words) {
            assertTrue(e.getMessage().contains(word), "message lacks '" + word + "': " + e.getMessage());
        }
    }
}
