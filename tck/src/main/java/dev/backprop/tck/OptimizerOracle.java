package dev.backprop.tck;

import static dev.backprop.tck.Tolerance.EPSILON;
import static dev.backprop.tck.Tolerance.TINY;

/**
 * The expected result of the optimisers' and regularisers' engine operations, in double, from
 * the same float32 inputs the engine gets, with a tolerance per element (the rules of
 * {@link Tolerance}: each float32 operation may round once, by at most ε of its result, and an
 * error already in an input is carried through the operation's derivative). The gradient comes
 * as an {@link Expected}, so the same formulas hold an engine's single step (the gradient exact,
 * tolerance 0) and a step of a whole network (the gradient from {@link NetworkOracle}).
 *
 * <pre>{@code
 * Expected[] wv = OptimizerOracle.momentum(w, Expected.exact(g), v, 0.1f, 0.9f, false);
 * wv[0].assertMatches("param", engineW, cols);
 * wv[1].assertMatches("velocity", engineV, cols);
 * }</pre>
 *
 * <p>The formulas are the papers', written independently of the engines: Kingma and Ba's Adam
 * with m̂ and v̂ divided out in double, RMSProp as Tieleman and Hinton's lecture gives it, the
 * book's momentum, and L1's sgn(0) = 0.
 */
public final class OptimizerOracle {
    private OptimizerOracle() {
    }

    /**
     * g + l2·w + l1·sgn(w), sgn(0) = 0: the gradient of the regularised cost (Eq. 87, Eq. 96).
     *
     * @param g ∂C/∂w with its tolerance
     * @param w the parameters
     * @param l2 λ/n
     * @param l1 λ₁/n
     * @return the regularised gradient
     */
    public static Expected regularize(Expected g, float[] w, float l2, float l1) {
        Expected next = Expected.zeros(w.length);
        for (int i = 0; i < w.length; i++) {
            double sign = w[i] > 0 ? 1 : w[i] < 0 ? -1 : 0;
            double gi = g.value()[i];
            double decay = (double) l2 * w[i];
            double push = l1 * sign;
            next.value()[i] = gi + decay + push;
            next.tolerance()[i] = g.tolerance()[i] + 4 * EPSILON * (Math.abs(gi) + Math.abs(decay) + Math.abs(push)) + TINY;
        }
        return next;
    }

    /**
     * The book's momentum, v′ = μv − ηg and w′ = w + v′, or Nesterov's w′ = w + μv′ − ηg.
     *
     * @param w the parameters before the step
     * @param g ∂C/∂w with its tolerance
     * @param v the velocity before the step
     * @param eta η
     * @param mu μ
     * @param nesterov whether the step is Nesterov's
     * @return {w′, v′}
     */
    public static Expected[] momentum(float[] w, Expected g, float[] v, float eta, float mu, boolean nesterov) {
        Expected wNext = Expected.zeros(w.length);
        Expected vNext = Expected.zeros(w.length);
        for (int i = 0; i < w.length; i++) {
            double step = eta * g.value()[i];
            double stepTolerance = eta * g.tolerance()[i];
            double kept = (double) mu * v[i];
            double velocity = kept - step;
            double velocityTolerance = stepTolerance + 4 * EPSILON * (Math.abs(kept) + Math.abs(step)) + TINY;
            vNext.value()[i] = velocity;
            vNext.tolerance()[i] = velocityTolerance;
            if (nesterov) {
                double ahead = mu * velocity;
                wNext.value()[i] = w[i] + ahead - step;
                wNext.tolerance()[i] = mu * velocityTolerance + stepTolerance
                        + 4 * EPSILON * (Math.abs(w[i]) + Math.abs(ahead) + Math.abs(step)) + TINY;
            } else {
                wNext.value()[i] = w[i] + velocity;
                wNext.tolerance()[i] = velocityTolerance + 4 * EPSILON * (Math.abs(w[i]) + Math.abs(velocity)) + TINY;
            }
        }
        return new Expected[] {wNext, vNext};
    }

    /**
     * Adam at step t (Kingma and Ba, Algorithm 1): m′ = β₁m + (1 − β₁)g, v′ = β₂v + (1 − β₂)g²,
     * m̂ = m′ / (1 − β₁^t), v̂ = v′ / (1 − β₂^t), w′ = (1 − decay)·w − η m̂ / (√v̂ + ε).
     *
     * @param w the parameters before the step
     * @param g ∂C/∂w with its tolerance
     * @param m the first moment before the step
     * @param v the second moment before the step
     * @param eta η
     * @param beta1 β₁
     * @param beta2 β₂
     * @param epsilon ε
     * @param t the step, from 1
     * @param decay ηλ of AdamW, 0 for Adam
     * @return {w′, m′, v′}
     */
    public static Expected[] adam(float[] w, Expected g, float[] m, float[] v, float eta, float beta1, float beta2,
                                  float epsilon, long t, float decay) {
        double c1 = 1 - Math.pow(beta1, t);
        double c2 = 1 - Math.pow(beta2, t);
        Expected wNext = Expected.zeros(w.length);
        Expected mNext = Expected.zeros(w.length);
        Expected vNext = Expected.zeros(w.length);
        for (int i = 0; i < w.length; i++) {
            double gi = g.value()[i];
            double dg = g.tolerance()[i];
            double mi = beta1 * (double) m[i] + (1 - (double) beta1) * gi;
            double dm = (1 - (double) beta1) * dg + 4 * EPSILON * (Math.abs(beta1 * (double) m[i]) + Math.abs((1 - beta1) * gi))
                    + TINY;
            double vi = beta2 * (double) v[i] + (1 - (double) beta2) * gi * gi;
            double dv = (1 - (double) beta2) * (2 * Math.abs(gi) * dg + dg * dg)
                    + 4 * EPSILON * (beta2 * (double) v[i] + (1 - (double) beta2) * gi * gi) + TINY;
            mNext.value()[i] = mi;
            mNext.tolerance()[i] = dm;
            vNext.value()[i] = vi;
            vNext.tolerance()[i] = dv;
            double mHat = mi / c1;
            double vHat = vi / c2;
            double root = Math.sqrt(vHat);
            double denominator = root + epsilon;
            // √ of a value off by dv/c2 moves by at most min(dv/(2√v̂ c2), √(dv/c2)); the engine's
            // float α_t and √(1 − β₂^t) each round once more.
            double dRoot = Math.min(dv / c2 / (2 * root), Math.sqrt(dv / c2)) + 5 * EPSILON * root;
            double dDenominator = dRoot + 2 * EPSILON * denominator;
            double q = eta * mHat / denominator;
            double dq = eta / c1 * dm / denominator + Math.abs(q) * (dDenominator / denominator + 5 * EPSILON);
            double kept = (1 - (double) decay) * w[i];
            wNext.value()[i] = kept - q;
            wNext.tolerance()[i] = dq + 4 * EPSILON * (Math.abs(kept) + Math.abs(q)) + TINY;
        }
        return new Expected[] {wNext, mNext, vNext};
    }

    /**
     * RMSProp: r′ = ρr + (1 − ρ)g², w′ = w − ηg / (√r′ + ε).
     *
     * @param w the parameters before the step
     * @param g ∂C/∂w with its tolerance
     * @param r the running mean of g² before the step
     * @param eta η
     * @param rho ρ
     * @param epsilon ε
     * @return {w′, r′}
     */
    public static Expected[] rmsProp(float[] w, Expected g, float[] r, float eta, float rho, float epsilon) {
        Expected wNext = Expected.zeros(w.length);
        Expected rNext = Expected.zeros(w.length);
        for (int i = 0; i < w.length; i++) {
            double gi = g.value()[i];
            double dg = g.tolerance()[i];
            double ri = rho * (double) r[i] + (1 - (double) rho) * gi * gi;
            double dr = (1 - (double) rho) * (2 * Math.abs(gi) * dg + dg * dg)
                    + 4 * EPSILON * (rho * (double) r[i] + (1 - (double) rho) * gi * gi) + TINY;
            rNext.value()[i] = ri;
            rNext.tolerance()[i] = dr;
            double root = Math.sqrt(ri);
            double denominator = root + epsilon;
            double dDenominator = Math.min(dr / (2 * root), Math.sqrt(dr)) + 3 * EPSILON * denominator;
            double q = eta * gi / denominator;
            double dq = eta * dg / denominator + Math.abs(q) * (dDenominator / denominator + 3 * EPSILON);
            wNext.value()[i] = w[i] - q;
            wNext.tolerance()[i] = dq + 4 * EPSILON * (Math.abs(w[i]) + Math.abs(q)) + TINY;
        }
        return new Expected[] {wNext, rNext};
    }

    /**
     * x ⊙ r: dropout's mask on activations or errors, one rounding.
     *
     * @param x the activations or errors
     * @param mask r, 0 or 1/(1 − p) per element
     * @return the masked values
     */
    public static Expected dropout(float[] x, float[] mask) {
        Expected next = Expected.zeros(x.length);
        for (int i = 0; i < x.length; i++) {
            double v = (double) x[i] * mask[i];
            next.value()[i] = v;
            next.tolerance()[i] = EPSILON * Math.abs(v) + TINY;
        }
        return next;
    }
}
