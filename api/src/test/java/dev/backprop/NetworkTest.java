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
        assertEquals(Activation.SIGMOID, n.layer(0).activation());
        assertEquals(Activation.SIGMOID, n.layer(1).activation());
        assertEquals(Cost.QUADRATIC, n.cost());
        assertEquals(784, n.fanIn(0));
        assertEquals(30, n.fanIn(1));
        assertEquals(30 * 785 + 10 * 31, n.parameterCount());
    }

    @Test
    void softmaxWithLogLikelihoodIsLegal() {
        Network n = Network.builder(3).layer(4, Activation.RELU).layer(2, Activation.SOFTMAX).cost(Cost.LOG_LIKELIHOOD).build();
        assertEquals(2, n.outputWidth());
    }

    @Test
    void softmaxInAHiddenLayerIsRejectedWithTheReason() {
        assertRejected(() -> Network.builder(3).layer(4, Activation.SOFTMAX).layer(2, Activation.SOFTMAX)
                .cost(Cost.LOG_LIKELIHOOD).build(), "layer 2", "only legal in the output layer");
    }

    @Test
    void softmaxWithoutLogLikelihoodIsRejected() {
        assertRejected(() -> Network.builder(3).layer(2, Activation.SOFTMAX).cost(Cost.QUADRATIC).build(),
                "softmax", "log-likelihood");
        assertRejected(() -> Network.builder(3).layer(2, Activation.SOFTMAX).cost(Cost.CROSS_ENTROPY).build(),
                "softmax", "log-likelihood");
    }

    @Test
    void logLikelihoodWithoutSoftmaxIsRejected() {
        assertRejected(() -> Network.builder(3).layer(2, Activation.SIGMOID).cost(Cost.LOG_LIKELIHOOD).build(),
                "log-likelihood", "softmax");
    }

    @Test
    void crossEntropyNeedsOutputsBetweenZeroAndOne() {
        assertRejected(() -> Network.builder(3).layer(2, Activation.RELU).cost(Cost.CROSS_ENTROPY).build(),
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
    void builtinsAreFoundByName() {
        assertEquals(Activation.TANH, Activation.builtin("TANH"));
        assertEquals(Cost.CROSS_ENTROPY, Cost.builtin("cross_entropy"));
        assertEquals(Cost.LOG_LIKELIHOOD, Cost.builtin("log-likelihood"));
        assertRejected(() -> Activation.builtin("swish"), "swish", "sigmoid, tanh");
        assertRejected(() -> Cost.builtin("hinge"), "hinge", "quadratic");
    }

    private static void assertRejected(Executable build, String... words) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build);
        for (String word : words) {
            assertTrue(e.getMessage().contains(word), "message lacks '" + word + "': " + e.getMessage());
        }
    }
}
