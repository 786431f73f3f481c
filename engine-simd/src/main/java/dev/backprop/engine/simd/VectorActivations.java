package dev.backprop.engine.simd;

import dev.backprop.BuiltinActivation;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * σ and σ′ of the built-in activations on whole runs of floats, with the formulas of
 * {@link BuiltinActivation} (σ′ of sigmoid is σ(1 − σ), of tanh 1 − tanh², ReLU's σ′(0) = 0).
 *
 * <p>The exponential is the Vector API's {@code EXP} (an intrinsic on x86), which may differ from
 * {@code Math.exp} in the last bit or so and is evaluated in float, not double as the reference
 * engine does. It is deterministic: each lane is computed on its own. The last, partial vector of
 * a run goes through the same vector code under a mask, so a value's result never depends on where
 * in a vector it falls, hence not on how work was split between threads.
 */
final class VectorActivations {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private VectorActivations() {
    }

    /** a[ao + t] = σ(z[zo + t]) for t < n; f is element-wise (not softmax). */
    static void activate(BuiltinActivation f, float[] z, int zo, float[] a, int ao, int n) {
        // One loop, every step under a mask (free with AVX-512, cheap with AVX2), so that value()
        // has a single, hot call site and is always inlined; see the class comment.
        for (int t = 0; t < n; t += L) {
            VectorMask<Float> m = S.indexInRange(t, n);
            value(f, FloatVector.fromArray(S, z, zo + t, m)).intoArray(a, ao + t, m);
        }
    }

    /** d[o + t] = d[o + t] · σ′(z[o + t]) for t < n: the ⊙ σ′(z) of BP1 and BP2. */
    static void multiplyByDerivative(BuiltinActivation f, float[] d, float[] z, int o, int n) {
        if (f == BuiltinActivation.IDENTITY) {
            return; // σ′ = 1: d · 1 is d, bit for bit.
        }
        for (int t = 0; t < n; t += L) {
            VectorMask<Float> m = S.indexInRange(t, n);
            FloatVector g = derivative(f, FloatVector.fromArray(S, z, o + t, m));
            FloatVector.fromArray(S, d, o + t, m).mul(g).intoArray(d, o + t, m);
        }
    }

    /** σ(z) lane by lane; f element-wise. */
    private static FloatVector value(BuiltinActivation f, FloatVector z) {
        FloatVector one = FloatVector.broadcast(S, 1f);
        return switch (f) {
            // 1 / (1 + e^−z): for z → −∞, e^−z overflows to ∞ and σ correctly becomes 0.
            case SIGMOID -> one.div(z.neg().lanewise(VectorOperators.EXP).add(one));
            case TANH -> z.lanewise(VectorOperators.TANH);
            // z > 0 ? z : 0, as the scalar code (NaN and −0 give +0, which max() would not).
            case RELU -> FloatVector.zero(S).blend(z, z.compare(VectorOperators.GT, 0f));
            case IDENTITY -> z;
            case SOFTMAX -> throw new IllegalArgumentException("softmax is not element-wise");
        };
    }

    /** σ′(z) lane by lane; f element-wise. Written out, not through value(), to stay one inlined call. */
    private static FloatVector derivative(BuiltinActivation f, FloatVector z) {
        FloatVector one = FloatVector.broadcast(S, 1f);
        return switch (f) {
            case SIGMOID -> {
                FloatVector s = one.div(z.neg().lanewise(VectorOperators.EXP).add(one));
                yield s.mul(one.sub(s));
            }
            case TANH -> {
                FloatVector t = z.lanewise(VectorOperators.TANH);
                yield one.sub(t.mul(t));
            }
            case RELU -> FloatVector.zero(S).blend(one, z.compare(VectorOperators.GT, 0f));
            case IDENTITY -> one;
            case SOFTMAX -> throw new IllegalArgumentException("softmax has no element-wise derivative");
        };
    }

    /**
     * Softmax of one example's row, as {@link BuiltinActivation#SOFTMAX}: e^{z − max} in vectors,
     * then their sum in double in index order (the reference's order), then one scaling.
     */
    static void softmax(float[] z, float[] a, int o, int n) {
        FloatVector max = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
        int t = 0;
        for (int bound = S.loopBound(n); t < bound; t += L) {
            max = max.max(FloatVector.fromArray(S, z, o + t));
        }
        float top = max.reduceLanes(VectorOperators.MAX);
        for (; t < n; t++) {
            top = Math.max(top, z[o + t]);
        }
        t = 0;
        for (int bound = S.loopBound(n); t < bound; t += L) {
            FloatVector.fromArray(S, z, o + t).sub(top).lanewise(VectorOperators.EXP).intoArray(a, o + t);
        }
        if (t < n) {
            VectorMask<Float> m = S.indexInRange(t, n);
            FloatVector.fromArray(S, z, o + t, m).sub(top).lanewise(VectorOperators.EXP).intoArray(a, o + t, m);
        }
        double sum = 0;
        for (t = 0; t < n; t++) {
            sum += a[o + t];
        }
        float inverse = (float) (1.0 / sum);
        t = 0;
        for (int bound = S.loopBound(n); t < bound; t += L) {
            FloatVector.fromArray(S, a, o + t).mul(inverse).intoArray(a, o + t);
        }
        for (; t < n; t++) {
            a[o + t] *= inverse;
        }
    }
}
