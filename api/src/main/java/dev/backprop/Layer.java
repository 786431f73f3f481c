package dev.backprop;

import java.util.Objects;

/**
 * One layer of neurons after the input: its width and its activation σ.
 *
 * @param width the number of neurons, at least 1
 * @param activation σ, applied by feedforward (Eq. 25) and differentiated by BP1/BP2
 */
public record Layer(int width, Activation activation) {
    /**
     * Checks the layer on its own; whether it fits its neighbours and the cost is checked by
     * {@link Network.Builder#build()}.
     *
     * @throws IllegalArgumentException if {@code width} is below 1
     * @throws NullPointerException if {@code activation} is null
     */
    public Layer {
        Objects.requireNonNull(activation, "activation");
        if (width < 1) {
            throw new IllegalArgumentException("a layer needs at least 1 neuron, got width " + width);
        }
    }
}
