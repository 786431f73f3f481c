package dev.backprop.engine.simd;

import static dev.backprop.engine.simd.Fixtures.assertSameBits;
import static dev.backprop.engine.simd.Fixtures.random;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.Activations;

import java.util.Arrays;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Eq. 25 computed through its transpose ({@link SwappedProduct}, for narrow layers) gives the
 * bits of the packed product computed as it stands: z and σ(z), with one thread and with three,
 * on shapes with edge tiles both ways and with k longer than one k block.
 */
class SwappedProductTest {
    /** With AVX-512's 12 × 32 tiles; with 6 × 16 (AVX2, SSE) a 100-wide layer wastes less and is not turned. */
    @Test
    void narrowLayersAreTurnedAndWideOnesAreNot() {
        Assumptions.assumeTrue(MicroKernels.MR == 12 && MicroKernels.NR == 32,
                "the expectations are for 12 × 32 tiles; this JVM's are " + MicroKernels.MR + " × " + MicroKernels.NR);
        assertTrue(SwappedProduct.pays(1000, 100), "[784, 100, 10]'s first layer at m = 1000: 100 of 128 columns used");
        assertTrue(SwappedProduct.pays(128, 40));
        assertFalse(SwappedProduct.pays(1000, 1024), "[784, 1024, 1024, 10] fills its tiles either way");
        assertFalse(SwappedProduct.pays(1000, 64));
    }

    @Test
    void theTurnedProductHasTheBitsOfTheProductAsItStands() {
        int[][] shapes = {{1000, 100, 784}, {128, 100, 50}, {600, 40, Gemm.KC + 76}, {200, 33, 17}, {150, 36, 300}};
        for (int threads : new int[] {1, 3}) {
            Workers workers = new Workers(threads);
            try {
                Gemm gemm = new Gemm(workers);
                for (int[] s : shapes) {
                    int m = s[0];
                    int n = s[1];
                    int k = s[2];
                    assertTrue(Gemm.usePacking(Gemm.NT, m, n, k), Arrays.toString(s));
                    float[] a = random(1, m * k, 0, 1);
                    float[] w = random(2, n * k, -1, 1);
                    float[] bias = random(3, n, -1, 1);
                    float[][] z = new float[2][m * n];
                    float[][] out = new float[2][m * n];
                    for (int turned = 0; turned < 2; turned++) {
                        Arrays.fill(z[turned], Float.NaN);
                        Arrays.fill(out[turned], Float.NaN);
                        Finish.Feedforward f = new Finish.Feedforward();
                        f.set(bias, out[turned], Activations.SIGMOID);
                        if (turned == 1) {
                            new SwappedProduct(gemm, workers).multiply(a, w, z[turned], m, n, k, f);
                        } else {
                            gemm.multiplyPacked(Gemm.NT, a, w, z[turned], m, n, k, f);
                        }
                    }
                    String what = Arrays.toString(s) + ", " + threads + " threads";
                    assertSameBits(what + ": z", z[0], z[1]);
                    assertSameBits(what + ": σ(z)", out[0], out[1]);
                    assertFalse(Float.isNaN(out[1][m * n - 1]), what + ": the last element was not written");
                }
            } finally {
                workers.close();
            }
        }
    }
}
