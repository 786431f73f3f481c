package dev.backprop.engine.simd;

import static dev.backprop.engine.simd.Platform.FMA;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * BP2's Δ·W and BP4's Δᵀ·A when they are too small to repay packing (the book's mini-batches of
 * 10): C = A·B with B row-major along C's columns, a scalar of A broadcast against vectors of
 * B's row. With 10 examples the sums have ten terms, so the work per call is small and the
 * kernels are shaped to keep loop overhead low: one call per four rows of C, and per step 4
 * rows × 4 vectors (16 accumulators, 4 loads, 4 broadcasts) where there are 32 vector registers,
 * 4 × 2 where there are 16; then single masked vectors for the last columns and one row at a
 * time for the last rows. BP4 fused with the update takes 6 rows per call (24 accumulators),
 * which the update's extra loads and stores repay. Each sum runs over k in order, so an
 * element's bits do not depend on the block it falls in.
 *
 * <p>The kernels multiply each sum by {@code scale} as they store it: BP4's 1/m (the mean over
 * the mini-batch) costs no pass of its own; BP2 passes 1, which leaves every value as it is.
 * No helper method takes or returns a vector (see {@link DotKernels}).
 */
final class BroadcastKernels {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Rows of C per block. */
    static final int ROWS = 4;
    /** Rows of C per block of BP4 fused with the update. */
    private static final int DESCEND_ROWS = 6;
    /** Vectors of C's columns per block: 4 with 32 vector registers, 2 with 16. */
    private static final int VECTORS = MicroKernels.MR >= 12 ? 4 : 2;

    private BroadcastKernels() {
    }

    /**
     * BP4 fused with Eq. 93: the product of
     * {@link #broadcastProducts(float[], int, int, float[], float[], int, int, int, int, int, int, float)}
     * taken as the gradient g and applied to {@code w} at once, w ← (1 − decay)·w − eta·g, in
     * {@link ElementWise#update}'s operations, so w gets the bits a separate pass would give.
     * c is scratch: blocks of 6 × 4 vectors never reach it, narrower edges pass through it.
     */
    static void broadcastProductsAndDescend(float[] a, int rowStride, int colStride, float[] b, float[] c, int n,
            int k, int i0, int i1, int j0, int j1, float scale, float[] w, float eta, float decay) {
        int wide = wideEnd(j0, j1);
        int i = i0;
        for (; i + DESCEND_ROWS <= i1 && wide > j0; i += DESCEND_ROWS) {
            if (decay != 0) {
                // (1 − decay)·w rounded first, as ElementWise.update rounds it, and while the rows
                // are on their way to L1 anyway; without decay (the book's chapter 1) w·1 = w, so
                // the kernel skips the product, 6 % of the call.
                for (int r = i; r < i + DESCEND_ROWS; r++) {
                    ElementWise.scaleInPlace(w, r * n + j0, wide - j0, 1 - decay);
                }
            }
            rows6Descend(a, i * rowStride, rowStride, colStride, b, n, k, i, j0, wide, scale, w, eta);
        }
        // The rest, narrower columns and the last rows: computed, then updated while in L1.
        if (wide < j1 && i > i0) {
            broadcastProducts(a, rowStride, colStride, b, c, n, k, i0, i, wide, j1, scale);
            for (int r = i0; r < i; r++) {
                ElementWise.update(w, c, eta, decay, r * n + wide, r * n + j1);
            }
        }
        if (i < i1) {
            broadcastProducts(a, rowStride, colStride, b, c, n, k, i, i1, j0, j1, scale);
            for (int r = i; r < i1; r++) {
                ElementWise.update(w, c, eta, decay, r * n + j0, r * n + j1);
            }
        }
    }

    /** Where the columns that {@link #rows6Descend} takes in blocks of four vectors end. */
    static int wideEnd(int j0, int j1) {
        return VECTORS == 4 ? j0 + (j1 - j0) / (4 * L) * (4 * L) : j0;
    }

    /** How many rows from i0 on {@link #rows6Descend} takes, up to {@code wide} (see {@link #wideEnd}). */
    static int descendRows(int i0, int i1, int j0, int wide) {
        return wide > j0 ? (i1 - i0) / DESCEND_ROWS * DESCEND_ROWS : 0;
    }

    /**
     * c[i·n + j] = scale · Σ_{t<k} A(i, t) · b[t·n + j] for i in [i0, i1), j in [j0, j1), where
     * A(i, t) is {@code a[i·rowStride + t·colStride]} (row layout: (k, 1); BP4's transposed Δ:
     * (1, m)).
     */
    static void broadcastProducts(float[] a, int rowStride, int colStride, float[] b, float[] c, int n, int k,
            int i0, int i1, int j0, int j1, float scale) {
        int i = i0;
        for (; i + ROWS <= i1; i += ROWS) {
            rows4(a, i * rowStride, rowStride, colStride, b, c, n, k, i, j0, j1, scale);
        }
        for (; i < i1; i++) {
            row(a, i * rowStride, colStride, b, c, n, k, i, j0, j1, scale);
        }
    }

    /**
     * 6 × 4-vector blocks of the gradient g = scale · Σ over [j0, j1) (a multiple of 4 vectors
     * wide), each block used at once, while in registers, in Eq. 93's last step on the same block
     * of w: w ← w − eta·g, with {@link ElementWise#update}'s operations (the decay's product is
     * applied before; see {@link #broadcastProductsAndDescend}), so the same bits as a separate
     * pass. 24 accumulators, 4 loads and 6 broadcasts per step, against 16, 4 and 4 for 4 rows:
     * 7 % faster on the book's first layer, whose 30 rows are five such blocks. g is not stored:
     * writing it as well made the whole call slower than the two passes (11 µs against 5.7 +
     * 2.9 µs for the book's first layer; measured with the 16 stores of g in a 4-row loop).
     * A method of its own: with the update inside {@link #rows4}, C2 stopped compiling that
     * method well and BP2 and BP4 slowed down a hundredfold; a branch on the decay inside this
     * one did the same.
     */
    private static void rows6Descend(float[] a, int ao, int rs, int cs, float[] b, int n, int k, int i, int j0,
            int j1, float scale, float[] w, float eta) {
        for (int j = j0; j + 4 * L <= j1; j += 4 * L) {
            FloatVector s00 = FloatVector.zero(S), s01 = s00, s02 = s00, s03 = s00, s10 = s00, s11 = s00, s12 = s00, s13 = s00, s20 = s00, s21 = s00, s22 = s00, s23 = s00, s30 = s00, s31 = s00, s32 = s00, s33 = s00, s40 = s00, s41 = s00, s42 = s00, s43 = s00, s50 = s00, s51 = s00, s52 = s00, s53 = s00;
            for (int t = 0; t < k; t++) {
                int bo = t * n + j;
                FloatVector y0 = FloatVector.fromArray(S, b, bo);
                FloatVector y1 = FloatVector.fromArray(S, b, bo + L);
                FloatVector y2 = FloatVector.fromArray(S, b, bo + 2 * L);
                FloatVector y3 = FloatVector.fromArray(S, b, bo + 3 * L);
                int at = ao + t * cs;
                FloatVector x = FloatVector.broadcast(S, a[at]);
                s00 = FMA ? x.fma(y0, s00) : x.mul(y0).add(s00);
                s01 = FMA ? x.fma(y1, s01) : x.mul(y1).add(s01);
                s02 = FMA ? x.fma(y2, s02) : x.mul(y2).add(s02);
                s03 = FMA ? x.fma(y3, s03) : x.mul(y3).add(s03);
                x = FloatVector.broadcast(S, a[at + rs]);
                s10 = FMA ? x.fma(y0, s10) : x.mul(y0).add(s10);
                s11 = FMA ? x.fma(y1, s11) : x.mul(y1).add(s11);
                s12 = FMA ? x.fma(y2, s12) : x.mul(y2).add(s12);
                s13 = FMA ? x.fma(y3, s13) : x.mul(y3).add(s13);
                x = FloatVector.broadcast(S, a[at + 2 * rs]);
                s20 = FMA ? x.fma(y0, s20) : x.mul(y0).add(s20);
                s21 = FMA ? x.fma(y1, s21) : x.mul(y1).add(s21);
                s22 = FMA ? x.fma(y2, s22) : x.mul(y2).add(s22);
                s23 = FMA ? x.fma(y3, s23) : x.mul(y3).add(s23);
                x = FloatVector.broadcast(S, a[at + 3 * rs]);
                s30 = FMA ? x.fma(y0, s30) : x.mul(y0).add(s30);
                s31 = FMA ? x.fma(y1, s31) : x.mul(y1).add(s31);
                s32 = FMA ? x.fma(y2, s32) : x.mul(y2).add(s32);
                s33 = FMA ? x.fma(y3, s33) : x.mul(y3).add(s33);
                x = FloatVector.broadcast(S, a[at + 4 * rs]);
                s40 = FMA ? x.fma(y0, s40) : x.mul(y0).add(s40);
                s41 = FMA ? x.fma(y1, s41) : x.mul(y1).add(s41);
                s42 = FMA ? x.fma(y2, s42) : x.mul(y2).add(s42);
                s43 = FMA ? x.fma(y3, s43) : x.mul(y3).add(s43);
                x = FloatVector.broadcast(S, a[at + 5 * rs]);
                s50 = FMA ? x.fma(y0, s50) : x.mul(y0).add(s50);
                s51 = FMA ? x.fma(y1, s51) : x.mul(y1).add(s51);
                s52 = FMA ? x.fma(y2, s52) : x.mul(y2).add(s52);
                s53 = FMA ? x.fma(y3, s53) : x.mul(y3).add(s53);
            }
            int o = i * n + j;
            FloatVector.fromArray(S, w, o).sub(s00.mul(scale).mul(eta)).intoArray(w, o);
            FloatVector.fromArray(S, w, o + L).sub(s01.mul(scale).mul(eta)).intoArray(w, o + L);
            FloatVector.fromArray(S, w, o + 2 * L).sub(s02.mul(scale).mul(eta)).intoArray(w, o + 2 * L);
            FloatVector.fromArray(S, w, o + 3 * L).sub(s03.mul(scale).mul(eta)).intoArray(w, o + 3 * L);
            FloatVector.fromArray(S, w, o + n).sub(s10.mul(scale).mul(eta)).intoArray(w, o + n);
            FloatVector.fromArray(S, w, o + n + L).sub(s11.mul(scale).mul(eta)).intoArray(w, o + n + L);
            FloatVector.fromArray(S, w, o + n + 2 * L).sub(s12.mul(scale).mul(eta)).intoArray(w, o + n + 2 * L);
            FloatVector.fromArray(S, w, o + n + 3 * L).sub(s13.mul(scale).mul(eta)).intoArray(w, o + n + 3 * L);
            FloatVector.fromArray(S, w, o + 2 * n).sub(s20.mul(scale).mul(eta)).intoArray(w, o + 2 * n);
            FloatVector.fromArray(S, w, o + 2 * n + L).sub(s21.mul(scale).mul(eta)).intoArray(w, o + 2 * n + L);
            FloatVector.fromArray(S, w, o + 2 * n + 2 * L).sub(s22.mul(scale).mul(eta)).intoArray(w, o + 2 * n + 2 * L);
            FloatVector.fromArray(S, w, o + 2 * n + 3 * L).sub(s23.mul(scale).mul(eta)).intoArray(w, o + 2 * n + 3 * L);
            FloatVector.fromArray(S, w, o + 3 * n).sub(s30.mul(scale).mul(eta)).intoArray(w, o + 3 * n);
            FloatVector.fromArray(S, w, o + 3 * n + L).sub(s31.mul(scale).mul(eta)).intoArray(w, o + 3 * n + L);
            FloatVector.fromArray(S, w, o + 3 * n + 2 * L).sub(s32.mul(scale).mul(eta)).intoArray(w, o + 3 * n + 2 * L);
            FloatVector.fromArray(S, w, o + 3 * n + 3 * L).sub(s33.mul(scale).mul(eta)).intoArray(w, o + 3 * n + 3 * L);
            FloatVector.fromArray(S, w, o + 4 * n).sub(s40.mul(scale).mul(eta)).intoArray(w, o + 4 * n);
            FloatVector.fromArray(S, w, o + 4 * n + L).sub(s41.mul(scale).mul(eta)).intoArray(w, o + 4 * n + L);
            FloatVector.fromArray(S, w, o + 4 * n + 2 * L).sub(s42.mul(scale).mul(eta)).intoArray(w, o + 4 * n + 2 * L);
            FloatVector.fromArray(S, w, o + 4 * n + 3 * L).sub(s43.mul(scale).mul(eta)).intoArray(w, o + 4 * n + 3 * L);
            FloatVector.fromArray(S, w, o + 5 * n).sub(s50.mul(scale).mul(eta)).intoArray(w, o + 5 * n);
            FloatVector.fromArray(S, w, o + 5 * n + L).sub(s51.mul(scale).mul(eta)).intoArray(w, o + 5 * n + L);
            FloatVector.fromArray(S, w, o + 5 * n + 2 * L).sub(s52.mul(scale).mul(eta)).intoArray(w, o + 5 * n + 2 * L);
            FloatVector.fromArray(S, w, o + 5 * n + 3 * L).sub(s53.mul(scale).mul(eta)).intoArray(w, o + 5 * n + 3 * L);
        }
    }

    /** Four rows of C, all columns in [j0, j1). */
    private static void rows4(float[] a, int ao, int rs, int cs, float[] b, float[] c, int n, int k, int i, int j0, int j1,
            float scale) {
        int j = j0;
        if (VECTORS == 4) {
            for (; j + 4 * L <= j1; j += 4 * L) {
                FloatVector s00 = FloatVector.zero(S), s01 = s00, s02 = s00, s03 = s00, s10 = s00, s11 = s00, s12 = s00, s13 = s00, s20 = s00, s21 = s00, s22 = s00, s23 = s00, s30 = s00, s31 = s00, s32 = s00, s33 = s00;
                for (int t = 0; t < k; t++) {
                    int bo = t * n + j;
                    FloatVector y0 = FloatVector.fromArray(S, b, bo);
                    FloatVector y1 = FloatVector.fromArray(S, b, bo + L);
                    FloatVector y2 = FloatVector.fromArray(S, b, bo + 2 * L);
                    FloatVector y3 = FloatVector.fromArray(S, b, bo + 3 * L);
                    int at = ao + t * cs;
                    FloatVector x = FloatVector.broadcast(S, a[at]);
                    s00 = FMA ? x.fma(y0, s00) : x.mul(y0).add(s00);
                    s01 = FMA ? x.fma(y1, s01) : x.mul(y1).add(s01);
                    s02 = FMA ? x.fma(y2, s02) : x.mul(y2).add(s02);
                    s03 = FMA ? x.fma(y3, s03) : x.mul(y3).add(s03);
                    x = FloatVector.broadcast(S, a[at + rs]);
                    s10 = FMA ? x.fma(y0, s10) : x.mul(y0).add(s10);
                    s11 = FMA ? x.fma(y1, s11) : x.mul(y1).add(s11);
                    s12 = FMA ? x.fma(y2, s12) : x.mul(y2).add(s12);
                    s13 = FMA ? x.fma(y3, s13) : x.mul(y3).add(s13);
                    x = FloatVector.broadcast(S, a[at + 2 * rs]);
                    s20 = FMA ? x.fma(y0, s20) : x.mul(y0).add(s20);
                    s21 = FMA ? x.fma(y1, s21) : x.mul(y1).add(s21);
                    s22 = FMA ? x.fma(y2, s22) : x.mul(y2).add(s22);
                    s23 = FMA ? x.fma(y3, s23) : x.mul(y3).add(s23);
                    x = FloatVector.broadcast(S, a[at + 3 * rs]);
                    s30 = FMA ? x.fma(y0, s30) : x.mul(y0).add(s30);
                    s31 = FMA ? x.fma(y1, s31) : x.mul(y1).add(s31);
                    s32 = FMA ? x.fma(y2, s32) : x.mul(y2).add(s32);
                    s33 = FMA ? x.fma(y3, s33) : x.mul(y3).add(s33);
                }
                int o = i * n + j;
                s00.mul(scale).intoArray(c, o);
                s01.mul(scale).intoArray(c, o + L);
                s02.mul(scale).intoArray(c, o + 2 * L);
                s03.mul(scale).intoArray(c, o + 3 * L);
                s10.mul(scale).intoArray(c, o + n);
                s11.mul(scale).intoArray(c, o + n + L);
                s12.mul(scale).intoArray(c, o + n + 2 * L);
                s13.mul(scale).intoArray(c, o + n + 3 * L);
                s20.mul(scale).intoArray(c, o + 2 * n);
                s21.mul(scale).intoArray(c, o + 2 * n + L);
                s22.mul(scale).intoArray(c, o + 2 * n + 2 * L);
                s23.mul(scale).intoArray(c, o + 2 * n + 3 * L);
                s30.mul(scale).intoArray(c, o + 3 * n);
                s31.mul(scale).intoArray(c, o + 3 * n + L);
                s32.mul(scale).intoArray(c, o + 3 * n + 2 * L);
                s33.mul(scale).intoArray(c, o + 3 * n + 3 * L);
            }
        }
        for (; j + 2 * L <= j1; j += 2 * L) {
            FloatVector s00 = FloatVector.zero(S), s01 = s00, s10 = s00, s11 = s00, s20 = s00, s21 = s00, s30 = s00, s31 = s00;
            for (int t = 0; t < k; t++) {
                int bo = t * n + j;
                FloatVector y0 = FloatVector.fromArray(S, b, bo);
                FloatVector y1 = FloatVector.fromArray(S, b, bo + L);
                int at = ao + t * cs;
                FloatVector x = FloatVector.broadcast(S, a[at]);
                s00 = FMA ? x.fma(y0, s00) : x.mul(y0).add(s00);
                s01 = FMA ? x.fma(y1, s01) : x.mul(y1).add(s01);
                x = FloatVector.broadcast(S, a[at + rs]);
                s10 = FMA ? x.fma(y0, s10) : x.mul(y0).add(s10);
                s11 = FMA ? x.fma(y1, s11) : x.mul(y1).add(s11);
                x = FloatVector.broadcast(S, a[at + 2 * rs]);
                s20 = FMA ? x.fma(y0, s20) : x.mul(y0).add(s20);
                s21 = FMA ? x.fma(y1, s21) : x.mul(y1).add(s21);
                x = FloatVector.broadcast(S, a[at + 3 * rs]);
                s30 = FMA ? x.fma(y0, s30) : x.mul(y0).add(s30);
                s31 = FMA ? x.fma(y1, s31) : x.mul(y1).add(s31);
            }
            int o = i * n + j;
            s00.mul(scale).intoArray(c, o);
            s01.mul(scale).intoArray(c, o + L);
            s10.mul(scale).intoArray(c, o + n);
            s11.mul(scale).intoArray(c, o + n + L);
            s20.mul(scale).intoArray(c, o + 2 * n);
            s21.mul(scale).intoArray(c, o + 2 * n + L);
            s30.mul(scale).intoArray(c, o + 3 * n);
            s31.mul(scale).intoArray(c, o + 3 * n + L);
        }
        for (; j < j1; j += L) {
            VectorMask<Float> m = S.indexInRange(j, j1);
            FloatVector s00 = FloatVector.zero(S), s10 = s00, s20 = s00, s30 = s00;
            for (int t = 0; t < k; t++) {
                int bo = t * n + j;
                FloatVector y0 = FloatVector.fromArray(S, b, bo, m);
                int at = ao + t * cs;
                FloatVector x = FloatVector.broadcast(S, a[at]);
                s00 = FMA ? x.fma(y0, s00) : x.mul(y0).add(s00);
                x = FloatVector.broadcast(S, a[at + rs]);
                s10 = FMA ? x.fma(y0, s10) : x.mul(y0).add(s10);
                x = FloatVector.broadcast(S, a[at + 2 * rs]);
                s20 = FMA ? x.fma(y0, s20) : x.mul(y0).add(s20);
                x = FloatVector.broadcast(S, a[at + 3 * rs]);
                s30 = FMA ? x.fma(y0, s30) : x.mul(y0).add(s30);
            }
            int o = i * n + j;
            s00.mul(scale).intoArray(c, o, m);
            s10.mul(scale).intoArray(c, o + n, m);
            s20.mul(scale).intoArray(c, o + 2 * n, m);
            s30.mul(scale).intoArray(c, o + 3 * n, m);
        }
    }

    /**
     * One row of C, each sum formed as in {@link #rows4}: 4 vectors (with 32 registers), then 2,
     * then 1 (masked). Several vectors at once give independent multiply-add chains: with ten
     * terms a single chain would wait on the FMA latency at every step.
     */
    private static void row(float[] a, int ao, int cs, float[] b, float[] c, int n, int k, int i, int j0, int j1, float scale) {
        int j = j0;
        if (VECTORS == 4) {
            for (; j + 4 * L <= j1; j += 4 * L) {
                FloatVector s0 = FloatVector.zero(S), s1 = s0, s2 = s0, s3 = s0;
                for (int t = 0; t < k; t++) {
                    FloatVector x = FloatVector.broadcast(S, a[ao + t * cs]);
                    int bo = t * n + j;
                    FloatVector y0 = FloatVector.fromArray(S, b, bo);
                    FloatVector y1 = FloatVector.fromArray(S, b, bo + L);
                    FloatVector y2 = FloatVector.fromArray(S, b, bo + 2 * L);
                    FloatVector y3 = FloatVector.fromArray(S, b, bo + 3 * L);
                    s0 = FMA ? x.fma(y0, s0) : x.mul(y0).add(s0);
                    s1 = FMA ? x.fma(y1, s1) : x.mul(y1).add(s1);
                    s2 = FMA ? x.fma(y2, s2) : x.mul(y2).add(s2);
                    s3 = FMA ? x.fma(y3, s3) : x.mul(y3).add(s3);
                }
                int o = i * n + j;
                s0.mul(scale).intoArray(c, o);
                s1.mul(scale).intoArray(c, o + L);
                s2.mul(scale).intoArray(c, o + 2 * L);
                s3.mul(scale).intoArray(c, o + 3 * L);
            }
        }
        for (; j + 2 * L <= j1; j += 2 * L) {
            FloatVector s0 = FloatVector.zero(S), s1 = s0;
            for (int t = 0; t < k; t++) {
                FloatVector x = FloatVector.broadcast(S, a[ao + t * cs]);
                FloatVector y0 = FloatVector.fromArray(S, b, t * n + j);
                FloatVector y1 = FloatVector.fromArray(S, b, t * n + j + L);
                s0 = FMA ? x.fma(y0, s0) : x.mul(y0).add(s0);
                s1 = FMA ? x.fma(y1, s1) : x.mul(y1).add(s1);
            }
            s0.mul(scale).intoArray(c, i * n + j);
            s1.mul(scale).intoArray(c, i * n + j + L);
        }
        for (; j < j1; j += L) {
            VectorMask<Float> m = S.indexInRange(j, j1);
            FloatVector s = FloatVector.zero(S);
            for (int t = 0; t < k; t++) {
                FloatVector x = FloatVector.broadcast(S, a[ao + t * cs]);
                FloatVector y = FloatVector.fromArray(S, b, t * n + j, m);
                s = FMA ? x.fma(y, s) : x.mul(y).add(s);
            }
            s.mul(scale).intoArray(c, i * n + j, m);
        }
    }
}
