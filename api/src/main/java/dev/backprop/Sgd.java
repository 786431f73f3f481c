package dev.backprop;

import dev.backprop.spi.Engine;
import dev.backprop.spi.Matrix;

/**
 * Plain stochastic gradient descent (chapter 1, and chapter 3 with L2 as Eq. 93):
 * w → (1 − ηλ/n) w − η ∂C/∂w. Keeps no state; {@link Backpropagation#step} fuses it with BP4
 * ({@link Engine#weightGradientAndUpdate}).
 *
 * <pre>{@code
 * Trainer.builder().optimizer(Optimizer.sgd()).learningRate(3.0)...   // the default
 * }</pre>
 */
public final class Sgd extends Optimizer {
    static final Sgd INSTANCE = new Sgd();

    private Sgd() {
    }

    @Override
    public String id() {
        return "sgd";
    }

    @Override
    boolean decaysInStep() {
        return true;
    }

    @Override
    int stateMatrices() {
        return 0;
    }

    /** Eq. 93 without the decay, which {@link Backpropagation} passes to the fused step itself. */
    @Override
    void step(Engine engine, Matrix param, Matrix grad, Matrix[] state, double eta, long t, boolean weights) {
        engine.update(param, grad, (float) eta, 0f);
    }

    /** "sgd". */
    @Override
    public String toString() {
        return id();
    }
}
