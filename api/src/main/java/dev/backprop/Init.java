package dev.backprop;

/** How {@link Parameters#initialize} draws the starting weights; biases are N(0, 1) in both. */
public enum Init {
    /** Weights N(0, 1): chapter 1's network.py ({@code large_weight_initializer} in network2.py). */
    STANDARD_NORMAL,
    /**
     * Weights N(0, 1/n_in), n_in the layer's fan-in: chapter 3's {@code default_weight_initializer}.
     * Keeps |z| near 1 so sigmoid neurons do not start saturated.
     */
    SCALED_NORMAL
}
