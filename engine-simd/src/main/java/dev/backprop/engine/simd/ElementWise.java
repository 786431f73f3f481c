package dev.backprop.engine.simd;

import dev.backprop.Activation;
import dev.backprop.Activations;
import dev.backprop.Costs;
import dev.backprop.Cost;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * The work of the chapter that is not a matrix product: BP1, BP3, the SGD step, and the small
 * vector loops the product finishers use. Each loop runs whole vectors, then the last partial
 * one under a mask.
 *
 * <p>Where the reference engine's formula has no fused multiply-add (the SGD step, the column
 * sums of BP3), the same operations in the same order are used here, so the SGD step gives the
 * reference's bits exactly, and BP3 its sums (then scaled by 1/m instead of divided by m).
 */
final class ElementWise {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private ElementWise() {
    }

    /** c[co + t] += b[bo + t] for t < n. */
    static void addInPlace(float[] c, int co, float[] b, int bo, int n) {
        int t = 0;
        for (int bound = S.loopBound(n); t < bound; t += L) {
            FloatVector.fromArray(S, c, co + t).add(FloatVector.fromArray(S, b, bo + t)).intoArray(c, co + t);
        }
        if (t < n) {
            VectorMask<Float> m = S.indexInRange(t, n);
            FloatVector.fromArray(S, c, co + t, m).add(FloatVector.fromArray(S, b, bo + t, m)).intoArray(c, co + t, m);
        }
    }

    /**
     * c[co + t] *= factor for t < n. The means of BP3 and BP4 multiply by 1/m rather than divide
     * by m: a vector division costs some ten cycles a vector, which was a third of the book's BP4
     * product; the result differs from the division by at most one rounding.
     */
    static void scaleInPlace(float[] c, int co, int n, float factor) {
        int t = 0;
        for (int bound = S.loopBound(n); t < bound; t += L) {
            FloatVector.fromArray(S, c, co + t).mul(factor).intoArray(c, co + t);
        }
        if (t < n) {
            VectorMask<Float> m = S.indexInRange(t, n);
            FloatVector.fromArray(S, c, co + t, m).mul(factor).intoArray(c, co + t, m);
        }
    }

    /**
     * BP1: δ = ∇_a C ⊙ σ′(z) for every element. The book's pairs get vector code with the
     * formulas of {@link Costs#outputError}; any other pair calls
     * {@link Cost#outputError} per element, exactly as the reference engine does. A pair whose
     * σ′ does not exist (softmax without log-likelihood) never gets here: Checks refuses it.
     */
    static void outputError(Cost c, Activation f, float[] a, float[] z, float[] y, float[] delta) {
        if (Warmup.cold(Warmup.ELEMENT_WISE)) {
            ScalarKernels.outputError(c, f, a, z, y, delta);
            return;
        }
        int n = delta.length;
        if (c == Costs.QUADRATIC && f instanceof Activations builtin && f.isElementwise()) {
            // δ = (a − y) ⊙ σ′(z).
            difference(a, y, delta, n);
            VectorActivations.multiplyByDerivative(builtin, delta, z, 0, n);
        } else if (c == Costs.CROSS_ENTROPY && f == Activations.SIGMOID
                || c == Costs.LOG_LIKELIHOOD && f == Activations.SOFTMAX) {
            // Eq. 66 and Eq. 81-82: σ′ cancels, δ = a − y.
            difference(a, y, delta, n);
        } else {
            for (int i = 0; i < n; i++) {
                delta[i] = c.outputError(a[i], y[i], z[i], f);
            }
        }
    }

    /** d = a − y, element by element. */
    private static void difference(float[] a, float[] y, float[] d, int n) {
        int t = 0;
        for (int bound = S.loopBound(n); t < bound; t += L) {
            FloatVector.fromArray(S, a, t).sub(FloatVector.fromArray(S, y, t)).intoArray(d, t);
        }
        if (t < n) {
            VectorMask<Float> m = S.indexInRange(t, n);
            FloatVector.fromArray(S, a, t, m).sub(FloatVector.fromArray(S, y, t, m)).intoArray(d, t, m);
        }
    }

    /**
     * The mean cost (1/m) Σ c(a, y) in double, per element in index order, through
     * {@link Cost#value}: the same sum as the reference engine's, since it is asked for only when
     * someone monitors training and is not worth a second, vector formula of each cost.
     */
    static double cost(Cost c, float[] a, float[] y, int rows) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += c.value(a[i], y[i]);
        }
        return sum / rows;
    }

    /**
     * BP3: g[j] = (Σ_x δ[x·width + j]) · (1/m) for j in [j0, j1). Rows are added to g in order,
     * from zero, so each column's sum is the reference engine's sum; g stays in L1 while δ
     * streams by.
     */
    static void columnMeans(float[] delta, int m, int width, float[] g, int j0, int j1) {
        java.util.Arrays.fill(g, j0, j1, 0f);
        for (int x = 0; x < m; x++) {
            addInPlace(g, j0, delta, x * width + j0, j1 - j0);
        }
        scaleInPlace(g, j0, j1 - j0, 1f / m);
    }

    /**
     * Eq. 93 on p[from, to): p ← (1 − decay)·p − eta·g, as two products and a difference (no fma),
     * which is the reference engine's rounding.
     */
    static void update(float[] p, float[] g, float eta, float decay, int from, int to) {
        if (Warmup.cold(Warmup.ELEMENT_WISE)) {
            ScalarKernels.update(p, g, eta, decay, from, to);
            return;
        }
        float keep = 1 - decay;
        int n = to - from;
        int t = 0;
        for (int bound = S.loopBound(n); t < bound; t += L) {
            int o = from + t;
            FloatVector.fromArray(S, p, o).mul(keep).sub(FloatVector.fromArray(S, g, o).mul(eta)).intoArray(p, o);
        }
        if (t < n) {
            int o = from + t;
            VectorMask<Float> mask = S.indexInRange(t, n);
            FloatVector.fromArray(S, p, o, mask).mul(keep).sub(FloatVector.fromArray(S, g, o, mask).mul(eta))
                    .intoArray(p, o, mask);
        }
    }
}
