package dev.backprop.tck;

import dev.backprop.Activation;
import dev.backprop.Cost;
import dev.backprop.Activations;
import dev.backprop.Costs;
import dev.backprop.spi.Engine;

import java.util.ArrayList;
import java.util.List;

/**
 * The rules that hold each SPI operation, on its own, to the oracle: Eq. 25, BP1, the cost,
 * BP2, BP3, BP4 and the SGD step, at shapes whose widths and batch sizes are not multiples of any
 * vector width, plus one large shape, and at inputs that saturate σ.
 */
final class EquationRules {
    /** Widths and batch sizes that leave tails for every vector width from 2 to 64 lanes. */
    static final int[] SIZES = {1, 2, 3, 7, 16, 17, 31, 33, 64, 127, 257};

    private EquationRules() {
    }

    /** Shapes (a, b, c): each size appears once in each position, plus batch 100 of 784 → 300. */
    static List<int[]> shapes() {
        List<int[]> shapes = new ArrayList<>();
        for (int i = 0; i < SIZES.length; i++) {
            shapes.add(new int[] {SIZES[i], SIZES[(i + 4) % SIZES.length], SIZES[(i + 8) % SIZES.length]});
        }
        shapes.add(new int[] {100, 784, 300});
        return shapes;
    }

    static final Activation[] ELEMENTWISE = {Activations.SIGMOID, Activations.TANH, Activations.RELU, Activations.IDENTITY};
    static final Activation[] ALL = {Activations.SIGMOID, Activations.TANH, Activations.RELU, Activations.IDENTITY,
        Activations.SOFTMAX};

    /** Every legal (cost, output activation) pair of the built-ins. */
    static List<Object[]> costPairs() {
        List<Object[]> pairs = new ArrayList<>();
        for (Activation f : ELEMENTWISE) {
            pairs.add(new Object[] {Costs.QUADRATIC, f});
        }
        pairs.add(new Object[] {Costs.CROSS_ENTROPY, Activations.SIGMOID});
        pairs.add(new Object[] {Costs.LOG_LIKELIHOOD, Activations.SOFTMAX});
        return pairs;
    }

    /** Runs a case on a fresh engine and compares every output with the oracle. */
    static void check(Context ctx, Case c) {
        Engine engine = ctx.open();
        compareOn(ctx, engine, c, c.label());
        engine.close();
    }

    /** Runs a case on an engine the caller keeps open and compares every output with the oracle. */
    static void compareOn(Context ctx, Engine engine, Case c, String where) {
        compareOn(ctx, engine, c, where, null);
    }

    /** As {@link #compareOn(Context, Engine, Case, String)}, with what to check if it fails (null: the rule's hint). */
    static void compareOn(Context ctx, Engine engine, Case c, String where, String hint) {
        ctx.at(where, hint);
        c.compare(ctx, c.run(engine, Float.NaN), where);
    }

    static void feedforward(Context ctx) {
        long seed = 25;
        for (int[] s : shapes()) {
            for (Activation f : ALL) {
                if (s[0] == 100 && f != Activations.SIGMOID && f != Activations.SOFTMAX) {
                    continue; // the large shape once per kind of σ is enough
                }
                check(ctx, Cases.feedforward(f, s[0], s[1], s[2], 1, seed++));
            }
        }
    }

    static void outputError(Context ctx) {
        long seed = 1;
        for (int[] s : shapes()) {
            for (Object[] pair : costPairs()) {
                check(ctx, Cases.outputError((Cost) pair[0], (Activation) pair[1], s[0], s[2], 1, seed++));
            }
        }
    }

    static void cost(Context ctx) {
        long seed = 100;
        for (int[] s : shapes()) {
            for (Object[] pair : costPairs()) {
                check(ctx, Cases.cost((Cost) pair[0], (Activation) pair[1], s[0], s[2], seed++));
            }
        }
    }

    static void backpropagate(Context ctx) {
        long seed = 2;
        for (int[] s : shapes()) {
            for (Activation f : ELEMENTWISE) {
                check(ctx, Cases.backpropagate(f, s[0], s[2], s[1], 1, seed++));
            }
        }
    }

    static void biasGradient(Context ctx) {
        long seed = 3;
        for (int[] s : shapes()) {
            check(ctx, Cases.biasGradient(s[0], s[2], seed++));
        }
    }

    static void weightGradient(Context ctx) {
        long seed = 4;
        for (int[] s : shapes()) {
            check(ctx, Cases.weightGradient(s[0], s[2], s[1], seed++));
        }
    }

    static void update(Context ctx) {
        long seed = 93;
        for (int[] s : shapes()) {
            check(ctx, Cases.update(s[1], s[2], 0.5f, 0f, seed++));
        }
    }

    static void updateWithL2(Context ctx) {
        long seed = 94;
        for (int[] s : shapes()) {
            // ηλ/n for the book's chapter-3 setting on 60,000 examples, and a large decay.
            check(ctx, Cases.update(s[1], s[2], 0.5f, 0.5f * 5f / 60000, seed++));
            check(ctx, Cases.update(s[2], s[0], 3f, 0.1f, seed++));
        }
    }

    static void weightGradientAndUpdate(Context ctx) {
        long seed = 95;
        for (int[] s : shapes()) {
            check(ctx, Cases.weightGradientAndUpdate(s[0], s[2], s[1], 0.5f, 0f, seed++));
            // The book's chapter-3 decay ηλ/n on 60,000 examples.
            check(ctx, Cases.weightGradientAndUpdate(s[0], s[2], s[1], 0.5f, 0.5f * 5f / 60000, seed++));
        }
        // The book's first layer at its mini-batch size, and a batch large enough for blocked kernels.
        check(ctx, Cases.weightGradientAndUpdate(10, 30, 784, 3f, 0f, seed++));
        check(ctx, Cases.weightGradientAndUpdate(257, 100, 784, 0.5f, 0.001f, seed));
    }

    /**
     * Large |z|: σ saturates to 0 or 1, softmax must not overflow, σ′ underflows to 0. What an
     * overflow does is NaN or ∞, so only a non-finite result gets the hint about overflow; a
     * finite wrong value points to the equation itself.
     */
    static void saturation(Context ctx) {
        long seed = 40;
        for (Activation f : ALL) {
            // Weights ×200 put |z| well past 88.7, where e^z overflows float32.
            checkSaturated(ctx, Cases.feedforward(f, 7, 33, 17, 200, seed++), f, RuleIds.EQ25,
                    "σ(z) at |z| past 88.7, where e^z overflows float32: sigmoid must reach 0 or 1 and tanh ±1 "
                            + "without ∞/∞, and softmax must subtract each row's maximum before exponentiating");
        }
        for (Object[] pair : costPairs()) {
            Cost c = (Cost) pair[0];
            Activation f = (Activation) pair[1];
            checkSaturated(ctx, Cases.outputError(c, f, 7, 17, 20, seed++), f, RuleIds.BP1, Functions.simplifies(c, f)
                    ? "that BP1 of " + c.id() + " with " + f.id() + " is the simplified a − y (Eq. 66): ∂C/∂a · σ′(z) "
                            + "gives 0·∞ or ∞/∞ once the output saturates"
                    : SIGMA_PRIME_SATURATES);
        }
        for (Activation f : ELEMENTWISE) {
            checkSaturated(ctx, Cases.backpropagate(f, 7, 17, 33, 20, seed++), f, RuleIds.BP2, SIGMA_PRIME_SATURATES);
        }
    }

    private static final String SIGMA_PRIME_SATURATES = "σ′(z) at |z| ≈ 60: σ(1 − σ) or 1 − tanh² underflows to 0, "
            + "while e^{−z} / (1 + e^{−z})² gives ∞/∞";

    /**
     * A saturated case: with {@code overflow} as the hint for a NaN or ∞ from a function that
     * has an exponential, and for a finite wrong value the equation's own rule.
     */
    private static void checkSaturated(Context ctx, Case c, Activation f, String equationRule, String overflow) {
        Engine engine = ctx.open();
        boolean exponential = f != Activations.RELU && f != Activations.IDENTITY;
        ctx.at(c.label(), "the equation itself: the engine's value is finite, so nothing overflowed; " + equationRule
                + " checks the same operation at ordinary inputs" + (exponential ? ", and σ must reach its limits "
                + "(0, 1 or ±1) exactly at large |z|" : ""), exponential ? overflow : null);
        c.compare(ctx, c.run(engine, Float.NaN), c.label());
        engine.close();
    }
}
