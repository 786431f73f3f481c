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
        Case.Run run = c.run(engine, Float.NaN);
        Expected[] expected = c.expected().get();
        if (c.scalar()) {
            ctx.compare("C", expected[0], new double[] {Case.fromBits(run.results()[0])}, 1, c.label());
        } else {
            for (int i = 0; i < expected.length; i++) {
                ctx.compare(c.outputNames()[i], expected[i], run.results()[i], c.outputCols(i), c.label());
            }
        }
        engine.close();
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

    /** Large |z|: σ saturates to 0 or 1, softmax must not overflow, σ′ underflows to 0. */
    static void saturation(Context ctx) {
        long seed = 40;
        for (Activation f : ALL) {
            // Weights ×200 put |z| well past 88.7, where e^z overflows float32.
            check(ctx, Cases.feedforward(f, 7, 33, 17, 200, seed++));
        }
        for (Object[] pair : costPairs()) {
            check(ctx, Cases.outputError((Cost) pair[0], (Activation) pair[1], 7, 17, 20, seed++));
        }
        for (Activation f : ELEMENTWISE) {
            check(ctx, Cases.backpropagate(f, 7, 17, 33, 20, seed++));
        }
    }
}
