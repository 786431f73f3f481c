package dev.backprop;

import dev.backprop.spi.Engine;
import dev.backprop.spi.Matrix;

/**
 * Adam (Kingma and Ba 2015): running means of the gradient (m) and of its square (v), corrected
 * for their start at zero, w → w − η m̂ / (√v̂ + ε). With a weight decay λ_w it is AdamW
 * (Loshchilov and Hutter 2019): w → (1 − ηλ_w) w first, on weights only, instead of adding λ·w to
 * the gradient (which is what the trainer's L2 λ does with every rule but SGD).
 *
 * <pre>{@code
 * Optimizer adam = Optimizer.adam();                               // β₁ 0.9, β₂ 0.999, ε 1e-8
 * Optimizer adamW = new Adam(0.9, 0.999, 1e-8, 0.01);              // decoupled decay 0.01
 * }</pre>
 */
public final class Adam extends Optimizer {
    static final double BETA1 = 0.9;
    static final double BETA2 = 0.999;
    static final double EPSILON = 1e-8;

    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final double weightDecay;

    /**
     * Adam or AdamW with the given hyper-parameters.
     *
     * @param beta1 β₁ in [0, 1), the decay of the first moment (0.9)
     * @param beta2 β₂ in [0, 1), the decay of the second moment (0.999)
     * @param epsilon ε, positive: keeps the step finite where v̂ is 0 (10⁻⁸)
     * @param weightDecay λ_w, finite and at least 0: 0 is Adam, more is AdamW
     * @throws IllegalArgumentException if a value is outside its range
     */
    public Adam(double beta1, double beta2, double epsilon, double weightDecay) {
        this.beta1 = unitInterval("β₁", beta1);
        this.beta2 = unitInterval("β₂", beta2);
        this.epsilon = positive("ε", epsilon);
        if (!(weightDecay >= 0) || !Double.isFinite(weightDecay)) {
            throw new IllegalArgumentException("AdamW's weight decay must be finite and at least 0, got " + weightDecay);
        }
        this.weightDecay = weightDecay;
    }

    /**
     * The first moment's decay.
     *
     * @return β₁
     */
    public double beta1() {
        return beta1;
    }

    /**
     * The second moment's decay.
     *
     * @return β₂
     */
    public double beta2() {
        return beta2;
    }

    /**
     * The term that keeps the denominator from 0.
     *
     * @return ε
     */
    public double epsilon() {
        return epsilon;
    }

    /**
     * AdamW's decoupled weight decay.
     *
     * @return λ_w, 0 for plain Adam
     */
    public double weightDecay() {
        return weightDecay;
    }

    @Override
    public String id() {
        return weightDecay == 0 ? "adam" : "adamw";
    }

    @Override
    int stateMatrices() {
        return 2;
    }

    @Override
    void step(Engine engine, Matrix param, Matrix grad, Matrix[] state, double eta, long t, boolean weights) {
        // Algorithm 1 of the paper; AdamW's (1 − ηλ_w) on weights first.
        float decay = weights ? (float) (eta * weightDecay) : 0f;
        engine.adamStep(param, grad, state[0], state[1], (float) eta, (float) beta1, (float) beta2, (float) epsilon, t,
                decay);
    }

    /** "adam(β₁ = 0.9, β₂ = 0.999, ε = 1.0E-8)", with the decay for AdamW. */
    @Override
    public String toString() {
        return id() + "(β₁ = " + beta1 + ", β₂ = " + beta2 + ", ε = " + epsilon
                + (weightDecay == 0 ? "" : ", weight decay " + weightDecay) + ")";
    }
}
