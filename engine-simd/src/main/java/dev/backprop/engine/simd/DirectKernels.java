package dev.backprop.engine.simd;

import static dev.backprop.engine.simd.Platform.FMA;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Products too small to repay packing (the book's mini-batches of 10), computed straight from
 * the engine's arrays. Packing a 30 × 784 weight matrix costs about as much as multiplying it by
 * ten examples, so here each factor is read where it lies.
 *
 * <ul>
 *   <li>{@link #dotProducts}: C = A·Bᵀ with both factors row-major along k (Eq. 25's A·Wᵀ).
 *       Each element is a dot product of two contiguous rows: lane-wise FMAs along k, a masked
 *       last step, one horizontal sum over fixed pairs of lanes ({@link #SWAPS}). 3 × 3 elements at a time reuse each loaded vector three times and keep 9
 *       accumulators + 6 operands within 16 registers.</li>
 *   <li>{@link #broadcastProducts}: C = A·B with B row-major along the output columns (BP2's
 *       Δ·W and BP4's Δᵀ·A): a scalar of A broadcast against a vector of B's row, 4 rows × 2
 *       vectors of C per step (8 accumulators), one call per four rows.</li>
 * </ul>
 *
 * <p>As in {@link MicroKernels}, no helper method takes or returns a vector: everything a
 * kernel does to its accumulators is written out in it.
 *
 * <p>In both, an element's sum is formed the same way in the blocked loops and in the edge
 * loops (same k order, same masked tail, same horizontal sum), so its bits do not depend on the
 * rows or columns a thread was given.
 */
final class DirectKernels {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /**
     * The pairs of the horizontal sum: lane i with lane i ^ h, for h = L/2, …, 2, 1, a balanced
     * tree fixed by the vector width. Not {@code reduceLanes(ADD)}: C2 sums in a tree of its own
     * choosing while the interpreter sums in lane order, so the bits would depend on JIT timing.
     */
    private static final VectorShuffle<Float>[] SWAPS = swaps();
    /** Rows and columns per block of {@link #dotProducts}. */
    static final int DOT_BLOCK = 3;
    /** Rows per block of {@link #broadcastProducts}. */
    static final int BROADCAST_ROWS = 4;

    private DirectKernels() {
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
     */
    static void dotProducts(float[] a, float[] b, float[] c, int n, int k, int i0, int i1, int j0, int j1) {
        int i = i0;
        for (; i + DOT_BLOCK <= i1; i += DOT_BLOCK) {
            int j = j0;
            for (; j + DOT_BLOCK <= j1; j += DOT_BLOCK) {
                dot3x3(a, b, c, n, k, i, j);
            }
            for (; j < j1; j++) {
                for (int r = 0; r < DOT_BLOCK; r++) {
                    c[(i + r) * n + j] = dot(a, (i + r) * k, b, j * k, k);
                }
            }
        }
        for (; i < i1; i++) {
            int j = j0;
            for (; j + DOT_BLOCK <= j1; j += DOT_BLOCK) {
                dot1x3(a, b, c, n, k, i, j);
            }
            for (; j < j1; j++) {
                c[i * n + j] = dot(a, i * k, b, j * k, k);
            }
        }
    }

    /** One row × three columns: each loaded row of A serves three dot products. */
    private static void dot1x3(float[] a, float[] b, float[] c, int n, int k, int i, int j) {
        int a0 = i * k;
        int b0 = j * k, b1 = b0 + k, b2 = b1 + k;
        FloatVector s0 = FloatVector.zero(S), s1 = s0, s2 = s0;
        int t = 0;
        for (int bound = S.loopBound(k); t < bound; t += L) {
            FloatVector x = FloatVector.fromArray(S, a, a0 + t);
            FloatVector y = FloatVector.fromArray(S, b, b0 + t);
            s0 = FMA ? x.fma(y, s0) : x.mul(y).add(s0);
            y = FloatVector.fromArray(S, b, b1 + t);
            s1 = FMA ? x.fma(y, s1) : x.mul(y).add(s1);
            y = FloatVector.fromArray(S, b, b2 + t);
            s2 = FMA ? x.fma(y, s2) : x.mul(y).add(s2);
        }
        if (t < k) {
            VectorMask<Float> m = S.indexInRange(t, k);
            FloatVector x = FloatVector.fromArray(S, a, a0 + t, m);
            FloatVector y = FloatVector.fromArray(S, b, b0 + t, m);
            s0 = FMA ? x.fma(y, s0) : x.mul(y).add(s0);
            y = FloatVector.fromArray(S, b, b1 + t, m);
            s1 = FMA ? x.fma(y, s1) : x.mul(y).add(s1);
            y = FloatVector.fromArray(S, b, b2 + t, m);
            s2 = FMA ? x.fma(y, s2) : x.mul(y).add(s2);
        }
        for (VectorShuffle<Float> swap : SWAPS) {
            s0 = s0.add(s0.rearrange(swap));
            s1 = s1.add(s1.rearrange(swap));
            s2 = s2.add(s2.rearrange(swap));
        }
        int o = i * n + j;
        c[o] = s0.lane(0);
        c[o + 1] = s1.lane(0);
        c[o + 2] = s2.lane(0);
    }

    private static void dot3x3(float[] a, float[] b, float[] c, int n, int k, int i, int j) {
        int a0 = i * k, a1 = a0 + k, a2 = a1 + k;
        int b0 = j * k, b1 = b0 + k, b2 = b1 + k;
        FloatVector s00 = FloatVector.zero(S), s01 = s00, s02 = s00;
        FloatVector s10 = s00, s11 = s00, s12 = s00;
        FloatVector s20 = s00, s21 = s00, s22 = s00;
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
        // Horizontal sums, written out here: a helper taking a vector is not always inlined into a
        // method this large (C2's node-count cutoff) and would box the accumulators.
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

    /** One element of {@link #dotProducts}, formed exactly as {@link #dot3x3} forms each of its nine. */
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

    /**
     * c[i·n + j] = Σ_{t<k} A(i, t) · b[t·n + j] for i in [i0, i1), j in [j0, j1), where A(i, t) is
     * {@code a[i·rowStride + t·colStride]} (row layout: (k, 1); BP4's transposed Δ: (1, m)).
     */
    static void broadcastProducts(float[] a, int rowStride, int colStride, float[] b, float[] c, int n, int k,
            int i0, int i1, int j0, int j1) {
        int i = i0;
        for (; i + BROADCAST_ROWS <= i1; i += BROADCAST_ROWS) {
            broadcastRows4(a, i * rowStride, rowStride, colStride, b, c, n, k, i, j0, j1);
        }
        for (; i < i1; i++) {
            broadcastRow(a, i * rowStride, colStride, b, c, n, k, i, j0, j1);
        }
    }

    /**
     * Four rows of C, all columns in [j0, j1): 4 × 2 vectors at a time, then the rest one vector
     * (the last one masked) at a time. One call per four rows, because with the book's
     * mini-batch of 10 the sum has only ten terms and a call per tile would cost as much as it.
     */
    private static void broadcastRows4(float[] a, int ao, int rs, int cs, float[] b, float[] c, int n, int k, int i,
            int j0, int j1) {
        int j = j0;
        for (; j + 2 * L <= j1; j += 2 * L) {
            FloatVector s0a = FloatVector.zero(S), s0b = s0a, s1a = s0a, s1b = s0a;
            FloatVector s2a = s0a, s2b = s0a, s3a = s0a, s3b = s0a;
            for (int t = 0; t < k; t++) {
                int bo = t * n + j;
                FloatVector y0 = FloatVector.fromArray(S, b, bo);
                FloatVector y1 = FloatVector.fromArray(S, b, bo + L);
                int at = ao + t * cs;
                FloatVector x = FloatVector.broadcast(S, a[at]);
                s0a = FMA ? x.fma(y0, s0a) : x.mul(y0).add(s0a);
                s0b = FMA ? x.fma(y1, s0b) : x.mul(y1).add(s0b);
                x = FloatVector.broadcast(S, a[at + rs]);
                s1a = FMA ? x.fma(y0, s1a) : x.mul(y0).add(s1a);
                s1b = FMA ? x.fma(y1, s1b) : x.mul(y1).add(s1b);
                x = FloatVector.broadcast(S, a[at + 2 * rs]);
                s2a = FMA ? x.fma(y0, s2a) : x.mul(y0).add(s2a);
                s2b = FMA ? x.fma(y1, s2b) : x.mul(y1).add(s2b);
                x = FloatVector.broadcast(S, a[at + 3 * rs]);
                s3a = FMA ? x.fma(y0, s3a) : x.mul(y0).add(s3a);
                s3b = FMA ? x.fma(y1, s3b) : x.mul(y1).add(s3b);
            }
            int o = i * n + j;
            s0a.intoArray(c, o);
            s0b.intoArray(c, o + L);
            s1a.intoArray(c, o + n);
            s1b.intoArray(c, o + n + L);
            s2a.intoArray(c, o + 2 * n);
            s2b.intoArray(c, o + 2 * n + L);
            s3a.intoArray(c, o + 3 * n);
            s3b.intoArray(c, o + 3 * n + L);
        }
        for (; j < j1; j += L) {
            VectorMask<Float> m = S.indexInRange(j, j1);
            FloatVector s0 = FloatVector.zero(S), s1 = s0, s2 = s0, s3 = s0;
            for (int t = 0; t < k; t++) {
                FloatVector y = FloatVector.fromArray(S, b, t * n + j, m);
                int at = ao + t * cs;
                FloatVector x = FloatVector.broadcast(S, a[at]);
                s0 = FMA ? x.fma(y, s0) : x.mul(y).add(s0);
                x = FloatVector.broadcast(S, a[at + rs]);
                s1 = FMA ? x.fma(y, s1) : x.mul(y).add(s1);
                x = FloatVector.broadcast(S, a[at + 2 * rs]);
                s2 = FMA ? x.fma(y, s2) : x.mul(y).add(s2);
                x = FloatVector.broadcast(S, a[at + 3 * rs]);
                s3 = FMA ? x.fma(y, s3) : x.mul(y).add(s3);
            }
            int o = i * n + j;
            s0.intoArray(c, o, m);
            s1.intoArray(c, o + n, m);
            s2.intoArray(c, o + 2 * n, m);
            s3.intoArray(c, o + 3 * n, m);
        }
    }

    /** One row of C, summed as in {@link #broadcastRows4}: 2 vectors, then 1 (masked). */
    private static void broadcastRow(float[] a, int ao, int cs, float[] b, float[] c, int n, int k, int i, int j0, int j1) {
        int j = j0;
        for (; j + 2 * L <= j1; j += 2 * L) {
            FloatVector s0 = FloatVector.zero(S), s1 = s0;
            for (int t = 0; t < k; t++) {
                FloatVector x = FloatVector.broadcast(S, a[ao + t * cs]);
                FloatVector y0 = FloatVector.fromArray(S, b, t * n + j);
                FloatVector y1 = FloatVector.fromArray(S, b, t * n + j + L);
                s0 = FMA ? x.fma(y0, s0) : x.mul(y0).add(s0);
                s1 = FMA ? x.fma(y1, s1) : x.mul(y1).add(s1);
            }
            s0.intoArray(c, i * n + j);
            s1.intoArray(c, i * n + j + L);
        }
        for (; j < j1; j += L) {
            VectorMask<Float> m = S.indexInRange(j, j1);
            FloatVector s = FloatVector.zero(S);
            for (int t = 0; t < k; t++) {
                FloatVector x = FloatVector.broadcast(S, a[ao + t * cs]);
                FloatVector y = FloatVector.fromArray(S, b, t * n + j, m);
                s = FMA ? x.fma(y, s) : x.mul(y).add(s);
            }
            s.intoArray(c, i * n + j, m);
        }
    }
}
