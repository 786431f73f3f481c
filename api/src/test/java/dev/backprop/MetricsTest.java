package dev.backprop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Metrics on cases small enough to work out by hand (the expected values are in the comments). */
class MetricsTest {
    @Test
    void classificationReportWorkedByHand() {
        // true:      a a a b b c
        // predicted: a a b b c c
        int[] actual = {0, 0, 0, 1, 1, 2};
        int[] predicted = {0, 0, 1, 1, 2, 2};
        ClassificationMetrics m = ClassificationMetrics.of(actual, predicted, List.of("a", "b", "c"));
        assertEquals(4.0 / 6, m.accuracy(), 1e-12);
        assertArrayEquals(new int[][] {{2, 1, 0}, {0, 1, 1}, {0, 0, 1}}, m.confusion());
        // a: precision 2/2, recall 2/3, F1 0.8.  b: 1/2, 1/2, 0.5.  c: 1/2, 1/1, 2/3.
        assertEquals(1.0, m.precision(0), 1e-12);
        assertEquals(2.0 / 3, m.recall(0), 1e-12);
        assertEquals(0.8, m.f1(0), 1e-12);
        assertEquals(0.5, m.f1(1), 1e-12);
        assertEquals(2.0 / 3, m.f1(2), 1e-12);
        assertEquals((1 + 0.5 + 0.5) / 3, m.macroPrecision(), 1e-12);
        assertEquals((2.0 / 3 + 0.5 + 1) / 3, m.macroRecall(), 1e-12);
        assertEquals((0.8 + 0.5 + 2.0 / 3) / 3, m.macroF1(), 1e-12);
        // Weighted by support 3, 2, 1.
        assertEquals((3 * 1 + 2 * 0.5 + 0.5) / 6, m.weightedPrecision(), 1e-12);
        assertEquals(m.accuracy(), m.weightedRecall(), 1e-12, "weighted recall is accuracy");
        assertEquals((3 * 0.8 + 2 * 0.5 + 2.0 / 3) / 6, m.weightedF1(), 1e-12);
        String report = m.toString();
        assertTrue(report.startsWith("accuracy 0.6667 (4 of 6)"), report);
        assertTrue(report.contains("macro avg") && report.contains("weighted avg") && report.contains("confusion"), report);
    }

    @Test
    void classNeverPredictedHasPrecisionZero() {
        ClassificationMetrics m = ClassificationMetrics.of(new int[] {0, 1}, new int[] {0, 0}, List.of("x", "y"));
        assertEquals(0, m.precision(1));
        assertEquals(0, m.f1(1));
        assertEquals(0.5, m.precision(0), 1e-12);
    }

    @Test
    void regressionWorkedByHand() {
        // y = 1, 2, 3, 4; ŷ = 1, 3, 3, 2: errors 0, −1, 0, 2 → MSE 5/4, MAE 3/4; SS_tot = 5 → R² = 1 − 5/5 = 0.
        // Second target y = 0, 0, 1, 1; ŷ = 0, 0, 1, 0.5: MSE 1/16, MAE 1/8, SS_tot 1 → R² = 1 − 1/4 = 0.75.
        float[] actual = {1, 0, 2, 0, 3, 1, 4, 1};
        float[] predicted = {1, 0, 3, 0, 3, 1, 2, 0.5f};
        RegressionMetrics m = RegressionMetrics.of(actual, predicted, 2, List.of("y", "z"));
        assertEquals(1.25, m.mse(0), 1e-12);
        assertEquals(0.75, m.mae(0), 1e-12);
        assertEquals(0.0, m.r2(0), 1e-12);
        assertEquals(0.0625, m.mse(1), 1e-12);
        assertEquals(0.125, m.mae(1), 1e-12);
        assertEquals(0.75, m.r2(1), 1e-12);
        assertEquals((1.25 + 0.0625) / 2, m.mse(), 1e-12);
        assertEquals(0.375, m.r2(), 1e-12);
        assertTrue(m.toString().contains("y: R² 0.0000, MSE 1.25000"), m.toString());
        assertTrue(m.toString().contains("average over 2 targets"), m.toString());
    }

    @Test
    void perfectPredictionOfAConstantHasR2One() {
        RegressionMetrics m = RegressionMetrics.of(new float[] {2, 2}, new float[] {2, 2}, 1, List.of("c"));
        assertEquals(1.0, m.r2());
        assertEquals(0.0, RegressionMetrics.of(new float[] {2, 2}, new float[] {2, 3}, 1, List.of("c")).r2());
    }

    @Test
    void badArgumentsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> ClassificationMetrics.of(new int[] {0}, new int[] {3},
                List.of("a", "b")));
        assertThrows(IllegalArgumentException.class, () -> ClassificationMetrics.of(new int[] {0}, new int[] {0, 1},
                List.of("a", "b")));
        assertThrows(IllegalArgumentException.class, () -> RegressionMetrics.of(new float[] {1}, new float[] {Float.NaN}, 1,
                List.of("y")));
        assertThrows(IllegalArgumentException.class, () -> RegressionMetrics.of(new float[] {1, 2}, new float[] {1, 2}, 2,
                List.of("y")));
    }
}
