package dev.backprop;

import dev.backprop.spi.Engine;
import dev.backprop.spi.Matrix;

/**
 * RMSProp (Tieleman and Hinton 2012): a running mean r of the squared gradient,
 * r → ρr + (1 − ρ)(∂C/∂w)², and w → w − η ∂C/∂w / (√r + ε), so each weight's step is scaled by
 * the size of its recent gradients. One matrix of state per parameter matrix, zero at first.
 *
 * <pre>{@code
 * Optimizer rule = new RmsProp(0.9, 1e-8);   // the same as Optimizer.rmsProp()
 * }</pre>
 */
public final class RmsProp extends Optimizer {
    static final double RHO = 0.9;
    static final double EPSILON = 1e-8;

    private final double rho;
    private final double epsilon;

    /**
     * RMSProp with the given decay and ε.
     *
     * @param rho ρ in [0, 1), the decay of the running mean (0.9 in the lecture)
     * @param epsilon ε, positive (10⁻⁸)
     * @throws IllegalArgumentException if a value is outside its range
     */
    public RmsProp(double rho, double epsilon) {
        this.rho = unitInterval("ρ", rho);
        this.epsilon = positive("ε", epsilon);
    }

    /**
     * The running mean's decay.
     *
     * @return ρ
     */
    public double rho() {
        return rho;
    }

    /**
     * The term that keeps the denominator from 0.
     *
     * @return ε
     */
    public double epsilon() {
        return epsilon;
    }

    @Override
    public String id() {
        return "rmsprop";
    }

    @Override
    int stateMatrices() {
        return 1;
    }

    @Override
    void step(Engine engine, Matrix param, Matrix grad, Matrix[] state, double eta, long t, boolean weights) {
        // r → ρr + (1 − ρ)g², w → w − η g / (√r + ε).
        engine.rmsPropStep(param, grad, state[0], (float) eta, (float) rho, (float) epsilon);
    }

    /** "rmsprop(ρ = 0.9, ε = 1.0E-8)". */
    @Override
    public String toString() {
        return id() + "(ρ = " + rho + ", ε = " + epsilon + ")";
    }
}
