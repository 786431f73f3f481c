package dev.backprop.engine.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * 16 × 16 blocks of floats transposed in registers, for {@link Packing} on 16-lane hardware
 * (AVX-512): the layouts whose k runs along a row (Eq. 25's activations and weights, BP2's Δ) must
 * be turned so that one k gives one run of rows.
 *
 * <p>Why not gathers: a gather reads one float per lane and checks every lane's index; these
 * blocks read 16 whole rows and shuffle them with 64 two-vector permutes ({@code vpermi2ps}).
 * Measured on the development machine (one thread, 1000 × 1024 floats, data in L3): packing A's
 * panels 0.21 ns a float against 0.37 with gathers, and B's 0.2 against 1.1.
 *
 * <p>How: four rounds, one per bit b of the row and column numbers. In round b, rows r and
 * r + 2^b (bit b of r clear) swap the lanes whose bit b differs from the row's, so after the
 * round element (r, c) has moved to the position that swaps bit b of r with bit b of c. After
 * the four rounds every bit is swapped: element (r, c) is at (c, r).
 *
 * <p>Everything is written out in one method, as in {@link MicroKernels}: a vector handed to a
 * helper that C2 does not inline is boxed on the heap.
 */
final class Transpose16 {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    /** Whether this class can be used: 16 float lanes, and the JIT has two-vector permutes. */
    static final boolean USABLE = S.length() == 16 && Platform.TWO_VECTOR_PERMUTE;
    /**
     * The permute indices of each round, two rows of 16 per round: for the row with bit b clear
     * (lanes with bit b set come from the other row, 2^b lanes down) and for the row with bit b
     * set (lanes with bit b clear come from the other row, 2^b lanes up). Index 16 + i is lane i
     * of the second vector.
     */
    private static final float[] ROUNDS = rounds();

    private Transpose16() {
    }

    private static float[] rounds() {
        float[] index = new float[8 * 16];
        for (int b = 0; b < 4; b++) {
            int bit = 1 << b;
            for (int c = 0; c < 16; c++) {
                boolean set = (c & bit) != 0;
                index[2 * b * 16 + c] = set ? 16 + c - bit : c;
                index[(2 * b + 1) * 16 + c] = set ? 16 + c : c + bit;
            }
        }
        return index;
    }

    /**
     * dst[d + c·ds + r] = src[s + r·ld + c] for c < cols and r < width,
     * where rows r ≥ rows count as zeros. Source columns c ≥ cols are not read; output rows
     * c ≥ cols are not written.
     *
     * @param rows source rows present, 0 to 16
     * @param cols source columns present, 1 to 16
     * @param width how many lanes of each output row to store, from the first (a count, not a
     *        mask: a mask handed to a method that C2 compiles on its own is an object on the heap)
     */
    static void block(float[] src, int s, int ld, int rows, int cols, float[] dst, int d, int ds, int width) {
        VectorMask<Float> in = S.indexInRange(0, cols);
        VectorMask<Float> lanes = S.indexInRange(0, width);
        FloatVector z = FloatVector.zero(S);
        FloatVector v0 = rows > 0 ? FloatVector.fromArray(S, src, s, in) : z;
        FloatVector v1 = rows > 1 ? FloatVector.fromArray(S, src, s + ld, in) : z;
        FloatVector v2 = rows > 2 ? FloatVector.fromArray(S, src, s + 2 * ld, in) : z;
        FloatVector v3 = rows > 3 ? FloatVector.fromArray(S, src, s + 3 * ld, in) : z;
        FloatVector v4 = rows > 4 ? FloatVector.fromArray(S, src, s + 4 * ld, in) : z;
        FloatVector v5 = rows > 5 ? FloatVector.fromArray(S, src, s + 5 * ld, in) : z;
        FloatVector v6 = rows > 6 ? FloatVector.fromArray(S, src, s + 6 * ld, in) : z;
        FloatVector v7 = rows > 7 ? FloatVector.fromArray(S, src, s + 7 * ld, in) : z;
        FloatVector v8 = rows > 8 ? FloatVector.fromArray(S, src, s + 8 * ld, in) : z;
        FloatVector v9 = rows > 9 ? FloatVector.fromArray(S, src, s + 9 * ld, in) : z;
        FloatVector v10 = rows > 10 ? FloatVector.fromArray(S, src, s + 10 * ld, in) : z;
        FloatVector v11 = rows > 11 ? FloatVector.fromArray(S, src, s + 11 * ld, in) : z;
        FloatVector v12 = rows > 12 ? FloatVector.fromArray(S, src, s + 12 * ld, in) : z;
        FloatVector v13 = rows > 13 ? FloatVector.fromArray(S, src, s + 13 * ld, in) : z;
        FloatVector v14 = rows > 14 ? FloatVector.fromArray(S, src, s + 14 * ld, in) : z;
        FloatVector v15 = rows > 15 ? FloatVector.fromArray(S, src, s + 15 * ld, in) : z;

        // Round 0: rows r and r + 1.
        FloatVector clear = FloatVector.fromArray(S, ROUNDS, 0);
        FloatVector set = FloatVector.fromArray(S, ROUNDS, 16);
        FloatVector t0 = clear.selectFrom(v0, v1);
        FloatVector t1 = set.selectFrom(v0, v1);
        FloatVector t2 = clear.selectFrom(v2, v3);
        FloatVector t3 = set.selectFrom(v2, v3);
        FloatVector t4 = clear.selectFrom(v4, v5);
        FloatVector t5 = set.selectFrom(v4, v5);
        FloatVector t6 = clear.selectFrom(v6, v7);
        FloatVector t7 = set.selectFrom(v6, v7);
        FloatVector t8 = clear.selectFrom(v8, v9);
        FloatVector t9 = set.selectFrom(v8, v9);
        FloatVector t10 = clear.selectFrom(v10, v11);
        FloatVector t11 = set.selectFrom(v10, v11);
        FloatVector t12 = clear.selectFrom(v12, v13);
        FloatVector t13 = set.selectFrom(v12, v13);
        FloatVector t14 = clear.selectFrom(v14, v15);
        FloatVector t15 = set.selectFrom(v14, v15);

        // Round 1: rows r and r + 2.
        clear = FloatVector.fromArray(S, ROUNDS, 32);
        set = FloatVector.fromArray(S, ROUNDS, 48);
        v0 = clear.selectFrom(t0, t2);
        v2 = set.selectFrom(t0, t2);
        v1 = clear.selectFrom(t1, t3);
        v3 = set.selectFrom(t1, t3);
        v4 = clear.selectFrom(t4, t6);
        v6 = set.selectFrom(t4, t6);
        v5 = clear.selectFrom(t5, t7);
        v7 = set.selectFrom(t5, t7);
        v8 = clear.selectFrom(t8, t10);
        v10 = set.selectFrom(t8, t10);
        v9 = clear.selectFrom(t9, t11);
        v11 = set.selectFrom(t9, t11);
        v12 = clear.selectFrom(t12, t14);
        v14 = set.selectFrom(t12, t14);
        v13 = clear.selectFrom(t13, t15);
        v15 = set.selectFrom(t13, t15);

        // Round 2: rows r and r + 4.
        clear = FloatVector.fromArray(S, ROUNDS, 64);
        set = FloatVector.fromArray(S, ROUNDS, 80);
        t0 = clear.selectFrom(v0, v4);
        t4 = set.selectFrom(v0, v4);
        t1 = clear.selectFrom(v1, v5);
        t5 = set.selectFrom(v1, v5);
        t2 = clear.selectFrom(v2, v6);
        t6 = set.selectFrom(v2, v6);
        t3 = clear.selectFrom(v3, v7);
        t7 = set.selectFrom(v3, v7);
        t8 = clear.selectFrom(v8, v12);
        t12 = set.selectFrom(v8, v12);
        t9 = clear.selectFrom(v9, v13);
        t13 = set.selectFrom(v9, v13);
        t10 = clear.selectFrom(v10, v14);
        t14 = set.selectFrom(v10, v14);
        t11 = clear.selectFrom(v11, v15);
        t15 = set.selectFrom(v11, v15);

        // Round 3: rows r and r + 8; row c of the result is column c of the source.
        clear = FloatVector.fromArray(S, ROUNDS, 96);
        set = FloatVector.fromArray(S, ROUNDS, 112);
        clear.selectFrom(t0, t8).intoArray(dst, d, lanes);
        if (cols > 1) {
            clear.selectFrom(t1, t9).intoArray(dst, d + ds, lanes);
        }
        if (cols > 2) {
            clear.selectFrom(t2, t10).intoArray(dst, d + 2 * ds, lanes);
        }
        if (cols > 3) {
            clear.selectFrom(t3, t11).intoArray(dst, d + 3 * ds, lanes);
        }
        if (cols > 4) {
            clear.selectFrom(t4, t12).intoArray(dst, d + 4 * ds, lanes);
        }
        if (cols > 5) {
            clear.selectFrom(t5, t13).intoArray(dst, d + 5 * ds, lanes);
        }
        if (cols > 6) {
            clear.selectFrom(t6, t14).intoArray(dst, d + 6 * ds, lanes);
        }
        if (cols > 7) {
            clear.selectFrom(t7, t15).intoArray(dst, d + 7 * ds, lanes);
        }
        if (cols > 8) {
            set.selectFrom(t0, t8).intoArray(dst, d + 8 * ds, lanes);
        }
        if (cols > 9) {
            set.selectFrom(t1, t9).intoArray(dst, d + 9 * ds, lanes);
        }
        if (cols > 10) {
            set.selectFrom(t2, t10).intoArray(dst, d + 10 * ds, lanes);
        }
        if (cols > 11) {
            set.selectFrom(t3, t11).intoArray(dst, d + 11 * ds, lanes);
        }
        if (cols > 12) {
            set.selectFrom(t4, t12).intoArray(dst, d + 12 * ds, lanes);
        }
        if (cols > 13) {
            set.selectFrom(t5, t13).intoArray(dst, d + 13 * ds, lanes);
        }
        if (cols > 14) {
            set.selectFrom(t6, t14).intoArray(dst, d + 14 * ds, lanes);
        }
        if (cols > 15) {
            set.selectFrom(t7, t15).intoArray(dst, d + 15 * ds, lanes);
        }
    }
}
