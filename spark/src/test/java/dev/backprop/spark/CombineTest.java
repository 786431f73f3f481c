package dev.backprop.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;

import org.junit.jupiter.api.Test;

/** {@link Combine}: exact for one partition, example-weighted in double for several, in partition order. */
class CombineTest {

    /** One contributor: its array itself, so even −0.0 and a float's last bit survive. */
    @Test
    void aSingleContributorPassesThroughUnchanged() {
        float[] values = {-0.0f, Math.nextUp(1f), 3e-38f};
        PartialResult only = new PartialResult(1, 7, 0.25, values, "ref", 0);
        Combine.Combined c = Combine.weightedMean(List.of(PartialResult.none(0), only, PartialResult.none(2)));
        assertSame(values, c.values());
        assertEquals(0.25, c.cost());
        assertEquals(7, c.examples());
        assertEquals(1, c.partitions());
    }

    /** (3 · 1 + 1 · 5) / 4 = 2 and (3 · 0.5 + 1 · 0.25) / 4 = 0.4375. */
    @Test
    void severalAreWeightedByTheirExamples() {
        Combine.Combined c = Combine.weightedMean(List.of(
                new PartialResult(0, 3, 0.5, new float[] {1, -2}, "ref", 0),
                new PartialResult(1, 1, 0.25, new float[] {5, 2}, "ref", 0)));
        assertArrayEquals(new float[] {2, -1}, c.values());
        assertEquals(0.4375, c.cost());
        assertEquals(4, c.examples());
        assertEquals(2, c.partitions());
    }

    /**
     * The sum is in double: 1 + 2⁻²⁴ + 2⁻²⁴ in float, added one at a time, would lose both small
     * terms (each is half an ulp of 1); in double the mean keeps them.
     */
    @Test
    void theSumIsInDouble() {
        float tiny = (float) Math.pow(2, -24);
        Combine.Combined c = Combine.weightedMean(List.of(
                new PartialResult(0, 1, 0, new float[] {1f}, "ref", 0),
                new PartialResult(1, 1, 0, new float[] {tiny}, "ref", 0),
                new PartialResult(2, 1, 0, new float[] {tiny}, "ref", 0)));
        assertEquals((float) ((1 + 2 * (double) tiny) / 3), c.values()[0]);
    }
}
