package dev.backprop.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Scaling is fitted on the rows given only; splits are seeded, stratified and partition the rows. */
class FeatureScalingAndSplitTest {
    private static TabularData table(String csv) throws Exception {
        return Csv.classification("y").read(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), "t.csv");
    }

    @Test
    void standardizeUsesMeanAndPopulationDeviation() throws Exception {
        // Column a: 1, 2, 3, 6 → mean 3, population variance (4 + 1 + 0 + 9) / 4 = 3.5.
        TabularData t = table("a,b,y\n1,5,p\n2,5,q\n3,5,p\n6,5,q\n");
        FeatureScaling s = FeatureScaling.fit(FeatureScaling.Kind.STANDARDIZE, t);
        assertArrayEquals(new float[] {3f, 5f}, s.centers());
        assertEquals((float) Math.sqrt(3.5), s.divisors()[0]);
        assertEquals(1f, s.divisors()[1], "a constant column divides by 1, not 0");
        assertArrayEquals(new float[] {(float) (3 / Math.sqrt(3.5)), 0f}, s.apply(new float[] {6, 5}), 1e-6f);
        assertArrayEquals(new float[] {6, 5}, s.invert(s.apply(new float[] {6, 5})), 1e-5f);
    }

    @Test
    void minMaxMapsTheTrainingRangeToZeroOne() throws Exception {
        TabularData t = table("a,y\n-2,p\n8,q\n3,p\n");
        FeatureScaling s = FeatureScaling.fit(FeatureScaling.Kind.MIN_MAX, t);
        assertArrayEquals(new float[] {0f}, s.apply(new float[] {-2}));
        assertArrayEquals(new float[] {1f}, s.apply(new float[] {8}));
        assertArrayEquals(new float[] {0.5f}, s.apply(new float[] {3}));
    }

    @Test
    void scalingFittedOnTheTrainingSplitIsAppliedUnchangedToTheTestSplit() throws Exception {
        TabularData t = table("a,y\n0,p\n10,q\n100,p\n1000,q\n");
        TabularData training = t.select(new int[] {0, 1});
        FeatureScaling s = FeatureScaling.fit(FeatureScaling.Kind.MIN_MAX, training);
        Dataset test = t.select(new int[] {2, 3}).toDataset(s);
        assertArrayEquals(new float[] {10f}, test.input(0), "(100 − 0) / 10: the test rows do not move the statistics");
        assertArrayEquals(new float[] {100f}, test.input(1));
    }

    @Test
    void storedScalingIsChecked() {
        assertThrows(IllegalArgumentException.class, () -> FeatureScaling.of(FeatureScaling.Kind.STANDARDIZE,
                new float[] {0}, new float[] {0}));
        assertThrows(IllegalArgumentException.class, () -> FeatureScaling.of(FeatureScaling.Kind.STANDARDIZE,
                new float[] {Float.NaN}, new float[] {1}));
        assertThrows(IllegalArgumentException.class, () -> FeatureScaling.of(FeatureScaling.Kind.STANDARDIZE,
                new float[] {0, 1}, new float[] {1}));
        assertThrows(IllegalArgumentException.class, () -> FeatureScaling.none(2).apply(new float[3]));
    }

    @Test
    void stratifiedSplitKeepsClassProportionsAndPartitionsTheRows() {
        int[] labels = new int[100];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i < 60 ? 0 : i < 90 ? 1 : 2; // 60 / 30 / 10
        }
        Split split = Split.stratified(labels, 0.2, 0.1, 7);
        assertEquals(70, split.training().length);
        assertEquals(10, split.validation().length);
        assertEquals(20, split.test().length);
        assertArrayEquals(new int[] {12, 6, 2}, count(labels, split.test()));
        assertArrayEquals(new int[] {6, 3, 1}, count(labels, split.validation()));
        Set<Integer> all = new HashSet<>();
        for (int[] part : List.of(split.training(), split.validation(), split.test())) {
            for (int i : part) {
                assertTrue(all.add(i), "index " + i + " is in two parts");
            }
        }
        assertEquals(100, all.size());
    }

    @Test
    void splitsAreSeeded() {
        int[] labels = new int[50];
        Arrays.setAll(labels, i -> i % 3);
        assertEquals(Split.stratified(labels, 0.3, 0, 1), Split.stratified(labels, 0.3, 0, 1));
        assertNotEquals(Split.stratified(labels, 0.3, 0, 1), Split.stratified(labels, 0.3, 0, 2));
        assertEquals(Split.random(50, 0.2, 0.2, 3), Split.random(50, 0.2, 0.2, 3));
        assertEquals(30, Split.random(50, 0.2, 0.2, 3).training().length);
    }

    @Test
    void aTinyClassKeepsItsExampleForTraining() {
        Split split = Split.stratified(new int[] {0, 0, 0, 0, 0, 1}, 0.5, 0.4, 1);
        assertTrue(Arrays.stream(split.training()).anyMatch(i -> i == 5), split.toString());
    }

    @Test
    void badFractionsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Split.random(10, 0.5, 0.5, 1));
        assertThrows(IllegalArgumentException.class, () -> Split.random(10, -0.1, 0, 1));
    }

    @Test
    void selectOnADatasetKeepsLabelsAndTargets() {
        Dataset labelled = Dataset.classification(new float[] {0, 1, 2}, 1, new int[] {2, 0, 1}, 3);
        Dataset part = Split.select(labelled, new int[] {2, 0});
        assertEquals(1, part.label(0));
        assertArrayEquals(new float[] {2}, part.input(0));
        assertEquals(2, part.label(1));
        Dataset regression = Dataset.of(new float[] {0, 1}, 1, new float[] {5, 6}, 1);
        assertArrayEquals(new float[] {6}, Split.select(regression, new int[] {1}).target(0));
    }

    private static int[] count(int[] labels, int[] part) {
        int[] counts = new int[3];
        for (int i : part) {
            counts[labels[i]]++;
        }
        return counts;
    }
}
