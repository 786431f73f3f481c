package dev.backprop.engine.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * {@link Transpose16#block} against the definition, element by element: every row count (0 to
 * 16, the missing ones zeros), every column count (1 to 16, the missing ones neither read nor
 * written) and both store widths the packing uses (12 lanes for A's panels, 16 for B's), with a
 * row stride that is not a power of two and a source that ends right after the block, so that a
 * read past the present columns would fail.
 */
class Transpose16Test {
    private static final int LD = 19;
    private static final float UNTOUCHED = -7.25f;

    @Test
    void everyShapeOfBlockTransposes() {
        assumeTrue(Transpose16.USABLE, "needs 16 float lanes and two-vector permutes (x86 with AVX-512); this JVM has "
                + MicroKernels.L + " lanes, and its packing takes the gather or scalar path, which the engine tests cover");
        Random random = new Random(11);
        for (int width : new int[] {12, 16}) {
            for (int rows = 0; rows <= 16; rows++) {
                for (int cols = 1; cols <= 16; cols++) {
                    int start = 5;
                    int length = start + Math.max(0, rows - 1) * LD + cols;
                    float[] src = new float[length];
                    for (int i = 0; i < length; i++) {
                        src[i] = random.nextFloat() + 1f; // never 0, so a zero must come from a missing row
                    }
                    int stride = width + 3;
                    int d = 2;
                    float[] dst = new float[d + 16 * stride + 16];
                    java.util.Arrays.fill(dst, UNTOUCHED);
                    float[] scratch = new float[256];
                    java.util.Arrays.fill(scratch, Float.NaN); // whatever the caller left there
                    Transpose16.block(src, start, LD, rows, cols, dst, d, stride, width, scratch);
                    for (int c = 0; c < 16; c++) {
                        for (int r = 0; r < stride; r++) {
                            float expected = c < cols && r < width
                                    ? (r < rows ? src[start + r * LD + c] : 0f)
                                    : UNTOUCHED;
                            assertEquals(expected, dst[d + c * stride + r],
                                    "width " + width + ", rows " + rows + ", cols " + cols + ": output row " + c + ", lane " + r);
                        }
                    }
                }
            }
        }
    }
}
