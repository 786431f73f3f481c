package dev.backprop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** {@link TrainingOrder}: the shuffle network.py's random.shuffle does, and the batches of an epoch. */
class TrainingOrderTest {

    /**
     * The JDK's {@code Collections.shuffle(list, random)} is the same Fisher–Yates (swap i−1 with
     * nextInt(i), from the end), written independently: epoch after epoch, on one Random, the
     * orders must agree.
     */
    @Test
    void eachEpochShufflesThePreviousOrderAsCollectionsShuffleDoes() {
        int n = 37;
        TrainingOrder order = new TrainingOrder(n, 10, 42);
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            expected.add(i);
        }
        Random random = new Random(42);
        for (int epoch = 1; epoch <= 4; epoch++) {
            Collections.shuffle(expected, random);
            int[] actual = order.nextEpoch();
            assertArrayEquals(expected.stream().mapToInt(Integer::intValue).toArray(), actual, "epoch " + epoch);
            assertEquals(epoch, order.epoch());
        }
    }

    /** Changing the array an epoch returned does not change the next epoch. */
    @Test
    void theReturnedOrderIsACopy() {
        TrainingOrder changed = new TrainingOrder(9, 2, 1);
        int[] first = changed.nextEpoch();
        first[0] = first[1];
        TrainingOrder untouched = new TrainingOrder(9, 2, 1);
        untouched.nextEpoch();
        assertArrayEquals(untouched.nextEpoch(), changed.nextEpoch());
    }

    /** 23 = 4 × 5 + 3: five batches, the last of three; a batch larger than n is one batch of n. */
    @Test
    void batchesCoverTheEpochAndTheLastMayBeShort() {
        TrainingOrder order = new TrainingOrder(23, 5, 1);
        assertEquals(5, order.batches());
        assertEquals(5, order.miniBatchSize());
        assertEquals(20, order.batchStart(4));
        assertEquals(23, order.batchEnd(4));
        assertEquals(10, order.batchEnd(1));
        assertThrows(IndexOutOfBoundsException.class, () -> order.batchStart(5));
        TrainingOrder whole = new TrainingOrder(7, 100, 1);
        assertEquals(1, whole.batches());
        assertEquals(7, whole.miniBatchSize());
        assertEquals(7, whole.batchEnd(0));
    }

    @Test
    void refusesEmptySetsAndBatches() {
        assertEquals("the training set must hold at least 1 example, got 0",
                assertThrows(IllegalArgumentException.class, () -> new TrainingOrder(0, 10, 1)).getMessage());
        assertEquals("the mini-batch size must be at least 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> new TrainingOrder(10, 0, 1)).getMessage());
    }

    /** A restored state continues with the epochs that followed it, on a fresh order. */
    @Test
    void aRestoredStateContinuesTheSameEpochs() {
        TrainingOrder first = new TrainingOrder(31, 4, 9);
        first.nextEpoch();
        first.nextEpoch();
        TrainingOrder.State saved = first.state();
        int[] third = first.nextEpoch();
        int[] fourth = first.nextEpoch();
        TrainingOrder resumed = new TrainingOrder(31, 4, 777);
        resumed.restore(saved);
        assertEquals(2, resumed.epoch());
        assertArrayEquals(third, resumed.nextEpoch());
        assertArrayEquals(fourth, resumed.nextEpoch());
        int[] broken = saved.order();
        broken[0] = broken[1];
        assertThrows(IllegalArgumentException.class, () -> new TrainingOrder.State(broken, 2, saved.random()));
        assertThrows(IllegalArgumentException.class, () -> new TrainingOrder(30, 4, 1).restore(saved));
    }
}
