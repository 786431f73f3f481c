package dev.backprop.engine.simd;

import static dev.backprop.engine.simd.MicroKernels.MR;
import static dev.backprop.engine.simd.MicroKernels.NR;

import java.util.Arrays;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * Copies blocks of the two factors of a product into the order {@link MicroKernels} reads them:
 * A as micro-panels of MR rows (for each k, MR consecutive floats) and B as micro-panels of NR
 * columns (for each k, NR consecutive floats). Rows or columns past the matrix edge are zeros,
 * so the kernel always runs a whole tile; those lanes are computed and thrown away.
 *
 * <p>Why pack: the kernel then streams both operands with unit stride, one micro-panel of B
 * stays in L1 while the A panels pass by, and the weight matrices with power-of-two row lengths
 * (4 KiB strides) no longer fall into the same few L1 sets. The copy costs O(mk + kn) against the
 * O(mnk) product.
 *
 * <p>Each factor comes in one of two layouts, so the three products of the chapter share one
 * kernel: a "row" layout, where element (i, k) of A is {@code a[i·ld + k]} (or (k, j) of B is
 * {@code b[k·ld + j]}), and a "column" (transposed) layout, {@code a[k·ld + i]} and
 * {@code b[j·ld + k]}.
 */
final class Packing {
    private static final VectorSpecies<Float> S = MicroKernels.S;
    private static final int L = MicroKernels.L;
    /**
     * Whether to copy with vectors: masked loads and stores for the layouts that are already
     * contiguous, gathers for the transposing ones (about three times faster than the scalar
     * loops, which cost some 1.3 ns a float and 10–15 % of a 1000 × 1024 × 1024 product). Needs
     * the hardware's gathers and a panel of A no taller than a vector.
     */
    static final boolean VECTOR = MR <= L && Platform.GATHER && Platform.MASKED_MEMORY;
    /**
     * Whether the transposing layouts go through {@link Transpose16} instead of gathers: 16 lanes
     * with two-vector permutes (AVX-512), where a tile is at most 16 rows tall and B's panels are
     * two vectors wide.
     */
    static final boolean TRANSPOSE = Transpose16.USABLE && MR <= 16 && NR == 2 * L;

    private Packing() {
    }

    /** One thread's scratch for packing: the gathers' offsets and a block for {@link Transpose16}. */
    static final class Scratch {
        final int[] index = new int[2 * L];
        final float[] block = new float[16 * 16];
    }

    /**
     * Packs rows [i0, i0 + mc) and k in [k0, k0 + kc) of A into {@code ap}: panel p, step k, row r
     * at {@code ap[(p·kc + k)·MR + r]}.
     *
     * @param transposed false: (i, k) at a[i·ld + k]; true: at a[k·ld + i]
     * @param scratch the calling thread's own
     */
    static void packA(float[] a, boolean transposed, int ld, int i0, int mc, int k0, int kc, float[] ap, Scratch scratch) {
        VectorMask<Float> panel = S.indexInRange(0, MR);
        if (VECTOR && transposed) {
            packColumnsOfA(a, ld, i0, mc, k0, kc, ap);
            return;
        }
        for (int p = 0; p * MR < mc; p++) {
            int rows = Math.min(MR, mc - p * MR);
            int base = p * kc * MR;
            int first = i0 + p * MR;
            if (transposed) {
                // Column layout (BP4's Δᵀ) without vectors: the MR rows of one k are already
                // consecutive.
                for (int k = 0; k < kc; k++) {
                    int src = (k0 + k) * ld + first;
                    int dst = base + k * MR;
                    for (int r = 0; r < rows; r++) {
                        ap[dst + r] = a[src + r];
                    }
                    for (int r = rows; r < MR; r++) {
                        ap[dst + r] = 0f;
                    }
                }
            } else if (TRANSPOSE) {
                // Row layout, 16 values of k at a time: the panel's rows become the lanes of each
                // k, rows past the edge zeros, and each k stores exactly its MR floats.
                int src = first * ld + k0;
                for (int k = 0; k < kc; k += L) {
                    Transpose16.block(a, src + k, ld, rows, Math.min(L, kc - k), ap, base + k * MR, MR, MR, scratch.block);
                }
            } else if (VECTOR) {
                // The MR rows at one k: a gather down a column. Rows past the edge load as zeros,
                // and the store writes all MR of the panel.
                VectorMask<Float> valid = S.indexInRange(0, rows);
                int[] index = scratch.index;
                offsets(index, 0, ld, rows);
                int src = first * ld + k0;
                for (int k = 0; k < kc; k++) {
                    FloatVector.fromArray(S, a, src + k, index, 0, valid).intoArray(ap, base + k * MR, panel);
                }
            } else {
                // Row layout: read each row with unit stride, write it every MR floats.
                for (int r = 0; r < rows; r++) {
                    int src = (first + r) * ld + k0;
                    for (int k = 0; k < kc; k++) {
                        ap[base + k * MR + r] = a[src + k];
                    }
                }
                for (int r = rows; r < MR; r++) {
                    for (int k = 0; k < kc; k++) {
                        ap[base + k * MR + r] = 0f;
                    }
                }
            }
        }
    }

    /**
     * The column layout of A (BP4's Δᵀ, (i, k) at a[k·ld + i]), k outside and panels inside: each
     * k reads the block's mc floats as one run, where a panel at a time would read 12 floats of a
     * row, jump a row (4 KiB at width 1024, the same L1 set every time) and come back for the rest
     * of the cache line with the next panel. Measured (one thread, 1024 × 1000 floats): 0.22 ns
     * a float against 0.29 with the data in L3, 0.7 against 2.2 after the caches were flushed.
     */
    private static void packColumnsOfA(float[] a, int ld, int i0, int mc, int k0, int kc, float[] ap) {
        VectorMask<Float> panel = S.indexInRange(0, MR);
        int panels = (mc + MR - 1) / MR;
        int lastRows = mc - (panels - 1) * MR;
        VectorMask<Float> whole = S.indexInRange(0, MR);
        VectorMask<Float> last = S.indexInRange(0, lastRows);
        for (int k = 0; k < kc; k++) {
            int src = (k0 + k) * ld + i0;
            for (int p = 0; p < panels; p++) {
                // Rows past the edge load as zeros, and the store writes all MR of the panel.
                VectorMask<Float> valid = p == panels - 1 ? last : whole;
                FloatVector.fromArray(S, a, src + p * MR, valid).intoArray(ap, (p * kc + k) * MR, panel);
            }
        }
    }

    /**
     * Packs columns [j0, j0 + nc) and k in [k0, k0 + kc) of B into {@code bp} from {@code bo} on:
     * panel p, step k, column j at {@code bp[bo + (p·kc + k)·NR + j]}.
     *
     * @param transposed false: (k, j) at b[k·ld + j]; true: at b[j·ld + k]
     * @param scratch the calling thread's own
     */
    static void packB(float[] b, boolean transposed, int ld, int j0, int nc, int k0, int kc, float[] bp, int bo,
            Scratch scratch) {
        for (int p = 0; p * NR < nc; p++) {
            int cols = Math.min(NR, nc - p * NR);
            int base = bo + p * kc * NR;
            int first = j0 + p * NR;
            if (TRANSPOSE && transposed) {
                // Eq. 25's Wᵀ, 16 values of k at a time: weight rows [first, first + 16) become
                // the first vector of each k, the next 16 the second; rows past the edge zeros.
                int lowRows = Math.min(L, cols);
                int src = first * ld + k0;
                int srcHigh = src + L * ld;
                for (int k = 0; k < kc; k += L) {
                    int ks = Math.min(L, kc - k);
                    int dst = base + k * NR;
                    Transpose16.block(b, src + k, ld, lowRows, ks, bp, dst, NR, L, scratch.block);
                    Transpose16.block(b, srcHigh + k, ld, cols - lowRows, ks, bp, dst + L, NR, L, scratch.block);
                }
            } else if (VECTOR) {
                // Columns past the edge load as zeros; both vectors of the panel are stored whole.
                VectorMask<Float> low = S.indexInRange(0, cols);
                VectorMask<Float> high = S.indexInRange(L, cols);
                if (transposed) {
                    // Eq. 25's Wᵀ: the NR columns at one k are one float of NR weight rows.
                    int[] index = scratch.index;
                    offsets(index, 0, ld, cols);
                    offsets(index, L, ld, cols - L);
                    int src = first * ld + k0;
                    int srcHigh = cols > L ? (first + L) * ld + k0 : src;
                    for (int k = 0; k < kc; k++) {
                        int dst = base + k * NR;
                        FloatVector.fromArray(S, b, src + k, index, 0, low).intoArray(bp, dst);
                        FloatVector.fromArray(S, b, srcHigh + k, index, L, high).intoArray(bp, dst + L);
                    }
                } else {
                    for (int k = 0; k < kc; k++) {
                        int src = (k0 + k) * ld + first;
                        int dst = base + k * NR;
                        FloatVector.fromArray(S, b, src, low).intoArray(bp, dst);
                        FloatVector.fromArray(S, b, src + L, high).intoArray(bp, dst + L);
                    }
                }
            } else if (transposed) {
                // Column layout (Eq. 25's Wᵀ): each weight row is one column of B; read it with
                // unit stride and write it every NR floats.
                for (int j = 0; j < cols; j++) {
                    int src = (first + j) * ld + k0;
                    for (int k = 0; k < kc; k++) {
                        bp[base + k * NR + j] = b[src + k];
                    }
                }
                for (int j = cols; j < NR; j++) {
                    for (int k = 0; k < kc; k++) {
                        bp[base + k * NR + j] = 0f;
                    }
                }
            } else {
                for (int k = 0; k < kc; k++) {
                    int dst = base + k * NR;
                    System.arraycopy(b, (k0 + k) * ld + first, bp, dst, cols);
                    Arrays.fill(bp, dst + cols, dst + NR, 0f);
                }
            }
        }
    }

    /**
     * index[from + l] = l·ld for the first {@code valid} lanes, 0 for the rest: a gather checks the
     * offsets of masked-off lanes too, so they must point inside the array (at the first element).
     */
    private static void offsets(int[] index, int from, int ld, int valid) {
        for (int l = 0; l < L; l++) {
            index[from + l] = l < valid ? l * ld : 0;
        }
    }
}
