package dev.backprop.tck;

import dev.backprop.Activation;
import dev.backprop.Activations;
import dev.backprop.Cost;
import dev.backprop.Costs;
import dev.backprop.spi.Checks;
import dev.backprop.spi.Engine;
import dev.backprop.spi.Matrix;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Bad calls and what the SPI's {@link Checks} says about them: the expected refusal of each is
 * computed by calling {@code Checks} with matrices that are only a shape, so an engine of this
 * project must refuse with the very same class and words (the kit itself checks only that a
 * refusal comes, with a message, before any output is touched).
 */
final class Refusals {
    private Refusals() {
    }

    /** A matrix that is only a shape: what Checks is given to word the expected refusal. */
    private record Shape(int rows, int cols) implements Matrix {
    }

    @FunctionalInterface
    interface Call {
        void on(Engine engine, Matrix[] m);
    }

    @FunctionalInterface
    interface Words {
        void check(Matrix[] m);
    }

    /**
     * One operation with consistent shapes (batch m = 3, in = 4, out = 5), the SPI's names of its
     * matrix arguments, which of them it writes, the call and the Checks call that words it.
     */
    record Operation(String name, String[] arguments, int[][] shapes, int[] outputs, Call call, Words words) {
    }

    /** How many operations at the start of {@link #operations()} check matrix ownership before they write. */
    private static final int OWNING_FIRST = 12;

    /**
     * The SPI's operations, each once; weightGradientAndUpdate last of them, because its default
     * method checks ownership in the two calls it makes (so another engine's w is named "param").
     * Then calls refused whatever the shapes.
     */
    static List<Operation> operations() {
        Activation f = Activations.TANH;
        Cost c = Costs.QUADRATIC;
        int[][] layer = {{5, 4}, {1, 5}, {3, 4}, {3, 5}, {3, 5}};
        int[][] bp1 = {{3, 5}, {3, 5}, {3, 5}, {3, 5}};
        int[][] bp2 = {{5, 4}, {3, 5}, {3, 4}, {3, 4}};
        String[] bp1Names = {"aOut", "z", "y", "delta"};
        String[] bp2Names = {"wNext", "deltaNext", "z", "delta"};
        List<Operation> all = new ArrayList<>(List.of(
                new Operation("feedforward", new String[] {"w", "b", "aIn", "z", "aOut"}, layer, new int[] {3, 4},
                        (e, m) -> e.feedforward(m[0], m[1], m[2], m[3], m[4], f), m -> Checks.feedforward(m[0], m[1], m[2], m[3], m[4])),
                new Operation("outputError", bp1Names, bp1, new int[] {3},
                        (e, m) -> e.outputError(c, f, m[0], m[1], m[2], m[3]), m -> Checks.outputError(c, f, m[0], m[1], m[2], m[3])),
                new Operation("cost", new String[] {"aOut", "y"}, new int[][] {{3, 5}, {3, 5}}, new int[0],
                        (e, m) -> e.cost(c, m[0], m[1]), m -> Checks.cost(m[0], m[1])),
                new Operation("backpropagate", bp2Names, bp2, new int[] {3},
                        (e, m) -> e.backpropagate(m[0], m[1], m[2], f, m[3]), m -> Checks.backpropagate(m[0], m[1], m[2], f, m[3])),
                new Operation("biasGradient", new String[] {"delta", "gradB"}, new int[][] {{3, 5}, {1, 5}}, new int[] {1},
                        (e, m) -> e.biasGradient(m[0], m[1]), m -> Checks.biasGradient(m[0], m[1])),
                new Operation("weightGradient", new String[] {"delta", "aIn", "gradW"}, new int[][] {{3, 5}, {3, 4}, {5, 4}},
                        new int[] {2}, (e, m) -> e.weightGradient(m[0], m[1], m[2]), m -> Checks.weightGradient(m[0], m[1], m[2])),
                new Operation("update", new String[] {"param", "grad"}, new int[][] {{5, 4}, {5, 4}}, new int[] {0},
                        (e, m) -> e.update(m[0], m[1], 0.5f, 0.01f), m -> Checks.update(m[0], m[1], 0.5f, 0.01f)),
                new Operation("regularize", new String[] {"grad", "param"}, new int[][] {{5, 4}, {5, 4}}, new int[] {0},
                        (e, m) -> e.regularize(m[0], m[1], 0.1f, 0.01f), m -> Checks.regularize(m[0], m[1], 0.1f, 0.01f)),
                new Operation("momentumStep", new String[] {"param", "grad", "velocity"}, new int[][] {{5, 4}, {5, 4}, {5, 4}},
                        new int[] {0, 2}, (e, m) -> e.momentumStep(m[0], m[1], m[2], 0.1f, 0.9f, true),
                        m -> Checks.momentumStep(m[0], m[1], m[2], 0.1f, 0.9f)),
                new Operation("adamStep", new String[] {"param", "grad", "m", "v"},
                        new int[][] {{5, 4}, {5, 4}, {5, 4}, {5, 4}}, new int[] {0, 2, 3},
                        (e, m) -> e.adamStep(m[0], m[1], m[2], m[3], 0.001f, 0.9f, 0.999f, 1e-8f, 3, 0f),
                        m -> Checks.adamStep(m[0], m[1], m[2], m[3], 0.001f, 0.9f, 0.999f, 1e-8f, 3, 0f)),
                new Operation("rmsPropStep", new String[] {"param", "grad", "meanSquare"}, new int[][] {{5, 4}, {5, 4}, {5, 4}},
                        new int[] {0, 2}, (e, m) -> e.rmsPropStep(m[0], m[1], m[2], 0.001f, 0.9f, 1e-8f),
                        m -> Checks.rmsPropStep(m[0], m[1], m[2], 0.001f, 0.9f, 1e-8f)),
                new Operation("dropout", new String[] {"values", "mask"}, new int[][] {{3, 5}, {3, 5}}, new int[] {0},
                        (e, m) -> e.dropout(m[0], m[1]), m -> Checks.dropout(m[0], m[1])),
                new Operation("weightGradientAndUpdate", new String[] {"delta", "aIn", "gradW", "w"},
                        new int[][] {{3, 5}, {3, 4}, {5, 4}, {5, 4}}, new int[] {2, 3},
                        (e, m) -> e.weightGradientAndUpdate(m[0], m[1], m[2], m[3], 0.5f, 0.01f),
                        m -> Checks.weightGradientAndUpdate(m[0], m[1], m[2], m[3], 0.5f, 0.01f))));
        // Refused whatever the shapes: a σ′ that does not exist, a step that is not finite.
        for (Cost without : new Cost[] {Costs.QUADRATIC, Costs.CROSS_ENTROPY}) {
            all.add(new Operation("outputError, " + without + " with softmax", bp1Names, bp1, new int[] {3},
                    (e, m) -> e.outputError(without, Activations.SOFTMAX, m[0], m[1], m[2], m[3]),
                    m -> Checks.outputError(without, Activations.SOFTMAX, m[0], m[1], m[2], m[3])));
        }
        all.add(new Operation("backpropagate, softmax in a hidden layer", bp2Names, bp2, new int[] {3},
                (e, m) -> e.backpropagate(m[0], m[1], m[2], Activations.SOFTMAX, m[3]),
                m -> Checks.backpropagate(m[0], m[1], m[2], Activations.SOFTMAX, m[3])));
        for (float[] step : new float[][] {{Float.NaN, 0f}, {0.1f, Float.POSITIVE_INFINITY}}) {
            all.add(new Operation("update, eta " + step[0] + ", decay " + step[1], new String[] {"param", "grad"},
                    new int[][] {{5, 4}, {5, 4}}, new int[] {0}, (e, m) -> e.update(m[0], m[1], step[0], step[1]),
                    m -> Checks.update(m[0], m[1], step[0], step[1])));
        }
        // Hyper-parameters outside their ranges, refused whatever the shapes.
        int[][] four = {{5, 4}, {5, 4}, {5, 4}, {5, 4}};
        all.add(new Operation("regularize, l1 −0.5", new String[] {"grad", "param"}, new int[][] {{5, 4}, {5, 4}},
                new int[] {0}, (e, m) -> e.regularize(m[0], m[1], 0f, -0.5f), m -> Checks.regularize(m[0], m[1], 0f, -0.5f)));
        all.add(new Operation("momentumStep, μ 1", new String[] {"param", "grad", "velocity"}, new int[][] {{5, 4}, {5, 4}, {5, 4}},
                new int[] {0, 2}, (e, m) -> e.momentumStep(m[0], m[1], m[2], 0.1f, 1f, false),
                m -> Checks.momentumStep(m[0], m[1], m[2], 0.1f, 1f)));
        all.add(new Operation("adamStep, t 0", new String[] {"param", "grad", "m", "v"}, four, new int[] {0, 2, 3},
                (e, m) -> e.adamStep(m[0], m[1], m[2], m[3], 0.001f, 0.9f, 0.999f, 1e-8f, 0, 0f),
                m -> Checks.adamStep(m[0], m[1], m[2], m[3], 0.001f, 0.9f, 0.999f, 1e-8f, 0, 0f)));
        all.add(new Operation("rmsPropStep, ε 0", new String[] {"param", "grad", "meanSquare"},
                new int[][] {{5, 4}, {5, 4}, {5, 4}}, new int[] {0, 2}, (e, m) -> e.rmsPropStep(m[0], m[1], m[2], 0.001f, 0.9f, 0f),
                m -> Checks.rmsPropStep(m[0], m[1], m[2], 0.001f, 0.9f, 0f)));
        return all;
    }

    /** What a call did: null when it returned, else the exception's class and message. */
    static String outcome(Runnable call) {
        try {
            call.run();
            return null;
        } catch (RuntimeException e) {
            return e.getClass().getName() + ": " + e.getMessage();
        }
    }

    /** Checks' words for the operation at these shapes: null when it accepts them. */
    static String expected(Operation op, int[][] shapes) {
        Matrix[] m = new Matrix[shapes.length];
        for (int i = 0; i < m.length; i++) {
            m[i] = new Shape(shapes[i][0], shapes[i][1]);
        }
        return outcome(() -> op.words().check(m));
    }

    /** Each argument of each operation one row and one column off in turn, and as given: the engine's outcome is Checks'. */
    static int shapes(Engine engine, EngineChecks report) {
        int refused = 0;
        for (Operation op : operations()) {
            List<int[][]> variants = new ArrayList<>();
            variants.add(op.shapes());
            for (int arg = 0; arg < op.shapes().length; arg++) {
                for (int axis = 0; axis < 2; axis++) {
                    int[][] s = Arrays.stream(op.shapes()).map(int[]::clone).toArray(int[][]::new);
                    s[arg][axis]++;
                    variants.add(s);
                }
            }
            for (int[][] s : variants) {
                Matrix[] m = new Matrix[s.length];
                for (int i = 0; i < m.length; i++) {
                    m[i] = Context.put(engine, filled(s[i][0] * s[i][1]), s[i][0], s[i][1]);
                }
                String where = op.name() + " with shapes " + Arrays.deepToString(s);
                String actual = outcome(() -> op.call().on(engine, m));
                report.same(where, expected(op, s), actual);
                if (actual != null) {
                    refused++;
                    for (int out : op.outputs()) {
                        report.sameBits(where + ", output " + op.arguments()[out] + " after the refusal", "element",
                                filled(m[out].size()), Context.get(engine, m[out]));
                    }
                }
            }
        }
        return refused;
    }

    /** Each matrix argument of each operation replaced by another engine's matrix, by one of no engine, and by null. */
    static int foreign(Engine engine, Engine other, EngineChecks report) {
        int refused = 0;
        for (Operation op : operations().subList(0, OWNING_FIRST)) {
            for (int arg = 0; arg < op.shapes().length; arg++) {
                int[] s = op.shapes()[arg];
                for (Matrix alien : new Matrix[] {other.allocate(s[0], s[1]), new Shape(s[0], s[1]), null}) {
                    Matrix[] m = new Matrix[op.shapes().length];
                    for (int i = 0; i < m.length; i++) {
                        m[i] = i == arg ? alien : Context.put(engine, filled(op.shapes()[i][0] * op.shapes()[i][1]),
                                op.shapes()[i][0], op.shapes()[i][1]);
                    }
                    IllegalArgumentException expected = Checks.notOwned(op.arguments()[arg], engine, alien);
                    report.same(op.name() + " with " + alien + " as " + op.arguments()[arg],
                            expected.getClass().getName() + ": " + expected.getMessage(), outcome(() -> op.call().on(engine, m)));
                    refused++;
                }
            }
        }
        return refused;
    }

    /** Every operation, allocate, write and read on a closed engine: Checks' words for a closed engine. */
    static int afterClose(Engine engine, EngineChecks report) {
        List<Operation> operations = operations().subList(0, OWNING_FIRST + 1);
        List<Matrix[]> arguments = new ArrayList<>();
        for (Operation op : operations) {
            Matrix[] m = new Matrix[op.shapes().length];
            for (int i = 0; i < m.length; i++) {
                m[i] = engine.allocate(op.shapes()[i][0], op.shapes()[i][1]);
            }
            arguments.add(m);
        }
        Matrix spare = engine.allocate(2, 3);
        engine.close();
        engine.close();
        IllegalStateException closed = Checks.closed(engine);
        String expected = closed.getClass().getName() + ": " + closed.getMessage();
        for (int k = 0; k < operations.size(); k++) {
            Matrix[] m = arguments.get(k);
            Operation op = operations.get(k);
            report.same(op.name() + " after close()", expected, outcome(() -> op.call().on(engine, m)));
        }
        report.same("allocate after close()", expected, outcome(() -> engine.allocate(2, 3)));
        report.same("write after close()", expected, outcome(() -> engine.write(spare, new float[6])));
        report.same("read after close()", expected, outcome(() -> engine.read(spare, new float[6])));
        return operations.size() + 3;
    }

    /** allocate and the copies in and out with impossible sizes and offsets. */
    static int transfers(Engine engine, EngineChecks report) {
        int[][] sizes = {{0, 3}, {3, -1}, {1 << 16, 1 << 16}, {-2, -2}};
        for (int[] s : sizes) {
            report.same("allocate(" + s[0] + ", " + s[1] + ")", outcome(() -> Checks.allocate(s[0], s[1])),
                    outcome(() -> engine.allocate(s[0], s[1])));
        }
        Matrix m = engine.allocate(2, 3);
        Matrix shape = new Shape(2, 3);
        int[][] arrays = {{6, 1}, {6, -1}, {8, 3}, {5, 0}};
        for (int[] a : arrays) {
            float[] array = new float[a[0]];
            report.same("write(2×3, float[" + a[0] + "], " + a[1] + ")", outcome(() -> Checks.transfer("write", shape, array, a[1])),
                    outcome(() -> engine.write(m, array, a[1])));
            report.same("read(2×3, float[" + a[0] + "], " + a[1] + ")", outcome(() -> Checks.transfer("read", shape, array, a[1])),
                    outcome(() -> engine.read(m, array, a[1])));
        }
        return sizes.length + 2 * arrays.length;
    }

    private static float[] filled(int n) {
        float[] v = new float[n];
        Arrays.fill(v, 0.25f);
        return v;
    }
}
