package dev.backprop.engine.simd;

import dev.backprop.spi.HostSteps;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Chapter 3's element-wise steps as vector loops: the regularised gradient, momentum, Adam,
 * RMSProp and dropout's mask. Each is {@link dev.backprop.spi.HostSteps}' formula with the same
 * operations in the same order and no fused multiply-add, so it gives the reference engine's
 * bits; a loop runs whole vectors, then the few elements of the tail through HostSteps
 * itself (the same bits; and no masked vector, which a JVM without mask registers may not
 * compile into plain instructions).
 *
 * <p>Single-threaded: each is one pass over a parameter matrix (78,400 floats for the book's
 * first layer, some 20 µs), a small part of a step, and the engine's products already use the
 * other cores.
 */
final class OptimizerKernels {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private OptimizerKernels() {
    }

    /** g ← g + l2·w + l1·sgn(w); sgn as Math.signum: ±0 and NaN are their own sign. */
    static void regularize(float[] g, float[] w, int n, float l2, float l1) {
        int t = 0;
        for (int bound = S.loopBound(n); t < bound; t += L) {
            FloatVector wv = FloatVector.fromArray(S, w, t);
            FloatVector sign = wv.blend(1f, wv.compare(VectorOperators.GT, 0f)).blend(-1f, wv.compare(VectorOperators.LT, 0f));
            FloatVector.fromArray(S, g, t).add(wv.mul(l2)).add(sign.mul(l1)).intoArray(g, t);
        }
        HostSteps.regularize(g, w, t, n, l2, l1);
    }

    /** v ← μv − ηg; w ← w + v, or Nesterov's w ← w + μv − ηg. */
    static void momentum(float[] w, float[] g, float[] v, int n, float eta, float mu, boolean nesterov) {
        int t = 0;
        for (int bound = S.loopBound(n); t < bound; t += L) {
            FloatVector step = FloatVector.fromArray(S, g, t).mul(eta);
            FloatVector velocity = FloatVector.fromArray(S, v, t).mul(mu).sub(step);
            velocity.intoArray(v, t);
            FloatVector wv = FloatVector.fromArray(S, w, t);
            (nesterov ? wv.add(velocity.mul(mu)).sub(step) : wv.add(velocity)).intoArray(w, t);
        }
        HostSteps.momentum(w, g, v, t, n, eta, mu, nesterov);
    }

    /** Adam with the bias corrections folded into {@code stepSize} and {@code correction2}, AdamW's decay first. */
    static void adam(float[] w, float[] g, float[] first, float[] second, int n, float beta1, float beta2, float epsilon,
                     float stepSize, float correction2, float decay) {
        float keep = 1 - decay;
        float oneMinusBeta1 = 1 - beta1;
        float oneMinusBeta2 = 1 - beta2;
        int t = 0;
        for (int bound = S.loopBound(n); t < bound; t += L) {
            FloatVector gv = FloatVector.fromArray(S, g, t);
            FloatVector mv = FloatVector.fromArray(S, first, t).mul(beta1).add(gv.mul(oneMinusBeta1));
            FloatVector vv = FloatVector.fromArray(S, second, t).mul(beta2).add(gv.mul(gv).mul(oneMinusBeta2));
            mv.intoArray(first, t);
            vv.intoArray(second, t);
            FloatVector denominator = vv.lanewise(VectorOperators.SQRT).div(correction2).add(epsilon);
            FloatVector.fromArray(S, w, t).mul(keep).sub(mv.mul(stepSize).div(denominator)).intoArray(w, t);
        }
        HostSteps.adam(w, g, first, second, t, n, beta1, beta2, epsilon, stepSize, correction2, decay);
    }

    /** r ← ρr + (1 − ρ)g²; w ← w − ηg / (√r + ε). */
    static void rmsProp(float[] w, float[] g, float[] r, int n, float eta, float rho, float epsilon) {
        float oneMinusRho = 1 - rho;
        int t = 0;
        for (int bound = S.loopBound(n); t < bound; t += L) {
            FloatVector gv = FloatVector.fromArray(S, g, t);
            FloatVector rv = FloatVector.fromArray(S, r, t).mul(rho).add(gv.mul(gv).mul(oneMinusRho));
            rv.intoArray(r, t);
            FloatVector denominator = rv.lanewise(VectorOperators.SQRT).add(epsilon);
            FloatVector.fromArray(S, w, t).sub(gv.mul(eta).div(denominator)).intoArray(w, t);
        }
        HostSteps.rmsProp(w, g, r, t, n, eta, rho, epsilon);
    }

    /** x ← x ⊙ r. */
    static void dropout(float[] x, float[] mask, int n) {
        int t = 0;
        for (int bound = S.loopBound(n); t < bound; t += L) {
            FloatVector.fromArray(S, x, t).mul(FloatVector.fromArray(S, mask, t)).intoArray(x, t);
        }
        HostSteps.dropout(x, mask, t, n);
    }
}
