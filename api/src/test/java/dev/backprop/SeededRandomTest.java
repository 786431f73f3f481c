package dev.backprop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * {@link SeededRandom} gives java.util.Random's values (the JDK's own implementation is the
 * oracle), and a restored state continues the sequence exactly.
 */
class SeededRandomTest {

    @Test
    void everyMethodTrainingUsesGivesRandomsValues() {
        for (long seed : new long[] {0, 1, 42, -7, Long.MAX_VALUE, 0x5DEECE66DL}) {
            Random expected = new Random(seed);
            SeededRandom actual = new SeededRandom(seed);
            for (int i = 0; i < 2000; i++) {
                int bound = 1 + (i * 7919) % 100_003;
                assertEquals(expected.nextInt(bound), actual.nextInt(bound), "nextInt(" + bound + ") #" + i);
                assertEquals(expected.nextFloat(), actual.nextFloat(), "nextFloat #" + i);
                assertEquals(expected.nextDouble(), actual.nextDouble(), "nextDouble #" + i);
                assertEquals(expected.nextGaussian(), actual.nextGaussian(), "nextGaussian #" + i);
                assertEquals(expected.nextLong(), actual.nextLong(), "nextLong #" + i);
                assertEquals(expected.nextBoolean(), actual.nextBoolean(), "nextBoolean #" + i);
                assertEquals(expected.nextInt(), actual.nextInt(), "nextInt #" + i);
                // An odd number of Gaussians leaves one waiting: the state must carry it.
                if (i % 3 == 0) {
                    assertEquals(expected.nextGaussian(), actual.nextGaussian(), "second nextGaussian #" + i);
                }
            }
        }
    }

    @Test
    void setSeedStartsRandomsSequenceAgain() {
        SeededRandom actual = new SeededRandom(5);
        actual.nextGaussian();
        actual.setSeed(99);
        Random expected = new Random(99);
        for (int i = 0; i < 10; i++) {
            assertEquals(expected.nextGaussian(), actual.nextGaussian());
        }
    }

    @Test
    void aRestoredStateContinuesTheSequenceEvenWithAGaussianWaiting() {
        SeededRandom random = new SeededRandom(3);
        random.nextGaussian(); // the second value of the pair now waits
        SeededRandom.State saved = random.state();
        double[] first = {random.nextGaussian(), random.nextInt(1000), random.nextFloat(), random.nextGaussian()};
        SeededRandom other = new SeededRandom(12345);
        other.restore(saved);
        double[] again = {other.nextGaussian(), other.nextInt(1000), other.nextFloat(), other.nextGaussian()};
        assertArrayEquals(first, again);
        assertEquals(saved, new SeededRandom.State(saved.seed(), saved.haveNextNextGaussian(), saved.nextNextGaussian()));
    }

    @Test
    void aStateOutside48BitsIsRefused() {
        assertEquals("a SeededRandom state is 48 bits, got -1",
                assertThrows(IllegalArgumentException.class, () -> new SeededRandom.State(-1, false, 0)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SeededRandom.State(1L << 48, false, 0));
    }
}
