package dev.backprop.engine.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.Activations;

import java.util.Arrays;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every constant of {@link Activations}, whatever is added later: an element-wise one has a vector
 * σ and σ′ that write every element with the api's numbers (within the few ulps of
 * {@link VectorMath}'s exp and tanh), a row-wise one is refused. A constant that the vector code
 * mapped to no loop, or to another activation's, fails here.
 */
class VectorActivationsTest {
    /** An odd count, so the last vector is partial at every width; z from −8 to 8 and past 0. */
    private static final int N = 37;
    private static final int OFFSET = 5;

    private static float[] inputs() {
        float[] z = new float[OFFSET + N];
        for (int i = 0; i < N; i++) {
            z[OFFSET + i] = -8f + 16f * i / (N - 1) + 0.01f;
        }
        return z;
    }

    @ParameterizedTest
    @EnumSource(Activations.class)
    void sigmaWritesEveryElementWithTheApisValue(Activations f) {
        float[] z = inputs();
        float[] a = new float[OFFSET + N];
        Arrays.fill(a, Float.NaN);
        if (!f.isElementwise()) {
            assertThrows(IllegalArgumentException.class, () -> VectorActivations.activate(f, z, OFFSET, a, OFFSET, N));
            return;
        }
        assertEquals(N, VectorActivations.activate(f, z, OFFSET, a, OFFSET, N));
        for (int i = OFFSET; i < OFFSET + N; i++) {
            assertClose(f + " σ(" + z[i] + ")", f.value(z[i]), a[i]);
        }
    }

    @ParameterizedTest
    @EnumSource(Activations.class)
    void derivativeMultipliesEveryElementByTheApisSigmaPrime(Activations f) {
        float[] z = inputs();
        float[] d = new float[OFFSET + N];
        Arrays.fill(d, 3f);
        if (!f.isElementwise()) {
            assertThrows(IllegalArgumentException.class, () -> VectorActivations.multiplyByDerivative(f, d, z, OFFSET, N));
            return;
        }
        assertEquals(N, VectorActivations.multiplyByDerivative(f, d, z, OFFSET, N));
        for (int i = OFFSET; i < OFFSET + N; i++) {
            assertClose(f + " 3·σ′(" + z[i] + ")", 3 * f.derivative(z[i]), d[i]);
        }
        for (int i = 0; i < OFFSET; i++) {
            assertEquals(3f, d[i], "element " + i + " before the run was changed");
        }
    }

    /** 8 ulps of the expected value, and 8·2⁻²⁴ absolute for values near 0 (σ′ = s(1 − s) cancels there). */
    private static void assertClose(String what, float expected, float actual) {
        double tolerance = 8 * Math.ulp(Math.abs(expected)) + 8 * 0x1p-24;
        assertTrue(Math.abs((double) actual - expected) <= tolerance,
                what + ": expected " + expected + ", got " + actual + " (tolerance " + tolerance + ")");
    }
}
