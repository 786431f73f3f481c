package dev.backprop.spark;

import dev.backprop.spi.Engine;
import dev.backprop.spi.Matrix;

/**
 * How the driver turns the combined gradient into the next parameters (mode 1), on the driver's
 * own engine, one parameter matrix at a time: the one place where an optimiser plugs in. SGD
 * (Eq. 93) is the only rule today; a rule with state (momentum's velocity, Adam's moments)
 * allocates it lazily on the engine per parameter matrix, as {@code torch.optim} keeps its
 * state per parameter, and calls the engine's operation for its step, so that the driver's
 * step has the bits of the same step taken by local training.
 */
interface DriverStep {

    /**
     * Updates {@code parameter} in place from {@code gradient}, the gradient of the mean cost over
     * the global mini-batch.
     *
     * @param weights true for a weight matrix W^l (L2 decay applies), false for a bias b^l
     */
    void apply(Engine engine, Matrix parameter, Matrix gradient, boolean weights);

    /**
     * Mini-batch SGD with L2 weight decay, Eq. 93: w → (1 − ηλ/n) w − η ∂C/∂w, b → b − η ∂C/∂b;
     * {@link Engine#update}, the operation {@link dev.backprop.Backpropagation#step} applies.
     *
     * @param eta η as the float the engine gets
     * @param decay ηλ/n as the float the engine gets
     */
    static DriverStep sgd(float eta, float decay) {
        return (engine, parameter, gradient, weights) -> engine.update(parameter, gradient, eta, weights ? decay : 0f);
    }
}
