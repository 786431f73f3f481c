package dev.backprop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** σ′ against the slope of σ, and BP1 against the slope of C, by central differences in double. */
class ActivationAndCostTest {
    private static final float[] POINTS = {-6f, -2.5f, -1f, -0.3f, 0.2f, 0.7f, 1.5f, 4f};

    @ParameterizedTest
    @EnumSource(value = Activations.class, names = {"SIGMOID", "TANH", "RELU", "IDENTITY"})
    void derivativeIsTheSlopeOfTheValue(Activations f) {
        for (float z : POINTS) {
            double h = 1e-3;
            double slope = (f.value((float) (z + h)) - (double) f.value((float) (z - h))) / (2 * h);
            assertEquals(slope, f.derivative(z), 2e-3 * (1 + Math.abs(slope)), f + " at z = " + z);
        }
    }

    @Test
    void softmaxRowSumsToOneAndSurvivesLargeInputs() {
        float[] z = {1000f, 999f, -1000f};
        float[] a = new float[3];
        Activations.SOFTMAX.apply(z, a, 0, 3);
        assertEquals(1.0, a[0] + a[1] + (double) a[2], 1e-6);
        assertEquals(1 / (1 + Math.exp(-1)), a[0], 1e-6);
        assertEquals(0f, a[2]);
        assertThrows(UnsupportedOperationException.class, () -> Activations.SOFTMAX.derivative(0f));
    }

    @ParameterizedTest
    @ValueSource(floats = {0f, 0.25f, 1f})
    void quadraticBp1IsTheSlopeOfTheCostTimesSigmaPrime(float y) {
        assertBp1IsTheSlopeOfTheCost(Costs.QUADRATIC, Activations.SIGMOID, y);
        assertBp1IsTheSlopeOfTheCost(Costs.QUADRATIC, Activations.TANH, y);
    }

    @ParameterizedTest
    @ValueSource(floats = {0f, 0.25f, 1f})
    void crossEntropyBp1WithSigmoidIsAMinusY(float y) {
        assertBp1IsTheSlopeOfTheCost(Costs.CROSS_ENTROPY, Activations.SIGMOID, y);
    }

    @Test
    void crossEntropyGeneralFormMatchesTheSimplifiedOne() {
        Activation sigmoidInDisguise = new Activation() {
            public String id() {
                return "custom-sigmoid";
            }

            public float value(float z) {
                return Activations.SIGMOID.value(z);
            }

            public float derivative(float z) {
                return Activations.SIGMOID.derivative(z);
            }
        };
        for (float z : new float[] {-2f, -0.5f, 0.5f, 2f}) {
            float a = sigmoidInDisguise.value(z);
            assertEquals(Costs.CROSS_ENTROPY.outputError(a, 0.3f, z, Activations.SIGMOID),
                    Costs.CROSS_ENTROPY.outputError(a, 0.3f, z, sigmoidInDisguise), 1e-5);
        }
    }

    @Test
    void costsAreFiniteWhenFloatRoundsTheOutputToZeroOrOne() {
        assertTrue(Double.isFinite(Costs.CROSS_ENTROPY.value(1f, 0f)));
        assertTrue(Double.isFinite(Costs.CROSS_ENTROPY.value(0f, 1f)));
        assertTrue(Double.isFinite(Costs.LOG_LIKELIHOOD.value(0f, 1f)));
        assertEquals(0.0, Costs.CROSS_ENTROPY.value(1f, 1f));
        assertEquals(0.0, Costs.CROSS_ENTROPY.value(0f, 0f));
        // −ln(2⁻²⁴): the smallest complement float32 resolves.
        assertEquals(24 * Math.log(2), Costs.CROSS_ENTROPY.value(1f, 0f), 1e-9);
    }

    /** BP1 of {@code c} after {@code f} at every point is d/dz of c(σ(z), y), within 1e-3 relative. */
    private static void assertBp1IsTheSlopeOfTheCost(Cost c, Activation f, float y) {
        for (float z : POINTS) {
            double slope = slopeOfCostInZ(c, f, z, y);
            assertEquals(slope, c.outputError(f.value(z), y, z, f), 1e-3 * (1 + Math.abs(slope)), f + " z " + z);
        }
    }

    /**
     * d/dz of c(σ(z), y) by central differences in double. h = 1e-2: the cost reads a as float,
     * so its rounding (≈ 6e-8) divided by 2h must stay small next to the 1e-3 tolerance, while
     * the O(h²) truncation error stays near 1e-5.
     */
    private static double slopeOfCostInZ(Cost c, Activation f, float z, float y) {
        double h = 1e-2;
        return (c.value(f.value((float) (z + h)), y) - c.value(f.value((float) (z - h)), y)) / (2 * h);
    }
}
