package dev.backprop.spi;

/**
 * The optimisers' and regularisers' element-wise steps on host arrays, each written once with the
 * paper's symbols, in float32 and in the order of operations every engine of this project rounds
 * like: the reference engine calls these on its arrays, and {@link Engine}'s default methods call
 * them on copies read from any engine. Each loop covers {@code [from, to)} of its arrays.
 *
 * <pre>{@code
 * HostSteps.momentum(w, g, v, 0, w.length, eta, 0.9f, false);   // v ← μv − ηg, w ← w + v
 * }</pre>
 *
 * <p>The host scalars of Adam's bias correction are here too ({@link #adamStepSize},
 * {@link #adamCorrection2}), so that an engine that launches a kernel computes them exactly as
 * the reference engine does.
 */
public final class HostSteps {
    private HostSteps() {
    }

    /**
     * The gradient of the regularised cost (Eq. 87 and Eq. 96): g ← g + l2·w + l1·sgn(w), with
     * sgn(0) = 0, so a weight at exactly zero gets no L1 push (the book: "we use the convention
     * that sgn(0) = 0").
     *
     * @param g ∂C/∂w, updated in place
     * @param w the parameters, read only
     * @param from the first index
     * @param to one past the last index
     * @param l2 λ/n, the L2 term's coefficient (0 for none)
     * @param l1 λ₁/n, the L1 term's coefficient (0 for none)
     */
    public static void regularize(float[] g, float[] w, int from, int to, float l2, float l1) {
        for (int i = from; i < to; i++) {
            g[i] = g[i] + l2 * w[i] + l1 * Math.signum(w[i]);
        }
    }

    /**
     * Momentum (the book's chapter 3): v ← μv − η∇C, w ← w + v; Nesterov's variant steps from the
     * look-ahead point: w ← w + μv′ − η∇C with the new velocity v′ (Sutskever et al. 2013's
     * form, the one PyTorch's {@code nesterov=True} computes).
     *
     * @param w the parameters, updated in place
     * @param g ∂C/∂w
     * @param v the velocity, updated in place (zeros before the first step)
     * @param from the first index
     * @param to one past the last index
     * @param eta η
     * @param mu μ, the momentum coefficient
     * @param nesterov whether to take Nesterov's step
     */
    public static void momentum(float[] w, float[] g, float[] v, int from, int to, float eta, float mu, boolean nesterov) {
        for (int i = from; i < to; i++) {
            float velocity = mu * v[i] - eta * g[i];
            v[i] = velocity;
            w[i] = nesterov ? w[i] + mu * velocity - eta * g[i] : w[i] + velocity;
        }
    }

    /**
     * Adam (Kingma and Ba 2015, Algorithm 1), with AdamW's decoupled weight decay (Loshchilov and
     * Hutter 2019) in front: m ← β₁m + (1 − β₁)g, v ← β₂v + (1 − β₂)g², then
     * w ← (1 − decay)·w − α_t · m / (√v / √(1 − β₂^t) + ε) with α_t = η / (1 − β₁^t): the bias
     * corrections m̂ = m / (1 − β₁^t) and v̂ = v / (1 − β₂^t) folded into the step size, as the
     * paper's section 2 suggests.
     *
     * @param w the parameters, updated in place
     * @param g ∂C/∂w
     * @param m the first moment, updated in place (zeros before step 1)
     * @param v the second moment, updated in place (zeros before step 1)
     * @param from the first index
     * @param to one past the last index
     * @param beta1 β₁
     * @param beta2 β₂
     * @param epsilon ε
     * @param stepSize α_t from {@link #adamStepSize}
     * @param correction2 √(1 − β₂^t) from {@link #adamCorrection2}
     * @param decay ηλ for AdamW's decoupled decay, 0 for Adam
     */
    public static void adam(float[] w, float[] g, float[] m, float[] v, int from, int to, float beta1, float beta2,
            float epsilon, float stepSize, float correction2, float decay) {
        float keep = 1 - decay;
        float oneMinusBeta1 = 1 - beta1;
        float oneMinusBeta2 = 1 - beta2;
        for (int i = from; i < to; i++) {
            float mi = beta1 * m[i] + oneMinusBeta1 * g[i];
            float vi = beta2 * v[i] + oneMinusBeta2 * (g[i] * g[i]);
            m[i] = mi;
            v[i] = vi;
            w[i] = keep * w[i] - stepSize * mi / ((float) Math.sqrt(vi) / correction2 + epsilon);
        }
    }

    /**
     * Adam's step size at step t, α_t = η / (1 − β₁^t), in double with StrictMath (the same bits
     * on every JVM), rounded once.
     *
     * @param eta η
     * @param beta1 β₁
     * @param t the step, 1 for the first
     * @return α_t as a float
     */
    public static float adamStepSize(float eta, float beta1, long t) {
        return (float) (eta / (1 - StrictMath.pow(beta1, t)));
    }

    /**
     * Adam's second bias correction at step t, √(1 − β₂^t), in double with StrictMath, rounded once.
     *
     * @param beta2 β₂
     * @param t the step, 1 for the first
     * @return √(1 − β₂^t) as a float
     */
    public static float adamCorrection2(float beta2, long t) {
        return (float) StrictMath.sqrt(1 - StrictMath.pow(beta2, t));
    }

    /**
     * RMSProp (Tieleman and Hinton 2012, lecture 6e): r ← ρr + (1 − ρ)g², w ← w − η g / (√r + ε).
     *
     * @param w the parameters, updated in place
     * @param g ∂C/∂w
     * @param r the running mean of g², updated in place (zeros before the first step)
     * @param from the first index
     * @param to one past the last index
     * @param eta η
     * @param rho ρ, the decay of the running mean
     * @param epsilon ε
     */
    public static void rmsProp(float[] w, float[] g, float[] r, int from, int to, float eta, float rho, float epsilon) {
        float oneMinusRho = 1 - rho;
        for (int i = from; i < to; i++) {
            float ri = rho * r[i] + oneMinusRho * (g[i] * g[i]);
            r[i] = ri;
            w[i] = w[i] - eta * g[i] / ((float) Math.sqrt(ri) + epsilon);
        }
    }

    /**
     * Dropout's mask, element by element: x ← x ⊙ r. The api writes r as data (0 for a dropped
     * neuron, 1/(1 − p) for a kept one), and applies it to a^l after Eq. 25 and to δ^l after BP2.
     *
     * @param x activations or errors, updated in place
     * @param mask r, the same length
     * @param from the first index
     * @param to one past the last index
     */
    public static void dropout(float[] x, float[] mask, int from, int to) {
        for (int i = from; i < to; i++) {
            x[i] = x[i] * mask[i];
        }
    }
}
