package dev.backprop.engine.simd;

import static dev.backprop.engine.simd.MicroKernels.madd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Products too small to repay packing (the book's mini-batches of 10), computed straight from
 * the engine's arrays. Packing a 30 × 784 weight matrix costs about as much as multiplying it by
 * ten examples, so here each factor is read where it lies.
 *
 * <ul>
 *   <li>{@link #dotProducts}: C = A·Bᵀ with both factors row-major along k (Eq. 25's A·Wᵀ).
 *       Each element is a dot product of two contiguous rows: lane-wise FMAs along k, a masked
 *       last step, one horizontal sum. 3 × 3 elements at a time reuse each loaded vector three
 *       times and keep 9 accumulators + 6 operands within 16 registers.</li>
 *   <li>{@link #broadcastProducts}: C = A·B with B row-major along the output columns (BP2's
 *       Δ·W and BP4's Δᵀ·A): a scalar of A broadcast against a vector of B's row, 4 rows × 2
 *       vectors of C per step (8 accumulators).</li>
 * </ul>
 *
 * <p>In both, an element's sum is formed the same way in the blocked loops and in the edge
 * loops (same k order, same masked tail, same horizontal sum), so its bits do not depend on the
 * rows or columns a thread was given.
 */
final class DirectKernels {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Rows and columns per block of {@link #dotProducts}. */
    static final int DOT_BLOCK = 3;
    /** Rows per block of {@link #broadcastProducts}. */
    static final int BROADCAST_ROWS = 4;

    private DirectKernels() {
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
            for (int j = j0; j < j1; j++) {
                c[i * n + j] = dot(a, i * k, b, j * k, k);
            }
        }
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
            s00 = madd(x0, y, s00);
            s10 = madd(x1, y, s10);
            s20 = madd(x2, y, s20);
            y = FloatVector.fromArray(S, b, b1 + t);
            s01 = madd(x0, y, s01);
            s11 = madd(x1, y, s11);
            s21 = madd(x2, y, s21);
            y = FloatVector.fromArray(S, b, b2 + t);
            s02 = madd(x0, y, s02);
            s12 = madd(x1, y, s12);
            s22 = madd(x2, y, s22);
        }
        if (t < k) {
            // The last k % L terms: inactive lanes load as zero and add nothing.
            VectorMask<Float> m = S.indexInRange(t, k);
            FloatVector x0 = FloatVector.fromArray(S, a, a0 + t, m);
            FloatVector x1 = FloatVector.fromArray(S, a, a1 + t, m);
            FloatVector x2 = FloatVector.fromArray(S, a, a2 + t, m);
            FloatVector y = FloatVector.fromArray(S, b, b0 + t, m);
            s00 = madd(x0, y, s00);
            s10 = madd(x1, y, s10);
            s20 = madd(x2, y, s20);
            y = FloatVector.fromArray(S, b, b1 + t, m);
            s01 = madd(x0, y, s01);
            s11 = madd(x1, y, s11);
            s21 = madd(x2, y, s21);
            y = FloatVector.fromArray(S, b, b2 + t, m);
            s02 = madd(x0, y, s02);
            s12 = madd(x1, y, s12);
            s22 = madd(x2, y, s22);
        }
        int o = i * n + j;
        c[o] = s00.reduceLanes(VectorOperators.ADD);
        c[o + 1] = s01.reduceLanes(VectorOperators.ADD);
        c[o + 2] = s02.reduceLanes(VectorOperators.ADD);
        o += n;
        c[o] = s10.reduceLanes(VectorOperators.ADD);
        c[o + 1] = s11.reduceLanes(VectorOperators.ADD);
        c[o + 2] = s12.reduceLanes(VectorOperators.ADD);
        o += n;
        c[o] = s20.reduceLanes(VectorOperators.ADD);
        c[o + 1] = s21.reduceLanes(VectorOperators.ADD);
        c[o + 2] = s22.reduceLanes(VectorOperators.ADD);
    }

    /** One element of {@link #dotProducts}, formed exactly as {@link #dot3x3} forms each of its nine. */
    private static float dot(float[] a, int ao, float[] b, int bo, int k) {
        FloatVector s = FloatVector.zero(S);
        int t = 0;
        for (int bound = S.loopBound(k); t < bound; t += L) {
            s = madd(FloatVector.fromArray(S, a, ao + t), FloatVector.fromArray(S, b, bo + t), s);
        }
        if (t < k) {
            VectorMask<Float> m = S.indexInRange(t, k);
            s = madd(FloatVector.fromArray(S, a, ao + t, m), FloatVector.fromArray(S, b, bo + t, m), s);
        }
        return s.reduceLanes(VectorOperators.ADD);
    }

    /**
     * c[i·n + j] = Σ_{t<k} A(i, t) · b[t·n + j] for i in [i0, i1), j in [j0, j1), where A(i, t) is
     * {@code a[i·rowStride + t·colStride]} (row layout: (k, 1); BP4's transposed Δ: (1, m)).
     */
    static void broadcastProducts(float[] a, int rowStride, int colStride, float[] b, float[] c, int n, int k,
            int i0, int i1, int j0, int j1) {
        int i = i0;
        for (; i + BROADCAST_ROWS <= i1; i += BROADCAST_ROWS) {
            int j = j0;
            for (; j + 2 * L <= j1; j += 2 * L) {
                broadcast4x2(a, i * rowStride, rowStride, colStride, b, c, n, k, i, j);
            }
            for (; j < j1; j += L) {
                VectorMask<Float> m = S.indexInRange(j, j1);
                for (int r = 0; r < BROADCAST_ROWS; r++) {
                    broadcast1x1(a, (i + r) * rowStride, colStride, b, c, n, k, i + r, j, m);
                }
            }
        }
        for (; i < i1; i++) {
            for (int j = j0; j < j1; j += L) {
                broadcast1x1(a, i * rowStride, colStride, b, c, n, k, i, j, S.indexInRange(j, j1));
            }
        }
    }

    private static void broadcast4x2(float[] a, int ao, int rs, int cs, float[] b, float[] c, int n, int k, int i, int j) {
        FloatVector s0a = FloatVector.zero(S), s0b = s0a, s1a = s0a, s1b = s0a;
        FloatVector s2a = s0a, s2b = s0a, s3a = s0a, s3b = s0a;
        for (int t = 0; t < k; t++) {
            int bo = t * n + j;
            FloatVector y0 = FloatVector.fromArray(S, b, bo);
            FloatVector y1 = FloatVector.fromArray(S, b, bo + L);
            int at = ao + t * cs;
            FloatVector x = FloatVector.broadcast(S, a[at]);
            s0a = madd(x, y0, s0a);
            s0b = madd(x, y1, s0b);
            x = FloatVector.broadcast(S, a[at + rs]);
            s1a = madd(x, y0, s1a);
            s1b = madd(x, y1, s1b);
            x = FloatVector.broadcast(S, a[at + 2 * rs]);
            s2a = madd(x, y0, s2a);
            s2b = madd(x, y1, s2b);
            x = FloatVector.broadcast(S, a[at + 3 * rs]);
            s3a = madd(x, y0, s3a);
            s3b = madd(x, y1, s3b);
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

    /** One row, one (possibly partial) vector of columns, summed as in {@link #broadcast4x2}. */
    private static void broadcast1x1(float[] a, int ao, int cs, float[] b, float[] c, int n, int k, int i, int j,
            VectorMask<Float> m) {
        FloatVector s = FloatVector.zero(S);
        for (int t = 0; t < k; t++) {
            s = madd(FloatVector.broadcast(S, a[ao + t * cs]), FloatVector.fromArray(S, b, t * n + j, m), s);
        }
        s.intoArray(c, i * n + j, m);
    }
}
