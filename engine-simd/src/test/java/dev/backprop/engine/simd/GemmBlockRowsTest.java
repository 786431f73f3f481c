package dev.backprop.engine.simd;

import static dev.backprop.engine.simd.Fixtures.assertSameBits;
import static dev.backprop.engine.simd.Fixtures.random;
import static dev.backprop.engine.simd.MicroKernels.MR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

/**
 * The height of the packed blocks of A follows the machine's L2, so it must change nothing but
 * speed: the same bits for every height, for all three products.
 */
class GemmBlockRowsTest {
    @Test
    void blockOfAFillsHalfOfL2InWholeTiles() {
        for (long l2 : new long[] {256 << 10, 1 << 20, 1_310_720, 2 << 20, 3 << 20}) {
            int rows = Gemm.blockRows(l2);
            long bytes = (long) rows * Gemm.KC * Float.BYTES;
            assertEquals(0, rows % MR, l2 + " bytes of L2: " + rows + " rows");
            assertTrue(bytes <= l2 / 2, l2 + " bytes of L2: a block of " + bytes + " bytes is more than half");
            assertTrue(bytes + (long) MR * Gemm.KC * Float.BYTES > l2 / 2,
                    l2 + " bytes of L2: another tile of rows would still fit in half");
        }
    }

    @Test
    void blockHeightIsBoundedForTinyAndHugeCaches() {
        assertEquals(MR, Gemm.blockRows(1024));
        assertTrue(Gemm.blockRows(1L << 34) <= 1024);
    }

    @Test
    void rejectsAHeightThatIsNotWholeTiles() {
        Workers workers = new Workers(1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Gemm(workers, MR + 1));
        assertTrue(e.getMessage().contains("got " + (MR + 1)), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Gemm(workers, 0));
    }

    @Test
    void everyBlockHeightGivesTheSameBits() {
        // Two threads of 300 rows each: several blocks per thread at the small heights, one at the
        // largest; k longer than one k block, so the accumulating path runs too.
        int m = 600;
        int n = 40;
        int k = Gemm.KC + 76;
        int[] heights = {MR, 2 * MR, Gemm.blockRows(2 << 20), Gemm.blockRows(1L << 34)};
        Workers workers = new Workers(2);
        try {
            for (int shape : new int[] {Gemm.NT, Gemm.NN, Gemm.TN}) {
                assertTrue(Gemm.usePacking(shape, m, n, k), "shape " + shape + " must take the packed path");
                float[] a = random(11 + shape, m * k, -1, 1);
                float[] b = random(17 + shape, n * k, -1, 1);
                float[] first = null;
                for (int rows : heights) {
                    float[] c = new float[m * n];
                    Arrays.fill(c, Float.NaN);
                    Finish.Mean identity = new Finish.Mean();
                    identity.inverseCount = 1f;
                    new Gemm(workers, rows).multiply(shape, a, b, c, m, n, k, identity);
                    if (first == null) {
                        first = c;
                        assertClose(shape, a, b, c, m, n, k);
                    } else {
                        assertSameBits("shape " + shape + ", " + rows + " rows per block", first, c);
                    }
                }
            }
        } finally {
            workers.close();
        }
    }

    /** A few elements against a sum in double, so that equal bits are also right ones. */
    private static void assertClose(int shape, float[] a, float[] b, float[] c, int m, int n, int k) {
        for (int[] at : new int[][] {{0, 0}, {m - 1, n - 1}, {m / 2, n / 3}, {299, 17}, {300, 39}}) {
            int i = at[0];
            int j = at[1];
            double sum = 0;
            for (int t = 0; t < k; t++) {
                double x = shape == Gemm.TN ? a[t * m + i] : a[i * k + t];
                double y = shape == Gemm.NT ? b[j * k + t] : b[t * n + j];
                sum += x * y;
            }
            assertEquals(sum, c[i * n + j], 1e-3, "shape " + shape + ", C[" + i + "][" + j + "]");
        }
    }
}
