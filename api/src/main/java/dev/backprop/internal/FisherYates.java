package dev.backprop.internal;

import java.util.Random;

/**
 * The one shuffle of the api: training order each epoch, and the rows a split assigns. Both
 * must give the same permutation for the same seed on every JVM, so there is one loop.
 */
public final class FisherYates {
    private FisherYates() {
    }

    /**
     * Permutes {@code a} in place, from the end: swap place i with {@code random.nextInt(i + 1)},
     * as Python's {@code random.shuffle}.
     *
     * @param a the array to permute
     * @param random the generator, which alone decides the permutation
     */
    public static void shuffle(int[] a, Random random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
