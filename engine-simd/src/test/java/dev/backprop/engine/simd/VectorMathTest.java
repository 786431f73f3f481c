package dev.backprop.engine.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.UnaryOperator;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

import org.junit.jupiter.api.Test;

/**
 * {@link VectorMath} against {@link Math} in double precision: e^x within 2 ulp of the float
 * result wherever that is a normal float, 0 where it is below 2^−125.5 and exactly 0 below the
 * clamp, +∞ above the overflow bound, NaN for NaN; tanh within 2 ulp. The inputs are every 2^−9 step across the
 * range and the values at the bounds.
 */
class VectorMathTest {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final float[] SPECIAL = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0f, -0f,
        88.3762626647949f, Math.nextUp(88.3762626647949f), -87.3365447504f, Math.nextDown(-87.3365447504f),
        Float.MIN_VALUE, -Float.MIN_VALUE, 1e-30f, 0.625f, Math.nextDown(0.625f), -0.625f, 9f, -9f, 20f};

    @Test
    void expIsWithinTwoUlpAndSaturatesAtTheBounds() {
        float[] x = inputs(100f);
        float[] e = apply(VectorMath::exp, x);
        for (int i = 0; i < x.length; i++) {
            double exact = Math.exp(x[i]);
            String where = "e^" + x[i];
            if (Float.isNaN(x[i])) {
                assertTrue(Float.isNaN(e[i]), where + " should be NaN, got " + e[i]);
            } else if (x[i] > 88.3762626647949f) {
                assertEquals(Float.POSITIVE_INFINITY, e[i], where);
            } else if (x[i] < -87.3365447504f) {
                assertEquals(0f, e[i], where);
            } else if (e[i] == 0f) {
                // The one flush inside the range: 2^n with n = −126 is built as 0 (see exp).
                assertTrue(exact < Math.sqrt(2) * Float.MIN_NORMAL, where + " = " + exact + " flushed to 0");
            } else {
                assertWithinUlps(exact, e[i], 2, where);
            }
        }
    }

    @Test
    void tanhIsWithinTwoUlp() {
        float[] x = inputs(20f);
        float[] t = apply(VectorMath::tanh, x);
        for (int i = 0; i < x.length; i++) {
            String where = "tanh " + x[i];
            if (Float.isNaN(x[i])) {
                assertTrue(Float.isNaN(t[i]), where + " should be NaN, got " + t[i]);
            } else {
                assertWithinUlps(Math.tanh(x[i]), t[i], 2, where);
            }
        }
    }

    /** f on every vector of x (whose length is a whole number of vectors). */
    private static float[] apply(UnaryOperator<FloatVector> f, float[] x) {
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i += S.length()) {
            f.apply(FloatVector.fromArray(S, x, i)).intoArray(y, i);
        }
        return y;
    }

    /** Every 2^−9 in [−range, range], then the special values, padded to whole vectors. */
    private static float[] inputs(float range) {
        int steps = (int) (2 * range * 512) + 1;
        int count = steps + SPECIAL.length;
        float[] x = new float[(count + S.length() - 1) / S.length() * S.length()];
        for (int i = 0; i < steps; i++) {
            x[i] = -range + i / 512f;
        }
        System.arraycopy(SPECIAL, 0, x, steps, SPECIAL.length);
        return x;
    }

    private static void assertWithinUlps(double exact, float actual, int ulps, String where) {
        float rounded = (float) exact;
        if (Float.isInfinite(rounded)) {
            assertEquals(rounded, actual, where);
            return;
        }
        double error = Math.abs(actual - exact);
        double allowed = ulps * Math.ulp(Math.max(Math.abs(rounded), Float.MIN_NORMAL));
        assertTrue(error <= allowed, where + ": expected " + exact + ", got " + actual + " (error " + error
                + ", allowed " + allowed + ")");
    }
}
