package dev.backprop.engine.simd;

import static dev.backprop.engine.simd.Platform.FMA;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Eq. 25's product C = A·Bᵀ (Z = A^{l−1} W^lᵀ) when it is too small to repay packing (the book's
 * mini-batches of 10: packing a 30 × 784 weight matrix costs about as much as multiplying it by
 * ten examples). Both factors are row-major along k, so each element is a dot product of two
 * contiguous rows: lane-wise multiply-adds along k, a masked last step, then a horizontal sum.
 *
 * <p>Blocks of R rows × 3 columns reuse every loaded vector: 5 × 3 (15 accumulators + 6
 * operands) where there are 32 vector registers and L divides k, else 3 × 3; 1 × 3 and single
 * dot products take the edges. The horizontal sum adds fixed pairs of lanes ({@link #SWAPS}), not
 * {@code reduceLanes(ADD)}, whose order C2 chooses (a tree) while the interpreter sums in lane
 * order, so the bits would change when the JIT compiles the kernel. Every element is summed
 * the same way in every block shape, so its bits do not depend on the rows a thread was given.
 *
 * <p>No helper method takes or returns a vector: C2 may decline to inline one into a method
 * this large (node-count cutoff, or "already compiled into a medium method" at a cold site),
 * and then boxes the accumulators on the heap.
 */
final class DotKernels {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Rows per block: 5 with 32 vector registers (when L divides k), 3 with 16. */
    static final int ROWS = MicroKernels.MR >= 12 ? 5 : 3;
    /** Columns per block. */
    static final int COLUMNS = 3;
    /** The pairs of the horizontal sum: lane i with lane i ^ h, for h = L/2, …, 2, 1. */
    private static final VectorShuffle<Float>[] SWAPS = swaps();

    private DotKernels() {
    }

    @SuppressWarnings("unchecked")
    private static VectorShuffle<Float>[] swaps() {
        int stages = Integer.numberOfTrailingZeros(L);
        VectorShuffle<Float>[] swaps = new VectorShuffle[stages];
        for (int s = 0; s < stages; s++) {
            int h = L >> (s + 1);
            swaps[s] = VectorShuffle.fromOp(S, i -> i ^ h);
        }
        return swaps;
    }

    /**
     * c[i·n + j] = Σ_{t<k} a[i·k + t] · b[j·k + t] for i in [i0, i1), j in [j0, j1).
     *
     * <p>Columns outside, rows inside: three rows of B (of W) stay in L1 while every row of A
     * passes, so B, the larger factor in the book's products (30 × 784 against 10 × 784), is read
     * from L2 once rather than once per block of rows.
     */
    static void dotProducts(float[] a, float[] b, float[] c, int n, int k, int i0, int i1, int j0, int j1) {
        int rows = ROWS == 5 && k % L == 0 ? 5 : 3;
        int j = j0;
        for (; j + COLUMNS <= j1; j += COLUMNS) {
            int i = i0;
            for (; i + rows <= i1; i += rows) {
                if (rows == 5) {
                    dot5x3(a, b, c, n, k, i, j);
                } else {
                    dot3x3(a, b, c, n, k, i, j);
                }
            }
            for (; i < i1; i++) {
                dot1x3(a, b, c, n, k, i, j);
            }
        }
        for (; j < j1; j++) {
            for (int i = i0; i < i1; i++) {
                c[i * n + j] = dot(a, i * k, b, j * k, k);
            }
        }
    }

    private static void dot5x3(float[] a, float[] b, float[] c, int n, int k, int i, int j) {
        int a0 = i * k, a1 = a0 + k, a2 = a1 + k, a3 = a2 + k, a4 = a3 + k;
        int b0 = j * k, b1 = b0 + k, b2 = b1 + k;
        FloatVector s00 = FloatVector.zero(S), s01 = s00, s02 = s00, s10 = s00, s11 = s00, s12 = s00, s20 = s00, s21 = s00, s22 = s00, s30 = s00, s31 = s00, s32 = s00, s40 = s00, s41 = s00, s42 = s00;
        // Called only when L divides k: without a masked last step the method stays small enough
        // for C1, which otherwise gives up on it ("out of virtual registers") and keeps it from C2.
        for (int t = 0; t < k; t += L) {
            FloatVector x0 = FloatVector.fromArray(S, a, a0 + t);
            FloatVector x1 = FloatVector.fromArray(S, a, a1 + t);
            FloatVector x2 = FloatVector.fromArray(S, a, a2 + t);
            FloatVector x3 = FloatVector.fromArray(S, a, a3 + t);
            FloatVector x4 = FloatVector.fromArray(S, a, a4 + t);
            FloatVector y = FloatVector.fromArray(S, b, b0 + t);
            s00 = FMA ? x0.fma(y, s00) : x0.mul(y).add(s00);
            s10 = FMA ? x1.fma(y, s10) : x1.mul(y).add(s10);
            s20 = FMA ? x2.fma(y, s20) : x2.mul(y).add(s20);
            s30 = FMA ? x3.fma(y, s30) : x3.mul(y).add(s30);
            s40 = FMA ? x4.fma(y, s40) : x4.mul(y).add(s40);
            y = FloatVector.fromArray(S, b, b1 + t);
            s01 = FMA ? x0.fma(y, s01) : x0.mul(y).add(s01);
            s11 = FMA ? x1.fma(y, s11) : x1.mul(y).add(s11);
            s21 = FMA ? x2.fma(y, s21) : x2.mul(y).add(s21);
            s31 = FMA ? x3.fma(y, s31) : x3.mul(y).add(s31);
            s41 = FMA ? x4.fma(y, s41) : x4.mul(y).add(s41);
            y = FloatVector.fromArray(S, b, b2 + t);
            s02 = FMA ? x0.fma(y, s02) : x0.mul(y).add(s02);
            s12 = FMA ? x1.fma(y, s12) : x1.mul(y).add(s12);
            s22 = FMA ? x2.fma(y, s22) : x2.mul(y).add(s22);
            s32 = FMA ? x3.fma(y, s32) : x3.mul(y).add(s32);
            s42 = FMA ? x4.fma(y, s42) : x4.mul(y).add(s42);
        }
        for (VectorShuffle<Float> swap : SWAPS) {
            s00 = s00.add(s00.rearrange(swap));
            s01 = s01.add(s01.rearrange(swap));
            s02 = s02.add(s02.rearrange(swap));
            s10 = s10.add(s10.rearrange(swap));
            s11 = s11.add(s11.rearrange(swap));
            s12 = s12.add(s12.rearrange(swap));
            s20 = s20.add(s20.rearrange(swap));
            s21 = s21.add(s21.rearrange(swap));
            s22 = s22.add(s22.rearrange(swap));
            s30 = s30.add(s30.rearrange(swap));
            s31 = s31.add(s31.rearrange(swap));
            s32 = s32.add(s32.rearrange(swap));
            s40 = s40.add(s40.rearrange(swap));
            s41 = s41.add(s41.rearrange(swap));
            s42 = s42.add(s42.rearrange(swap));
        }
        int o = i * n + j;
        c[o] = s00.lane(0);
        c[o + 1] = s01.lane(0);
        c[o + 2] = s02.lane(0);
        o += n;
        c[o] = s10.lane(0);
        c[o + 1] = s11.lane(0);
        c[o + 2] = s12.lane(0);
        o += n;
        c[o] = s20.lane(0);
        c[o + 1] = s21.lane(0);
        c[o + 2] = s22.lane(0);
        o += n;
        c[o] = s30.lane(0);
        c[o + 1] = s31.lane(0);
        c[o + 2] = s32.lane(0);
        o += n;
        c[o] = s40.lane(0);
        c[o + 1] = s41.lane(0);
        c[o + 2] = s42.lane(0);
    }

    private static void dot3x3(float[] a, float[] b, float[] c, int n, int k, int i, int j) {
        int a0 = i * k, a1 = a0 + k, a2 = a1 + k;
        int b0 = j * k, b1 = b0 + k, b2 = b1 + k;
        FloatVector s00 = FloatVector.zero(S), s01 = s00, s02 = s00, s10 = s00, s11 = s00, s12 = s00, s20 = s00, s21 = s00, s22 = s00;
        int t = 0;
        for (int bound = S.loopBound(k); t < bound; t += L) {
            FloatVector x0 = FloatVector.fromArray(S, a, a0 + t);
            FloatVector x1 = FloatVector.fromArray(S, a, a1 + t);
            FloatVector x2 = FloatVector.fromArray(S, a, a2 + t);
            FloatVector y = FloatVector.fromArray(S, b, b0 + t);
            s00 = FMA ? x0.fma(y, s00) : x0.mul(y).add(s00);
            s10 = FMA ? x1.fma(y, s10) : x1.mul(y).add(s10);
            s20 = FMA ? x2.fma(y, s20) : x2.mul(y).add(s20);
            y = FloatVector.fromArray(S, b, b1 + t);
            s01 = FMA ? x0.fma(y, s01) : x0.mul(y).add(s01);
            s11 = FMA ? x1.fma(y, s11) : x1.mul(y).add(s11);
            s21 = FMA ? x2.fma(y, s21) : x2.mul(y).add(s21);
            y = FloatVector.fromArray(S, b, b2 + t);
            s02 = FMA ? x0.fma(y, s02) : x0.mul(y).add(s02);
            s12 = FMA ? x1.fma(y, s12) : x1.mul(y).add(s12);
            s22 = FMA ? x2.fma(y, s22) : x2.mul(y).add(s22);
        }
        if (t < k) {
            // The last k % L terms: inactive lanes load as zero and add nothing.
            VectorMask<Float> m = S.indexInRange(t, k);
            FloatVector x0 = FloatVector.fromArray(S, a, a0 + t, m);
            FloatVector x1 = FloatVector.fromArray(S, a, a1 + t, m);
            FloatVector x2 = FloatVector.fromArray(S, a, a2 + t, m);
            FloatVector y = FloatVector.fromArray(S, b, b0 + t, m);
            s00 = FMA ? x0.fma(y, s00) : x0.mul(y).add(s00);
            s10 = FMA ? x1.fma(y, s10) : x1.mul(y).add(s10);
            s20 = FMA ? x2.fma(y, s20) : x2.mul(y).add(s20);
            y = FloatVector.fromArray(S, b, b1 + t, m);
            s01 = FMA ? x0.fma(y, s01) : x0.mul(y).add(s01);
            s11 = FMA ? x1.fma(y, s11) : x1.mul(y).add(s11);
            s21 = FMA ? x2.fma(y, s21) : x2.mul(y).add(s21);
            y = FloatVector.fromArray(S, b, b2 + t, m);
            s02 = FMA ? x0.fma(y, s02) : x0.mul(y).add(s02);
            s12 = FMA ? x1.fma(y, s12) : x1.mul(y).add(s12);
            s22 = FMA ? x2.fma(y, s22) : x2.mul(y).add(s22);
        }
        for (VectorShuffle<Float> swap : SWAPS) {
            s00 = s00.add(s00.rearrange(swap));
            s01 = s01.add(s01.rearrange(swap));
            s02 = s02.add(s02.rearrange(swap));
            s10 = s10.add(s10.rearrange(swap));
            s11 = s11.add(s11.rearrange(swap));
            s12 = s12.add(s12.rearrange(swap));
            s20 = s20.add(s20.rearrange(swap));
            s21 = s21.add(s21.rearrange(swap));
            s22 = s22.add(s22.rearrange(swap));
        }
        int o = i * n + j;
        c[o] = s00.lane(0);
        c[o + 1] = s01.lane(0);
        c[o + 2] = s02.lane(0);
        o += n;
        c[o] = s10.lane(0);
        c[o + 1] = s11.lane(0);
        c[o + 2] = s12.lane(0);
        o += n;
        c[o] = s20.lane(0);
        c[o + 1] = s21.lane(0);
        c[o + 2] = s22.lane(0);
    }

    private static void dot1x3(float[] a, float[] b, float[] c, int n, int k, int i, int j) {
        int a0 = i * k;
        int b0 = j * k, b1 = b0 + k, b2 = b1 + k;
        FloatVector s00 = FloatVector.zero(S), s01 = s00, s02 = s00;
        int t = 0;
        for (int bound = S.loopBound(k); t < bound; t += L) {
            FloatVector x0 = FloatVector.fromArray(S, a, a0 + t);
            FloatVector y = FloatVector.fromArray(S, b, b0 + t);
            s00 = FMA ? x0.fma(y, s00) : x0.mul(y).add(s00);
            y = FloatVector.fromArray(S, b, b1 + t);
            s01 = FMA ? x0.fma(y, s01) : x0.mul(y).add(s01);
            y = FloatVector.fromArray(S, b, b2 + t);
            s02 = FMA ? x0.fma(y, s02) : x0.mul(y).add(s02);
        }
        if (t < k) {
            // The last k % L terms: inactive lanes load as zero and add nothing.
            VectorMask<Float> m = S.indexInRange(t, k);
            FloatVector x0 = FloatVector.fromArray(S, a, a0 + t, m);
            FloatVector y = FloatVector.fromArray(S, b, b0 + t, m);
            s00 = FMA ? x0.fma(y, s00) : x0.mul(y).add(s00);
            y = FloatVector.fromArray(S, b, b1 + t, m);
            s01 = FMA ? x0.fma(y, s01) : x0.mul(y).add(s01);
            y = FloatVector.fromArray(S, b, b2 + t, m);
            s02 = FMA ? x0.fma(y, s02) : x0.mul(y).add(s02);
        }
        for (VectorShuffle<Float> swap : SWAPS) {
            s00 = s00.add(s00.rearrange(swap));
            s01 = s01.add(s01.rearrange(swap));
            s02 = s02.add(s02.rearrange(swap));
        }
        int o = i * n + j;
        c[o] = s00.lane(0);
        c[o + 1] = s01.lane(0);
        c[o + 2] = s02.lane(0);
    }

    /** One element, formed exactly as each element of the blocks is. */
    private static float dot(float[] a, int ao, float[] b, int bo, int k) {
        FloatVector s = FloatVector.zero(S);
        int t = 0;
        for (int bound = S.loopBound(k); t < bound; t += L) {
            FloatVector x = FloatVector.fromArray(S, a, ao + t);
            FloatVector y = FloatVector.fromArray(S, b, bo + t);
            s = FMA ? x.fma(y, s) : x.mul(y).add(s);
        }
        if (t < k) {
            VectorMask<Float> m = S.indexInRange(t, k);
            FloatVector x = FloatVector.fromArray(S, a, ao + t, m);
            FloatVector y = FloatVector.fromArray(S, b, bo + t, m);
            s = FMA ? x.fma(y, s) : x.mul(y).add(s);
        }
        for (VectorShuffle<Float> swap : SWAPS) {
            s = s.add(s.rearrange(swap));
        }
        return s.lane(0);
    }
}
