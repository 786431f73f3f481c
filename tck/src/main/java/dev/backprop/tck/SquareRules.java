package dev.backprop.tck;

import dev.backprop.Activation;
import dev.backprop.Activations;
import dev.backprop.Costs;
import dev.backprop.Network;
import dev.backprop.spi.Engine;

/**
 * The rules on equal shapes. Elsewhere the kit picks shapes whose dimensions all differ, so that
 * a wrong index or a missing transpose breaks a shape check or lands on another element. When
 * dimensions are equal, W and Wᵀ, Δᵀ·A and Aᵀ·Δ, row and column sums, and the weights of two
 * layers have the same shape, and only the values tell them apart: these rules use such shapes.
 */
final class SquareRules {
    /** Sizes of square shapes: below, at and above a vector width, and large enough for blocked kernels. */
    private static final int[] SIZES = {3, 16, 33, 128};

    private SquareRules() {
    }

    /**
     * Each product of the chapter with equal dimensions: W square (in = out, next = width), and
     * the batch equal to the width, so that Δ, A and Z are square too. The cases run one after
     * another on one engine: a fresh engine per case would cost a program build each on OpenCL.
     */
    static void equalDimensions(Context ctx) {
        Engine engine = ctx.open();
        long seed = 1000;
        for (int n : SIZES) {
            int other = n == 3 ? 5 : n / 2 + 1; // a batch that differs from n, for the cases with W square only
            for (Activation f : EquationRules.ALL) {
                // Eq. 25 all square: A·Wᵀ against W·A or A·W, the bias per neuron against per example,
                // softmax over a row against over a column.
                check(ctx, engine, Cases.feedforward(f, n, n, n, 1, seed++));
            }
            check(ctx, engine, Cases.feedforward(Activations.SIGMOID, other, n, n, 1, seed++));
            check(ctx, engine, Cases.feedforward(Activations.TANH, n, other, n, 1, seed++)); // batch = out
            for (Activation f : EquationRules.ELEMENTWISE) {
                // BP2 with next = width: Δ^{l+1}·W against Δ^{l+1}·Wᵀ.
                check(ctx, engine, Cases.backpropagate(f, n, n, n, 1, seed++));
            }
            check(ctx, engine, Cases.backpropagate(Activations.SIGMOID, other, n, n, 1, seed++));
            // BP3 with batch = width: column sums against row sums.
            check(ctx, engine, Cases.biasGradient(n, n, seed++));
            // BP4 with in = out and batch = in: Δᵀ·A against Aᵀ·Δ, A·Δᵀ, Δ·Aᵀ.
            check(ctx, engine, Cases.weightGradient(n, n, n, seed++));
            check(ctx, engine, Cases.weightGradient(other, n, n, seed++));
            check(ctx, engine, Cases.weightGradient(n, n, other, seed++)); // batch = out
            // The fused step with W, ∂C/∂W, Δ and A all square.
            check(ctx, engine, Cases.weightGradientAndUpdate(n, n, n, 0.5f, 0.001f, seed++));
            check(ctx, engine, Cases.weightGradientAndUpdate(other, n, n, 3f, 0f, seed++));
        }
    }

    private static void check(Context ctx, Engine engine, Case c) {
        EquationRules.compareOn(ctx, engine, c, c.label());
    }

    /**
     * Whole gradients and SGD steps of networks whose layers have the same width, so that W^l and
     * W^{l+1} have the same shape (and Z, A, Δ of every layer too), on one engine.
     */
    static void layersOfEqualWidth(Context ctx) {
        Engine engine = ctx.open();
        long seed = 2000;
        // The shape where a BP2 that multiplies by the wrong layer's weights was first seen.
        NetworkRules.checkGradient(ctx, engine, NetworkRules.Problem.of(Network.of(8, 8, 8, 4), 5, 1, seed++));
        // Every hidden activation with every legal output and cost, all W 8 × 8 and batch 8.
        for (Network network : NetworkRules.legalNetworks(8, 8, 8, 8)) {
            NetworkRules.checkGradient(ctx, engine, NetworkRules.Problem.of(network, 8, 1, seed++));
        }
        // A deeper stack with a different activation on each layer, so σ′ of one layer differs from another's.
        Network deep = Network.builder(16).layer(16, Activations.TANH).layer(16, Activations.RELU)
                .layer(16, Activations.SIGMOID).layer(16, Activations.IDENTITY).layer(16, Activations.SOFTMAX)
                .cost(Costs.LOG_LIKELIHOOD).build();
        NetworkRules.checkGradient(ctx, engine, NetworkRules.Problem.of(deep, 16, 1, seed++));
        NetworkRules.checkGradient(ctx, engine, NetworkRules.Problem.of(deep, 3, 1, seed++));
        // Steps, fused and not: each layer's update must land in that layer's W.
        NetworkRules.steps(ctx, engine, Network.of(8, 8, 8, 4), 8, 4, seed++, 60);
        NetworkRules.steps(ctx, engine, deep, 5, 4, seed, 70);
    }
}
