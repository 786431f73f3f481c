package dev.backprop.engine.simd;

import static dev.backprop.engine.simd.Platform.FMA;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The register-blocked inner kernels of the packed product: C[MR × NR] (+)= Σ_k A_k ⊗ B_k over
 * one block of k, reading an A micro-panel (MR floats per k) and a B micro-panel (NR floats per
 * k) that {@link Packing} laid out contiguously.
 *
 * <p>Why this shape: per k the kernel loads two vectors of B and broadcasts MR scalars of A into
 * MR × 2 fused multiply-adds (a multiply and an add where the JIT has no FMA, see
 * {@link Platform#FMA}). With AVX-512's 32 vector registers, 12 × 2 = 24 accumulators plus
 * two B vectors and one broadcast fit without spilling, and 24 independent FMA chains hide the
 * FMA latency (4 cycles × 2 ports needs at least 8). Measured on the development machine
 * (1680×1536×1024, one core, packing included, a shared and noisy machine, best of runs):
 * 12×2 ≈ 120 GFLOP/s, 10×2 about the same, 6×2 and 8×2 70–110, 8×3 and 4×3 less; unrolling k
 * by 2 or 4 made no difference that the noise let us see. With 16 registers (AVX2, SSE, x86 without AVX-512) 24
 * accumulators would spill, so 6 × 2 (12 accumulators) is used there.
 *
 * <p>Every accumulator starts at zero and takes its k terms in order, one multiply-add each, and
 * the block's sum is then added to C once. So an element of C gets the same bits whichever tile,
 * thread or kernel computes it: {@link Gemm} relies on that for determinism.
 *
 * <p>Loop indices are linear in k with constant strides, so C2 hoists the array bounds checks
 * out of the loop. Everything is written out in the kernel, with no helper method taking or
 * returning a vector: C2 declines to inline a helper at a call site it deems cold once the
 * helper has its own compiled code ("already compiled into a medium method"), and then boxes
 * the accumulators into heap objects; the kernel ran fifteen times slower that way.
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
            c00a = FMA ? a.fma(b0, c00a) : a.mul(b0).add(c00a);
            c00b = FMA ? a.fma(b1, c00b) : a.mul(b1).add(c00b);
            a = FloatVector.broadcast(S, ap[ai + 1]);
            c01a = FMA ? a.fma(b0, c01a) : a.mul(b0).add(c01a);
            c01b = FMA ? a.fma(b1, c01b) : a.mul(b1).add(c01b);
            a = FloatVector.broadcast(S, ap[ai + 2]);
            c02a = FMA ? a.fma(b0, c02a) : a.mul(b0).add(c02a);
            c02b = FMA ? a.fma(b1, c02b) : a.mul(b1).add(c02b);
            a = FloatVector.broadcast(S, ap[ai + 3]);
            c03a = FMA ? a.fma(b0, c03a) : a.mul(b0).add(c03a);
            c03b = FMA ? a.fma(b1, c03b) : a.mul(b1).add(c03b);
            a = FloatVector.broadcast(S, ap[ai + 4]);
            c04a = FMA ? a.fma(b0, c04a) : a.mul(b0).add(c04a);
            c04b = FMA ? a.fma(b1, c04b) : a.mul(b1).add(c04b);
            a = FloatVector.broadcast(S, ap[ai + 5]);
            c05a = FMA ? a.fma(b0, c05a) : a.mul(b0).add(c05a);
            c05b = FMA ? a.fma(b1, c05b) : a.mul(b1).add(c05b);
            a = FloatVector.broadcast(S, ap[ai + 6]);
            c06a = FMA ? a.fma(b0, c06a) : a.mul(b0).add(c06a);
            c06b = FMA ? a.fma(b1, c06b) : a.mul(b1).add(c06b);
            a = FloatVector.broadcast(S, ap[ai + 7]);
            c07a = FMA ? a.fma(b0, c07a) : a.mul(b0).add(c07a);
            c07b = FMA ? a.fma(b1, c07b) : a.mul(b1).add(c07b);
            a = FloatVector.broadcast(S, ap[ai + 8]);
            c08a = FMA ? a.fma(b0, c08a) : a.mul(b0).add(c08a);
            c08b = FMA ? a.fma(b1, c08b) : a.mul(b1).add(c08b);
            a = FloatVector.broadcast(S, ap[ai + 9]);
            c09a = FMA ? a.fma(b0, c09a) : a.mul(b0).add(c09a);
            c09b = FMA ? a.fma(b1, c09b) : a.mul(b1).add(c09b);
            a = FloatVector.broadcast(S, ap[ai + 10]);
            c10a = FMA ? a.fma(b0, c10a) : a.mul(b0).add(c10a);
            c10b = FMA ? a.fma(b1, c10b) : a.mul(b1).add(c10b);
            a = FloatVector.broadcast(S, ap[ai + 11]);
            c11a = FMA ? a.fma(b0, c11a) : a.mul(b0).add(c11a);
            c11b = FMA ? a.fma(b1, c11b) : a.mul(b1).add(c11b);
        }
        if (accumulate) {
            c00a = c00a.add(FloatVector.fromArray(S, c, co));
            c00b = c00b.add(FloatVector.fromArray(S, c, co + L));
            c01a = c01a.add(FloatVector.fromArray(S, c, co + 1 * ldc));
            c01b = c01b.add(FloatVector.fromArray(S, c, co + 1 * ldc + L));
            c02a = c02a.add(FloatVector.fromArray(S, c, co + 2 * ldc));
            c02b = c02b.add(FloatVector.fromArray(S, c, co + 2 * ldc + L));
            c03a = c03a.add(FloatVector.fromArray(S, c, co + 3 * ldc));
            c03b = c03b.add(FloatVector.fromArray(S, c, co + 3 * ldc + L));
            c04a = c04a.add(FloatVector.fromArray(S, c, co + 4 * ldc));
            c04b = c04b.add(FloatVector.fromArray(S, c, co + 4 * ldc + L));
            c05a = c05a.add(FloatVector.fromArray(S, c, co + 5 * ldc));
            c05b = c05b.add(FloatVector.fromArray(S, c, co + 5 * ldc + L));
            c06a = c06a.add(FloatVector.fromArray(S, c, co + 6 * ldc));
            c06b = c06b.add(FloatVector.fromArray(S, c, co + 6 * ldc + L));
            c07a = c07a.add(FloatVector.fromArray(S, c, co + 7 * ldc));
            c07b = c07b.add(FloatVector.fromArray(S, c, co + 7 * ldc + L));
            c08a = c08a.add(FloatVector.fromArray(S, c, co + 8 * ldc));
            c08b = c08b.add(FloatVector.fromArray(S, c, co + 8 * ldc + L));
            c09a = c09a.add(FloatVector.fromArray(S, c, co + 9 * ldc));
            c09b = c09b.add(FloatVector.fromArray(S, c, co + 9 * ldc + L));
            c10a = c10a.add(FloatVector.fromArray(S, c, co + 10 * ldc));
            c10b = c10b.add(FloatVector.fromArray(S, c, co + 10 * ldc + L));
            c11a = c11a.add(FloatVector.fromArray(S, c, co + 11 * ldc));
            c11b = c11b.add(FloatVector.fromArray(S, c, co + 11 * ldc + L));
        }
        c00a.intoArray(c, co);
        c00b.intoArray(c, co + L);
        c01a.intoArray(c, co + 1 * ldc);
        c01b.intoArray(c, co + 1 * ldc + L);
        c02a.intoArray(c, co + 2 * ldc);
        c02b.intoArray(c, co + 2 * ldc + L);
        c03a.intoArray(c, co + 3 * ldc);
        c03b.intoArray(c, co + 3 * ldc + L);
        c04a.intoArray(c, co + 4 * ldc);
        c04b.intoArray(c, co + 4 * ldc + L);
        c05a.intoArray(c, co + 5 * ldc);
        c05b.intoArray(c, co + 5 * ldc + L);
        c06a.intoArray(c, co + 6 * ldc);
        c06b.intoArray(c, co + 6 * ldc + L);
        c07a.intoArray(c, co + 7 * ldc);
        c07b.intoArray(c, co + 7 * ldc + L);
        c08a.intoArray(c, co + 8 * ldc);
        c08b.intoArray(c, co + 8 * ldc + L);
        c09a.intoArray(c, co + 9 * ldc);
        c09b.intoArray(c, co + 9 * ldc + L);
        c10a.intoArray(c, co + 10 * ldc);
        c10b.intoArray(c, co + 10 * ldc + L);
        c11a.intoArray(c, co + 11 * ldc);
        c11b.intoArray(c, co + 11 * ldc + L);
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
            c00a = FMA ? a.fma(b0, c00a) : a.mul(b0).add(c00a);
            c00b = FMA ? a.fma(b1, c00b) : a.mul(b1).add(c00b);
            a = FloatVector.broadcast(S, ap[ai + 1]);
            c01a = FMA ? a.fma(b0, c01a) : a.mul(b0).add(c01a);
            c01b = FMA ? a.fma(b1, c01b) : a.mul(b1).add(c01b);
            a = FloatVector.broadcast(S, ap[ai + 2]);
            c02a = FMA ? a.fma(b0, c02a) : a.mul(b0).add(c02a);
            c02b = FMA ? a.fma(b1, c02b) : a.mul(b1).add(c02b);
            a = FloatVector.broadcast(S, ap[ai + 3]);
            c03a = FMA ? a.fma(b0, c03a) : a.mul(b0).add(c03a);
            c03b = FMA ? a.fma(b1, c03b) : a.mul(b1).add(c03b);
            a = FloatVector.broadcast(S, ap[ai + 4]);
            c04a = FMA ? a.fma(b0, c04a) : a.mul(b0).add(c04a);
            c04b = FMA ? a.fma(b1, c04b) : a.mul(b1).add(c04b);
            a = FloatVector.broadcast(S, ap[ai + 5]);
            c05a = FMA ? a.fma(b0, c05a) : a.mul(b0).add(c05a);
            c05b = FMA ? a.fma(b1, c05b) : a.mul(b1).add(c05b);
        }
        if (accumulate) {
            c00a = c00a.add(FloatVector.fromArray(S, c, co));
            c00b = c00b.add(FloatVector.fromArray(S, c, co + L));
            c01a = c01a.add(FloatVector.fromArray(S, c, co + 1 * ldc));
            c01b = c01b.add(FloatVector.fromArray(S, c, co + 1 * ldc + L));
            c02a = c02a.add(FloatVector.fromArray(S, c, co + 2 * ldc));
            c02b = c02b.add(FloatVector.fromArray(S, c, co + 2 * ldc + L));
            c03a = c03a.add(FloatVector.fromArray(S, c, co + 3 * ldc));
            c03b = c03b.add(FloatVector.fromArray(S, c, co + 3 * ldc + L));
            c04a = c04a.add(FloatVector.fromArray(S, c, co + 4 * ldc));
            c04b = c04b.add(FloatVector.fromArray(S, c, co + 4 * ldc + L));
            c05a = c05a.add(FloatVector.fromArray(S, c, co + 5 * ldc));
            c05b = c05b.add(FloatVector.fromArray(S, c, co + 5 * ldc + L));
        }
        c00a.intoArray(c, co);
        c00b.intoArray(c, co + L);
        c01a.intoArray(c, co + 1 * ldc);
        c01b.intoArray(c, co + 1 * ldc + L);
        c02a.intoArray(c, co + 2 * ldc);
        c02b.intoArray(c, co + 2 * ldc + L);
        c03a.intoArray(c, co + 3 * ldc);
        c03b.intoArray(c, co + 3 * ldc + L);
        c04a.intoArray(c, co + 4 * ldc);
        c04b.intoArray(c, co + 4 * ldc + L);
        c05a.intoArray(c, co + 5 * ldc);
        c05b.intoArray(c, co + 5 * ldc + L);
    }
}
