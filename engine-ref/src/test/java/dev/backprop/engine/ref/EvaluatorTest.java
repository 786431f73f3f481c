package dev.backprop.engine.ref;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.Backpropagation;
import dev.backprop.Evaluation;
import dev.backprop.Evaluator;
import dev.backprop.Init;
import dev.backprop.Network;
import dev.backprop.Parameters;
import dev.backprop.data.Dataset;
import dev.backprop.spi.Engine;

import org.junit.jupiter.api.Test;

/**
 * {@link Evaluator} refuses what has no answer: an empty data set (issue 14: "0 / 0 (NaN %)" was
 * printed before) and one whose widths do not fit the network, naming what came and what was
 * expected; and on real data it counts what the network classifies right.
 */
class EvaluatorTest {
    private static final Network NETWORK = Network.of(3, 4, 2);

    @Test
    void anEmptyDataSetIsRefusedNotReportedAsNaN() {
        Dataset empty = Dataset.classification(new float[0], 3, new int[0], 2);
        try (Engine engine = new RefEngineProvider().open(); Backpropagation bp = opened(engine)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Evaluator.evaluate(bp, empty));
            assertTrue(e.getMessage().contains("0 examples"), e.getMessage());
        }
    }

    @Test
    void widthsThatDoNotFitTheNetworkAreNamed() {
        Dataset wide = Dataset.classification(new float[4], 4, new int[] {1}, 2);
        try (Engine engine = new RefEngineProvider().open(); Backpropagation bp = opened(engine)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Evaluator.evaluate(bp, wide));
            assertTrue(e.getMessage().contains("4 inputs") && e.getMessage().contains("needs 3"), e.getMessage());
        }
    }

    @Test
    void countsTheExamplesWhoseLargestOutputIsTheirLabel() {
        // Two examples whose labels are chosen from the network's own answers: one it gets right
        // by construction, and the other's label is the class it does not pick.
        float[] x = {0.1f, 0.9f, 0.3f, 0.8f, 0.2f, 0.5f};
        try (Engine engine = new RefEngineProvider().open(); Backpropagation bp = opened(engine)) {
            float[] out = new float[4];
            bp.feedforward(x, 0, 2);
            bp.readOutput(out, 0);
            int first = out[0] >= out[1] ? 0 : 1;
            int second = out[2] >= out[3] ? 0 : 1;
            Dataset data = Dataset.classification(x, 3, new int[] {first, 1 - second}, 2);
            Evaluation result = Evaluator.evaluate(bp, data);
            assertEquals(1, result.correct());
        }
    }

    private static Backpropagation opened(Engine engine) {
        Backpropagation bp = Backpropagation.open(engine, NETWORK);
        bp.setParameters(Parameters.initialize(NETWORK, Init.STANDARD_NORMAL, 3));
        return bp;
    }
}
