package dev.backprop.engine.simd;

import dev.backprop.Activations;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * σ and σ′ of the built-in activations on whole runs of floats, with the formulas of
 * {@link Activations} (σ′ of sigmoid is σ(1 − σ), of tanh 1 − tanh², ReLU's σ′(0) = 0).
 * The exponential and tanh are {@link VectorMath}'s, which give the same bits in every JIT tier.
 *
 * <p>Each activation has its own loop, and every step of it runs under a mask (free with
 * AVX-512, cheap with AVX2), so the last, partial vector goes through the same code as the others
 * and the helpers taking vectors ({@code VectorMath.exp}, {@code tanh}) have one hot call site
 * each. C2 inlines a hot call but may refuse a cold one, and a vector passed to a call that is not
 * inlined is boxed on the heap (see {@link MicroKernels}).
 */
final class VectorActivations {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private VectorActivations() {
    }

    /**
     * a[ao + t] = σ(z[zo + t]) for t < n; f is element-wise (not softmax). Returns n.
     *
     * <p>The loops return the count they wrote so that the choice is a switch expression, which
     * javac rejects unless it names every constant: an activation added to {@link Activations}
     * cannot leave a unwritten here (a switch statement would skip it without a word).
     */
    static int activate(Activations f, float[] z, int zo, float[] a, int ao, int n) {
        return switch (f) {
            case SIGMOID -> sigmoid(z, zo, a, ao, n);
            case TANH -> tanh(z, zo, a, ao, n);
            case RELU -> relu(z, zo, a, ao, n);
            case IDENTITY -> copy(z, zo, a, ao, n);
            case SOFTMAX -> throw new IllegalArgumentException("softmax is not element-wise");
        };
    }

    /** d[o + t] = d[o + t] · σ′(z[o + t]) for t < n: the ⊙ σ′(z) of BP1 and BP2. Returns n; see {@link #activate}. */
    static int multiplyByDerivative(Activations f, float[] d, float[] z, int o, int n) {
        return switch (f) {
            case SIGMOID -> sigmoidDerivative(d, z, o, n);
            case TANH -> tanhDerivative(d, z, o, n);
            case RELU -> reluDerivative(d, z, o, n);
            case IDENTITY -> n; // σ′ = 1: d · 1 is d, bit for bit.
            case SOFTMAX -> throw new IllegalArgumentException("softmax has no element-wise derivative");
        };
    }

    private static int copy(float[] z, int zo, float[] a, int ao, int n) {
        System.arraycopy(z, zo, a, ao, n);
        return n;
    }

    /** σ(z) = 1 / (1 + e^−z): for z → −∞, e^−z becomes ∞ and σ correctly 0. */
    private static int sigmoid(float[] z, int zo, float[] a, int ao, int n) {
        for (int t = 0; t < n; t += L) {
            VectorMask<Float> m = S.indexInRange(t, n);
            FloatVector e = VectorMath.exp(FloatVector.fromArray(S, z, zo + t, m).neg());
            FloatVector.broadcast(S, 1f).div(e.add(1f)).intoArray(a, ao + t, m);
        }
        return n;
    }

    private static int tanh(float[] z, int zo, float[] a, int ao, int n) {
        for (int t = 0; t < n; t += L) {
            VectorMask<Float> m = S.indexInRange(t, n);
            VectorMath.tanh(FloatVector.fromArray(S, z, zo + t, m)).intoArray(a, ao + t, m);
        }
        return n;
    }

    /** z > 0 ? z : 0, as the scalar code (NaN and −0 give +0, which max() would not). */
    private static int relu(float[] z, int zo, float[] a, int ao, int n) {
        for (int t = 0; t < n; t += L) {
            VectorMask<Float> m = S.indexInRange(t, n);
            FloatVector x = FloatVector.fromArray(S, z, zo + t, m);
            FloatVector.zero(S).blend(x, x.compare(VectorOperators.GT, 0f)).intoArray(a, ao + t, m);
        }
        return n;
    }

    /** d ⊙ σ(z)(1 − σ(z)). */
    private static int sigmoidDerivative(float[] d, float[] z, int o, int n) {
        for (int t = 0; t < n; t += L) {
            VectorMask<Float> m = S.indexInRange(t, n);
            FloatVector e = VectorMath.exp(FloatVector.fromArray(S, z, o + t, m).neg());
            FloatVector s = FloatVector.broadcast(S, 1f).div(e.add(1f));
            FloatVector g = s.mul(FloatVector.broadcast(S, 1f).sub(s));
            FloatVector.fromArray(S, d, o + t, m).mul(g).intoArray(d, o + t, m);
        }
        return n;
    }

    /** d ⊙ (1 − tanh²(z)). */
    private static int tanhDerivative(float[] d, float[] z, int o, int n) {
        for (int t = 0; t < n; t += L) {
            VectorMask<Float> m = S.indexInRange(t, n);
            FloatVector h = VectorMath.tanh(FloatVector.fromArray(S, z, o + t, m));
            FloatVector g = FloatVector.broadcast(S, 1f).sub(h.mul(h));
            FloatVector.fromArray(S, d, o + t, m).mul(g).intoArray(d, o + t, m);
        }
        return n;
    }

    /** d ⊙ (z > 0 ? 1 : 0). */
    private static int reluDerivative(float[] d, float[] z, int o, int n) {
        for (int t = 0; t < n; t += L) {
            VectorMask<Float> m = S.indexInRange(t, n);
            VectorMask<Float> positive = FloatVector.fromArray(S, z, o + t, m).compare(VectorOperators.GT, 0f);
            FloatVector g = FloatVector.zero(S).blend(1f, positive);
            FloatVector.fromArray(S, d, o + t, m).mul(g).intoArray(d, o + t, m);
        }
        return n;
    }

    /**
     * Softmax of one example's row, as {@link Activations#SOFTMAX}: e^{z − max} in vectors,
     * then their sum in double in index order (the order of the api's own), then one scaling.
     */
    static void softmax(float[] z, float[] a, int o, int n) {
        if (Warmup.cold(Warmup.ELEMENT_WISE)) {
            ScalarKernels.softmax(z, a, o, n);
            return;
        }
        float top = ScalarKernels.max(z, o, n);
        for (int t = 0; t < n; t += L) {
            VectorMask<Float> m = S.indexInRange(t, n);
            VectorMath.exp(FloatVector.fromArray(S, z, o + t, m).sub(top)).intoArray(a, o + t, m);
        }
        ScalarKernels.normalize(a, o, n);
    }
}
