package dev.backprop.engine.ref;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.Backpropagation;
import dev.backprop.Init;
import dev.backprop.Network;
import dev.backprop.Parameters;
import dev.backprop.spi.Engine;

import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * {@link Backpropagation#step}: the fused path {@code Trainer} takes must move the parameters
 * exactly as {@code backpropagate()} then {@code update()} do, and must refuse to hand out the
 * weight gradient it did not keep.
 */
class BackpropagationStepTest {
    private static final Network NETWORK = Network.of(13, 9, 7, 4);
    private static final int BATCH = 6;

    @Test
    void stepMovesTheParametersAsBackpropagateThenUpdate() {
        Parameters start = Parameters.initialize(NETWORK, Init.STANDARD_NORMAL, 5);
        Parameters fused = train(start, true);
        Parameters separate = train(start, false);
        for (int l = 0; l < NETWORK.depth(); l++) {
            // Every δ must come from the weights before the step: a step that updated W^{l+1} before
            // BP2 read it would give other bits here.
            assertArrayEquals(separate.weights(l), fused.weights(l), "w of layer " + (l + 2));
            assertArrayEquals(separate.biases(l), fused.biases(l), "b of layer " + (l + 2));
        }
    }

    @Test
    void theGradientIsRefusedAfterAStepAndAvailableAgainAfterBackpropagate() {
        try (Engine engine = new RefEngineProvider().open(); Backpropagation bp = Backpropagation.open(engine, NETWORK)) {
            bp.setParameters(Parameters.initialize(NETWORK, Init.STANDARD_NORMAL, 5));
            feed(bp, 1);
            bp.step(0.5f, 0f);
            Parameters gradient = Parameters.zeros(NETWORK);
            IllegalStateException noGradient = assertThrows(IllegalStateException.class, () -> bp.getGradient(gradient));
            assertTrue(noGradient.getMessage().contains("step()"), noGradient.getMessage());
            IllegalStateException noUpdate = assertThrows(IllegalStateException.class, () -> bp.update(0.5f, 0f));
            assertTrue(noUpdate.getMessage().contains("backpropagate()"), noUpdate.getMessage());
            feed(bp, 2);
            bp.backpropagate();
            bp.getGradient(gradient);
            assertTrue(gradient.sumOfSquaredWeights() > 0, "the gradient after backpropagate() is all zeros");
        }
    }

    @Test
    void aNonFiniteDecayIsRefusedBeforeAnyLayerMoves() {
        Parameters start = Parameters.initialize(NETWORK, Init.STANDARD_NORMAL, 5);
        try (Engine engine = new RefEngineProvider().open(); Backpropagation bp = Backpropagation.open(engine, NETWORK)) {
            bp.setParameters(start);
            feed(bp, 1);
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> bp.step(0.5f, Float.NaN));
            assertTrue(refused.getMessage().contains("decay NaN"), refused.getMessage());
            Parameters after = Parameters.zeros(NETWORK);
            bp.getParameters(after);
            assertEquals(start, after);
        }
    }

    private static Parameters train(Parameters start, boolean fused) {
        try (Engine engine = new RefEngineProvider().open(); Backpropagation bp = Backpropagation.open(engine, NETWORK)) {
            bp.setParameters(start);
            for (int step = 0; step < 4; step++) {
                feed(bp, step);
                if (fused) {
                    bp.step(0.5f, 0.001f);
                } else {
                    bp.backpropagate();
                    bp.update(0.5f, 0.001f);
                }
            }
            Parameters after = Parameters.zeros(NETWORK);
            bp.getParameters(after);
            return after;
        }
    }

    private static void feed(Backpropagation bp, long seed) {
        Random random = new Random(seed);
        float[] x = new float[BATCH * NETWORK.inputWidth()];
        float[] y = new float[BATCH * NETWORK.outputWidth()];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextFloat();
        }
        for (int i = 0; i < y.length; i++) {
            y[i] = random.nextFloat();
        }
        bp.feedforward(x, 0, BATCH);
        bp.setTargets(y, 0);
    }
}
