package dev.backprop;

import dev.backprop.spi.Engine;
import dev.backprop.spi.Matrix;

/**
 * Momentum-based gradient descent, the book's (chapter 3): a velocity v per weight,
 * v → μv − η∂C/∂w, w → w + v; or Nesterov's look-ahead form, w → w + μv − η∂C/∂w with the new v.
 * One velocity matrix per parameter matrix, zero before the first step.
 *
 * <pre>{@code
 * Optimizer rule = Optimizer.momentum(0.9);       // or Optimizer.nesterov(0.9)
 * }</pre>
 *
 * <p>With a constant η this is PyTorch's {@code SGD(momentum=μ)} (whose buffer is −v/η); the
 * book's form is used because it stays right when a schedule changes η.
 */
public final class Momentum extends Optimizer {
    private final double mu;
    private final boolean nesterov;

    Momentum(double mu, boolean nesterov) {
        this.mu = unitInterval("the momentum coefficient μ", mu);
        this.nesterov = nesterov;
    }

    /**
     * The momentum coefficient.
     *
     * @return μ in [0, 1)
     */
    public double mu() {
        return mu;
    }

    /**
     * Whether the step is Nesterov's.
     *
     * @return true for {@link Optimizer#nesterov}
     */
    public boolean nesterov() {
        return nesterov;
    }

    @Override
    public String id() {
        return nesterov ? "nesterov" : "momentum";
    }

    @Override
    int stateMatrices() {
        return 1;
    }

    @Override
    void step(Engine engine, Matrix param, Matrix grad, Matrix[] state, double eta, long t, boolean weights) {
        // v → μv − η∇C, w → w + v.
        engine.momentumStep(param, grad, state[0], (float) eta, (float) mu, nesterov);
    }

    /** "momentum(μ = 0.9)". */
    @Override
    public String toString() {
        return id() + "(μ = " + mu + ")";
    }
}
