package dev.backprop.engine.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The register-blocked inner kernels of the packed product: C[MR × NR] (+)= Σ_k A_k ⊗ B_k over
 * one block of k, reading an A micro-panel (MR floats per k) and a B micro-panel (NR floats per
 * k) that {@link Packing} laid out contiguously.
 *
 * <p>Why this shape: per k the kernel loads two vectors of B and broadcasts MR scalars of A into
 * MR × 2 fused multiply-adds ({@link #madd}). With AVX-512's 32 vector registers, 12 × 2 = 24 accumulators plus
 * two B vectors and one broadcast fit without spilling, and 24 independent FMA chains hide the
 * FMA latency (4 cycles × 2 ports needs at least 8). Measured on the development machine
 * (1680×1536×1024, one core, packing included): 12×2 ≈ 120 GFLOP/s, 10×2 about the same, 6×2
 * and 8×2 70–110, 8×3 and 4×3 less. With 16 registers (AVX2, SSE, x86 without AVX-512) 24
 * accumulators would spill, so 6 × 2 (12 accumulators) is used there.
 *
 * <p>Every accumulator starts at zero and takes its k terms in order through {@link #madd}, and the block's sum is then added to C once. So an element of C gets the same bits
 * whichever tile, thread or kernel computes it: {@link Gemm} relies on that for determinism.
 *
 * <p>Loop indices are linear in k with constant strides, so C2 hoists the array bounds checks
 * out of the loop.
 */
final class MicroKernels {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    /** Floats per vector. */
    static final int L = S.length();
    /** Columns per micro-tile: two vectors. */
    static final int NR = 2 * L;
    /** Rows per micro-tile; see the class comment. */
    static final int MR = wideRegisterFile() ? 12 : 6;

    private MicroKernels() {
    }

    /**
     * Whether the target has 32 vector registers: x86 with AVX-512 (the only x86 level whose
     * preferred float vector is 512 bits), or AArch64 (NEON and SVE both have 32).
     */
    private static boolean wideRegisterFile() {
        return S.vectorBitSize() >= 512 || "aarch64".equals(System.getProperty("os.arch"));
    }

    /** One MR × NR tile: c[co + r·ldc + j] (+)= Σ_{k < kc} ap[ao + k·MR + r] · bp[bo + k·NR + j]. */
    static void kernel(float[] ap, int ao, float[] bp, int bo, int kc, float[] c, int co, int ldc, boolean accumulate) {
        if (MR == 12) {
            kernel12x2(ap, ao, bp, bo, kc, c, co, ldc, accumulate);
        } else {
            kernel6x2(ap, ao, bp, bo, kc, c, co, ldc, accumulate);
        }
    }

    /** 24 accumulators: for 32 vector registers. */
    static void kernel12x2(float[] ap, int ao, float[] bp, int bo, int kc, float[] c, int co, int ldc, boolean accumulate) {
        FloatVector zero = FloatVector.zero(S);
        FloatVector c00a = zero, c00b = zero;
        FloatVector c01a = zero, c01b = zero;
        FloatVector c02a = zero, c02b = zero;
        FloatVector c03a = zero, c03b = zero;
        FloatVector c04a = zero, c04b = zero;
        FloatVector c05a = zero, c05b = zero;
        FloatVector c06a = zero, c06b = zero;
        FloatVector c07a = zero, c07b = zero;
        FloatVector c08a = zero, c08b = zero;
        FloatVector c09a = zero, c09b = zero;
        FloatVector c10a = zero, c10b = zero;
        FloatVector c11a = zero, c11b = zero;
        for (int k = 0; k < kc; k++) {
            int bi = bo + k * NR;
            int ai = ao + k * 12;
            FloatVector b0 = FloatVector.fromArray(S, bp, bi);
            FloatVector b1 = FloatVector.fromArray(S, bp, bi + L);
            FloatVector a;
            a = FloatVector.broadcast(S, ap[ai + 0]);
            c00a = madd(a, b0, c00a);
            c00b = madd(a, b1, c00b);
            a = FloatVector.broadcast(S, ap[ai + 1]);
            c01a = madd(a, b0, c01a);
            c01b = madd(a, b1, c01b);
            a = FloatVector.broadcast(S, ap[ai + 2]);
            c02a = madd(a, b0, c02a);
            c02b = madd(a, b1, c02b);
            a = FloatVector.broadcast(S, ap[ai + 3]);
            c03a = madd(a, b0, c03a);
            c03b = madd(a, b1, c03b);
            a = FloatVector.broadcast(S, ap[ai + 4]);
            c04a = madd(a, b0, c04a);
            c04b = madd(a, b1, c04b);
            a = FloatVector.broadcast(S, ap[ai + 5]);
            c05a = madd(a, b0, c05a);
            c05b = madd(a, b1, c05b);
            a = FloatVector.broadcast(S, ap[ai + 6]);
            c06a = madd(a, b0, c06a);
            c06b = madd(a, b1, c06b);
            a = FloatVector.broadcast(S, ap[ai + 7]);
            c07a = madd(a, b0, c07a);
            c07b = madd(a, b1, c07b);
            a = FloatVector.broadcast(S, ap[ai + 8]);
            c08a = madd(a, b0, c08a);
            c08b = madd(a, b1, c08b);
            a = FloatVector.broadcast(S, ap[ai + 9]);
            c09a = madd(a, b0, c09a);
            c09b = madd(a, b1, c09b);
            a = FloatVector.broadcast(S, ap[ai + 10]);
            c10a = madd(a, b0, c10a);
            c10b = madd(a, b1, c10b);
            a = FloatVector.broadcast(S, ap[ai + 11]);
            c11a = madd(a, b0, c11a);
            c11b = madd(a, b1, c11b);
        }
        store(c, co + 0 * ldc, c00a, c00b, accumulate);
        store(c, co + 1 * ldc, c01a, c01b, accumulate);
        store(c, co + 2 * ldc, c02a, c02b, accumulate);
        store(c, co + 3 * ldc, c03a, c03b, accumulate);
        store(c, co + 4 * ldc, c04a, c04b, accumulate);
        store(c, co + 5 * ldc, c05a, c05b, accumulate);
        store(c, co + 6 * ldc, c06a, c06b, accumulate);
        store(c, co + 7 * ldc, c07a, c07b, accumulate);
        store(c, co + 8 * ldc, c08a, c08b, accumulate);
        store(c, co + 9 * ldc, c09a, c09b, accumulate);
        store(c, co + 10 * ldc, c10a, c10b, accumulate);
        store(c, co + 11 * ldc, c11a, c11b, accumulate);
    }

    /** 12 accumulators: for 16 vector registers. */
    static void kernel6x2(float[] ap, int ao, float[] bp, int bo, int kc, float[] c, int co, int ldc, boolean accumulate) {
        FloatVector zero = FloatVector.zero(S);
        FloatVector c00a = zero, c00b = zero;
        FloatVector c01a = zero, c01b = zero;
        FloatVector c02a = zero, c02b = zero;
        FloatVector c03a = zero, c03b = zero;
        FloatVector c04a = zero, c04b = zero;
        FloatVector c05a = zero, c05b = zero;
        for (int k = 0; k < kc; k++) {
            int bi = bo + k * NR;
            int ai = ao + k * 6;
            FloatVector b0 = FloatVector.fromArray(S, bp, bi);
            FloatVector b1 = FloatVector.fromArray(S, bp, bi + L);
            FloatVector a;
            a = FloatVector.broadcast(S, ap[ai + 0]);
            c00a = madd(a, b0, c00a);
            c00b = madd(a, b1, c00b);
            a = FloatVector.broadcast(S, ap[ai + 1]);
            c01a = madd(a, b0, c01a);
            c01b = madd(a, b1, c01b);
            a = FloatVector.broadcast(S, ap[ai + 2]);
            c02a = madd(a, b0, c02a);
            c02b = madd(a, b1, c02b);
            a = FloatVector.broadcast(S, ap[ai + 3]);
            c03a = madd(a, b0, c03a);
            c03b = madd(a, b1, c03b);
            a = FloatVector.broadcast(S, ap[ai + 4]);
            c04a = madd(a, b0, c04a);
            c04b = madd(a, b1, c04b);
            a = FloatVector.broadcast(S, ap[ai + 5]);
            c05a = madd(a, b0, c05a);
            c05b = madd(a, b1, c05b);
        }
        store(c, co + 0 * ldc, c00a, c00b, accumulate);
        store(c, co + 1 * ldc, c01a, c01b, accumulate);
        store(c, co + 2 * ldc, c02a, c02b, accumulate);
        store(c, co + 3 * ldc, c03a, c03b, accumulate);
        store(c, co + 4 * ldc, c04a, c04b, accumulate);
        store(c, co + 5 * ldc, c05a, c05b, accumulate);
    }

    /**
     * x·y + acc, fused where the JIT has FMA ({@link Platform#FMA}), else a multiply and an add;
     * fixed per JVM, so the same inputs still give the same bits.
     */
    static FloatVector madd(FloatVector x, FloatVector y, FloatVector acc) {
        return Platform.FMA ? x.fma(y, acc) : x.mul(y).add(acc);
    }

    /** Writes one row of a tile: the block's sum, plus what C held before when accumulating. */
    private static void store(float[] c, int o, FloatVector x, FloatVector y, boolean accumulate) {
        if (accumulate) {
            x = FloatVector.fromArray(S, c, o).add(x);
            y = FloatVector.fromArray(S, c, o + L).add(y);
        }
        x.intoArray(c, o);
        y.intoArray(c, o + L);
    }
}
