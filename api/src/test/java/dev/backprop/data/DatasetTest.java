package dev.backprop.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DatasetTest {

    @Test
    void classificationMakesOneHotTargetsAndCopiesItsInput() {
        float[] x = {0, 0, 0, 1, 1, 0};
        Dataset d = Dataset.classification(x, 2, new int[] {2, 0, 1}, 3);
        x[0] = 9;
        assertEquals(3, d.size());
        assertArrayEquals(new float[] {0, 0, 1}, d.target(0));
        assertArrayEquals(new float[] {1, 0, 0}, d.target(1));
        assertArrayEquals(new float[] {0, 0}, d.input(0), "the data set keeps its own copy");
        assertEquals(1, d.label(2));
    }

    @Test
    void nanInputIsRejectedWithTheExampleIndex() {
        float[] x = new float[12];
        x[7] = Float.NaN;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Dataset.classification(x, 3, new int[] {0, 1, 0, 1}, 2));
        assertTrue(e.getMessage().contains("example 2") && e.getMessage().contains("input 1") && e.getMessage().contains("NaN"),
                e.getMessage());
    }

    @Test
    void infiniteTargetIsRejectedWithTheExampleIndex() {
        float[] y = {0, 1, Float.POSITIVE_INFINITY, 0};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Dataset.of(new float[] {1, 2}, 1, y, 2));
        assertTrue(e.getMessage().contains("example 1") && e.getMessage().contains("Infinity"), e.getMessage());
    }

    @Test
    void shapesAndLabelsAreChecked() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Dataset.classification(new float[5], 2, new int[] {0, 1}, 2));
        assertTrue(e.getMessage().contains("2 examples × 2 inputs = 4") && e.getMessage().contains("got 5"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Dataset.classification(new float[4], 2, new int[] {0, 2}, 2));
        assertTrue(e.getMessage().contains("example 1") && e.getMessage().contains("is 2"), e.getMessage());
    }

    @Test
    void regressionSetsHaveNoLabels() {
        Dataset d = Dataset.of(new float[] {1, 2}, 1, new float[] {0.5f, 0.25f}, 1);
        assertFalse(d.hasLabels());
        assertThrows(IllegalStateException.class, () -> d.label(0));
    }

    @Test
    void sliceKeepsTheExamplesInOrder() {
        Dataset d = Dataset.classification(new float[] {0, 1, 2, 3}, 1, new int[] {0, 1, 0, 1}, 2).slice(1, 3);
        assertEquals(2, d.size());
        assertArrayEquals(new float[] {1}, d.input(0));
        assertEquals(0, d.label(1));
    }
}
