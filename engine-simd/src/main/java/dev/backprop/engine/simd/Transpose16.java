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
 * panels 0.35 ns a float against 0.37 with gathers, and B's (Eq. 25's Wᵀ) 0.33 against 1.1.
 *
 * <p>How: four rounds, one per bit b of the row and column numbers. In round b, rows r and
 * r + 2^b (bit b of r clear) swap the lanes whose bit b differs from the row's, so after the
 * round element (r, c) has moved to the position that swaps bit b of r with bit b of c. After
 * the four rounds every bit is swapped: element (r, c) is at (c, r).
 *
 * <p>No method takes or returns a vector, as in {@link MicroKernels}: a vector handed to a
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
     * dst[d + c·ds + r] = src[s + r·ld + c] for c < cols and r < width, where rows r ≥ rows count
     * as zeros. Source columns c ≥ cols are not read; output rows c ≥ cols are not written.
     *
     * <p>Rounds 0 and 1 mix rows only within groups of four consecutive rows, rounds 2 and 3 only
     * within the groups {c, c + 4, c + 8, c + 12}; so the block is done as four groups of the first
     * kind into {@code scratch}, then four of the second out of it. Why not all 16 rows in
     * registers at once: a method with 32 live vectors is one that C1 refuses ("out of virtual
     * registers") and C2 will not inline (1566 bytes of bytecode); seen on the development machine,
     * it then ran as tier-2 code, boxing every vector: a [784, 100, 10] step at m = 100 allocated
     * 6.8 MB and took 0.7 ms. Four vectors at a time compile in every tier and inline.
     *
     * @param rows source rows present, 0 to 16
     * @param cols source columns present, 1 to 16
     * @param width how many lanes of each output row to store, from the first (a count, not a
     *        mask: a mask handed to a method that C2 compiles on its own is an object on the heap)
     * @param scratch 256 floats of the caller's, overwritten
     */
    static void block(float[] src, int s, int ld, int rows, int cols, float[] dst, int d, int ds, int width,
            float[] scratch) {
        firstRounds(src, s, ld, rows, cols, scratch, 0);
        firstRounds(src, s + 4 * ld, ld, rows - 4, cols, scratch, 4);
        firstRounds(src, s + 8 * ld, ld, rows - 8, cols, scratch, 8);
        firstRounds(src, s + 12 * ld, ld, rows - 12, cols, scratch, 12);
        for (int c = 0; c < 4; c++) {
            lastRounds(scratch, c, cols, dst, d, ds, width);
        }
    }

    /** Rounds 0 and 1 on source rows [first, first + 4) (present of them, the rest zeros), into scratch. */
    private static void firstRounds(float[] src, int s, int ld, int present, int cols, float[] scratch, int first) {
        VectorMask<Float> in = S.indexInRange(0, cols);
        FloatVector z = FloatVector.zero(S);
        FloatVector v0 = present > 0 ? FloatVector.fromArray(S, src, s, in) : z;
        FloatVector v1 = present > 1 ? FloatVector.fromArray(S, src, s + ld, in) : z;
        FloatVector v2 = present > 2 ? FloatVector.fromArray(S, src, s + 2 * ld, in) : z;
        FloatVector v3 = present > 3 ? FloatVector.fromArray(S, src, s + 3 * ld, in) : z;
        // Round 0: rows r and r + 1.
        FloatVector clear = FloatVector.fromArray(S, ROUNDS, 0);
        FloatVector set = FloatVector.fromArray(S, ROUNDS, 16);
        FloatVector t0 = clear.selectFrom(v0, v1);
        FloatVector t1 = set.selectFrom(v0, v1);
        FloatVector t2 = clear.selectFrom(v2, v3);
        FloatVector t3 = set.selectFrom(v2, v3);
        // Round 1: rows r and r + 2.
        clear = FloatVector.fromArray(S, ROUNDS, 32);
        set = FloatVector.fromArray(S, ROUNDS, 48);
        int o = first * 16;
        clear.selectFrom(t0, t2).intoArray(scratch, o);
        clear.selectFrom(t1, t3).intoArray(scratch, o + 16);
        set.selectFrom(t0, t2).intoArray(scratch, o + 32);
        set.selectFrom(t1, t3).intoArray(scratch, o + 48);
    }

    /** Rounds 2 and 3 on scratch rows c, c + 4, c + 8, c + 12: those rows of the result, stored. */
    private static void lastRounds(float[] scratch, int c, int cols, float[] dst, int d, int ds, int width) {
        VectorMask<Float> lanes = S.indexInRange(0, width);
        FloatVector v0 = FloatVector.fromArray(S, scratch, c * 16);
        FloatVector v4 = FloatVector.fromArray(S, scratch, (c + 4) * 16);
        FloatVector v8 = FloatVector.fromArray(S, scratch, (c + 8) * 16);
        FloatVector v12 = FloatVector.fromArray(S, scratch, (c + 12) * 16);
        // Round 2: rows r and r + 4.
        FloatVector clear = FloatVector.fromArray(S, ROUNDS, 64);
        FloatVector set = FloatVector.fromArray(S, ROUNDS, 80);
        FloatVector t0 = clear.selectFrom(v0, v4);
        FloatVector t4 = set.selectFrom(v0, v4);
        FloatVector t8 = clear.selectFrom(v8, v12);
        FloatVector t12 = set.selectFrom(v8, v12);
        // Round 3: rows r and r + 8; row r of the result is column r of the source.
        clear = FloatVector.fromArray(S, ROUNDS, 96);
        set = FloatVector.fromArray(S, ROUNDS, 112);
        if (c < cols) {
            clear.selectFrom(t0, t8).intoArray(dst, d + c * ds, lanes);
        }
        if (c + 4 < cols) {
            clear.selectFrom(t4, t12).intoArray(dst, d + (c + 4) * ds, lanes);
        }
        if (c + 8 < cols) {
            set.selectFrom(t0, t8).intoArray(dst, d + (c + 8) * ds, lanes);
        }
        if (c + 12 < cols) {
            set.selectFrom(t4, t12).intoArray(dst, d + (c + 12) * ds, lanes);
        }
    }
}
