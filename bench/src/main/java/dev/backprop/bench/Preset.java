package dev.backprop.bench;

import dev.backprop.Activation;
import dev.backprop.Cost;
import dev.backprop.Init;
import dev.backprop.Activations;
import dev.backprop.Costs;

/** The book's two settings that the {@code mnist} command reproduces; each option can override a part. */
record Preset(int[] hidden, Activation activation, Cost cost, Init init, double eta, double lambda, int epochs) {

    /** Chapter 1: [784, 30, 10], sigmoid, quadratic cost, N(0,1) weights, η = 3.0. */
    static final Preset CHAPTER1 = new Preset(new int[] {30}, Activations.SIGMOID, Costs.QUADRATIC, Init.STANDARD_NORMAL,
            3.0, 0.0, 10);
    /** Chapter 3: [784, 100, 10], sigmoid, cross-entropy, N(0,1/n_in) weights, η = 0.5, λ = 5.0. */
    static final Preset CHAPTER3 = new Preset(new int[] {100}, Activations.SIGMOID, Costs.CROSS_ENTROPY,
            Init.SCALED_NORMAL, 0.5, 5.0, 30);

    static Preset named(String name) {
        switch (name) {
            case "chapter1":
                return CHAPTER1;
            case "chapter3":
                return CHAPTER3;
            default:
                throw new UsageException("--preset must be chapter1 or chapter3, got '" + name + "'");
        }
    }
}
