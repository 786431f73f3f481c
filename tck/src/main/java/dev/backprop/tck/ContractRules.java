package dev.backprop.tck;

import dev.backprop.Network;
import dev.backprop.Parameters;
import dev.backprop.Activations;
import dev.backprop.Costs;
import dev.backprop.spi.Engine;
import dev.backprop.spi.Matrix;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The rules on how an engine behaves rather than what it computes: determinism, inputs left
 * alone, outputs fully written, independence of instances used from two threads, bad arguments
 * refused before anything is written, and the life cycle of open and close.
 */
final class ContractRules {
    private ContractRules() {
    }

    /** One case of every operation, at shapes with tails, then three at the book's first layer, for the contract rules. */
    static List<Case> everyOperation(long seed) {
        List<Case> cases = new ArrayList<>(oneOfEach(seed));
        cases.add(Cases.feedforward(Activations.TANH, 100, 784, 300, 1, seed + 9));
        cases.add(Cases.weightGradient(100, 300, 784, seed + 10));
        cases.add(Cases.backpropagate(Activations.SIGMOID, 100, 300, 784, 1, seed + 11));
        return cases;
    }

    /** One case of each operation, at shapes with tails: the first cases of {@link #everyOperation}. */
    static List<Case> oneOfEach(long seed) {
        return List.of(
                Cases.feedforward(Activations.SIGMOID, 17, 33, 31, 1, seed),
                Cases.feedforward(Activations.SOFTMAX, 3, 127, 7, 1, seed + 1),
                Cases.outputError(Costs.QUADRATIC, Activations.TANH, 17, 31, 1, seed + 2),
                Cases.outputError(Costs.LOG_LIKELIHOOD, Activations.SOFTMAX, 17, 31, 1, seed + 3),
                Cases.cost(Costs.CROSS_ENTROPY, Activations.SIGMOID, 17, 31, seed + 4),
                Cases.backpropagate(Activations.RELU, 17, 31, 33, 1, seed + 5),
                Cases.biasGradient(33, 17, seed + 6),
                Cases.weightGradient(33, 17, 127, seed + 7),
                Cases.update(31, 17, 0.5f, 0.001f, seed + 8),
                Cases.weightGradientAndUpdate(33, 17, 127, 0.5f, 0.001f, seed + 12),
                OptimizerCases.regularize(31, 17, 0.01f, 0.001f, seed + 13),
                OptimizerCases.momentum(31, 17, 0.1f, 0.9f, true, seed + 14),
                OptimizerCases.adam(31, 17, 0.001f, 3, 0.0001f, seed + 15),
                OptimizerCases.rmsProp(31, 17, 0.001f, 0.9f, seed + 16),
                OptimizerCases.dropout(33, 17, seed + 17));
    }

    static void determinism(Context ctx) {
        Engine first = ctx.open();
        Engine second = ctx.open();
        for (Case c : everyOperation(300)) {
            ctx.at(c.label());
            Case.Run a = c.run(first, Float.NaN);
            Case.Run b = c.run(first, Float.NaN);
            Case.Run other = c.run(second, Float.NaN);
            for (int i = 0; i < a.results().length; i++) {
                String name = c.scalar() ? "C" : c.outputNames()[i];
                ctx.compareBits(name, a.results()[i], b.results()[i], c.label() + ", same engine twice");
                ctx.compareBits(name, a.results()[i], other.results()[i], c.label() + ", a second engine instance");
            }
        }
    }

    static void inputsUntouched(Context ctx) {
        Engine engine = ctx.open();
        for (Case c : everyOperation(400)) {
            ctx.at(c.label());
            Case.Run run = c.run(engine, Float.NaN);
            for (int i = 0; i < c.inputs().length; i++) {
                ctx.compareBits("input " + c.inputNames()[i], c.inputs()[i], Context.get(engine, run.inputs()[i]),
                        c.label() + ": an input was modified", "before the call it held", "after it");
            }
        }
    }

    static void outputsOverwritten(Context ctx) {
        Engine engine = ctx.open();
        for (Case c : everyOperation(500)) {
            if (c.scalar() || c.inPlace()) {
                continue;
            }
            ctx.at(c.label());
            // Whatever the outputs held before, NaN or a huge number, the results must be the same bits.
            Case.Run nan = c.run(engine, Float.NaN);
            Case.Run nanAgain = c.run(engine, Float.NaN);
            Case.Run huge = c.run(engine, HUGE);
            for (int i = 0; i < nan.results().length; i++) {
                String name = c.outputNames()[i];
                float[] first = nan.results()[i];
                int j = Context.firstDifference(first, nanAgain.results()[i]);
                if (j >= 0) {
                    // Two runs with the same prefill differ: that says nothing about the prefill.
                    throw ctx.fail(String.format("%s[%d]: two runs with the same NaN prefill gave %s and %s", name, j,
                            first[j], nanAgain.results()[i][j]), c.label(), "determinism first (required_determinism_"
                            + "sameInputsSameBits): a result that changes between identical calls cannot be judged here");
                }
                j = Context.firstDifference(first, huge.results()[i]);
                if (j >= 0) {
                    float other = huge.results()[i][j];
                    // NaN and 7.5e30 swallow a sum, so a third, small prefill tells "not written" from "+=".
                    boolean unwritten = c.run(engine, PROBE).results()[i][j] == PROBE;
                    throw ctx.fail(String.format("%s[%d]: with the buffer prefilled with NaN it is %s, with %s it is %s",
                            name, j, first[j], HUGE, other), c.label(), unwritten
                            ? "the element is never written (it keeps the prefill): tails of rows or columns that a "
                                    + "vector loop or a work-group size skips"
                            : "the element depends on what the buffer held: accumulating into the output (+=) without "
                                    + "clearing it first");
                }
            }
        }
    }

    /** The second prefill of {@link #outputsOverwritten}: finite, far from any result. */
    private static final float HUGE = 7.5e30f;
    /** A third prefill, small enough that a result added to it shows. */
    private static final float PROBE = 1.25f;

    /** Two instances on two threads at once give the same bits as one instance alone. */
    static void twoThreads(Context ctx) throws Exception {
        Network network = Network.builder(64).layer(33, Activations.TANH).layer(17, Activations.SIGMOID)
                .cost(Costs.CROSS_ENTROPY).build();
        NetworkRules.Problem p = NetworkRules.Problem.of(network, 31, 1, 77);
        ctx.at(network + ", batch 31, whole gradient on two instances from two threads at once");
        Parameters alone = NetworkRules.engineGradient(ctx.open(), p);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Parameters>> results = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                Engine engine = ctx.open();
                results.add(pool.submit(() -> {
                    Parameters last = null;
                    for (int repeat = 0; repeat < 20; repeat++) {
                        last = NetworkRules.engineGradient(engine, p);
                    }
                    return last;
                }));
            }
            for (int t = 0; t < 2; t++) {
                Parameters concurrent = results.get(t).get();
                for (int l = 0; l < network.depth(); l++) {
                    ctx.compareBits("gradW of layer " + (l + 2), alone.weights(l), concurrent.weights(l),
                            "thread " + (t + 1) + " of 2 running at once", "one instance alone gave", "this thread");
                    ctx.compareBits("gradB of layer " + (l + 2), alone.biases(l), concurrent.biases(l),
                            "thread " + (t + 1) + " of 2 running at once", "one instance alone gave", "this thread");
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Each matrix argument in turn gets one column too many: the call must throw
     * IllegalArgumentException and leave every output as it was.
     */
    static void shapeMismatch(Context ctx) {
        Engine engine = ctx.open();
        for (Case c : oneOfEach(600)) {
            int arguments = c.inputs().length + c.outputShapes().length;
            ctx.at(c.label() + ", arguments with one column too many");
            for (int wrong = 0; wrong < arguments; wrong++) {
                Matrix[] in = new Matrix[c.inputs().length];
                Matrix[] out = new Matrix[c.outputShapes().length];
                String name = null;
                for (int i = 0; i < arguments; i++) {
                    int[] shape = i < in.length ? c.inputShapes()[i] : c.outputShapes()[i - in.length];
                    int cols = shape[1] + (i == wrong ? 1 : 0);
                    Matrix m = Context.garbage(engine, shape[0], cols);
                    if (i < in.length) {
                        in[i] = m;
                    } else {
                        out[i - in.length] = m;
                    }
                    if (i == wrong) {
                        name = i < in.length ? c.inputNames()[i] : c.outputNames()[i - in.length];
                    }
                }
                expectRefusal(ctx, engine, c, in, out, IllegalArgumentException.class,
                        "argument " + name + " with one column too many");
            }
        }
    }

    /** A matrix of another engine instance, or of no engine at all, in each position. */
    static void foreignMatrix(Context ctx) {
        Engine engine = ctx.open();
        Engine other = ctx.open();
        for (Case c : oneOfEach(700)) {
            ctx.at(c.label() + ", a foreign matrix as input");
            for (int wrong = 0; wrong < c.inputs().length; wrong++) {
                for (boolean alien : new boolean[] {false, true}) {
                    Matrix[] in = new Matrix[c.inputs().length];
                    for (int i = 0; i < in.length; i++) {
                        int[] s = c.inputShapes()[i];
                        in[i] = i != wrong ? Context.put(engine, c.inputs()[i], s[0], s[1])
                                : alien ? new AlienMatrix(s[0], s[1]) : Context.put(other, c.inputs()[i], s[0], s[1]);
                    }
                    Matrix[] out = new Matrix[c.outputShapes().length];
                    for (int i = 0; i < out.length; i++) {
                        out[i] = Context.garbage(engine, c.outputShapes()[i][0], c.outputShapes()[i][1]);
                    }
                    expectRefusal(ctx, engine, c, in, out, IllegalArgumentException.class, "input " + c.inputNames()[wrong]
                            + (alien ? " is a Matrix no engine allocated" : " belongs to another engine instance"));
                }
            }
        }
    }

    static void useAfterClose(Context ctx) {
        Engine engine = ctx.open();
        List<Case> cases = oneOfEach(800);
        List<Matrix[][]> arguments = new ArrayList<>();
        for (Case c : cases) {
            Matrix[] in = new Matrix[c.inputs().length];
            for (int i = 0; i < in.length; i++) {
                in[i] = Context.put(engine, c.inputs()[i], c.inputShapes()[i][0], c.inputShapes()[i][1]);
            }
            Matrix[] out = new Matrix[c.outputShapes().length];
            for (int i = 0; i < out.length; i++) {
                out[i] = Context.garbage(engine, c.outputShapes()[i][0], c.outputShapes()[i][1]);
            }
            arguments.add(new Matrix[][] {in, out});
        }
        engine.close();
        for (int k = 0; k < cases.size(); k++) {
            Case c = cases.get(k);
            ctx.at(c.label() + ", after close()");
            try {
                c.call().call(engine, arguments.get(k)[0], arguments.get(k)[1]);
            } catch (IllegalStateException expected) {
                continue;
            } catch (RuntimeException e) {
                throw ctx.fail("expected IllegalStateException after close(), got " + e, c.label());
            }
            throw ctx.fail("the call worked after close(); it must throw IllegalStateException", c.label());
        }
        try {
            engine.allocate(3, 3);
        } catch (IllegalStateException expected) {
            return;
        }
        throw ctx.fail("allocate worked after close(); it must throw IllegalStateException", "allocate(3, 3)");
    }

    static void closeTwice(Context ctx) {
        Engine engine = ctx.open();
        ctx.at("biasGradient 3×3, then close() twice");
        Cases.biasGradient(3, 3, 1).run(engine, 0f);
        engine.close();
        try {
            engine.close();
        } catch (RuntimeException e) {
            throw ctx.fail("the second close() threw " + e + "; it must do nothing", "close twice");
        }
    }

    static void openCloseMany(Context ctx) {
        Case c = Cases.feedforward(Activations.SIGMOID, 31, 64, 33, 1, 9);
        Expected[] expected = c.expected().get();
        for (int i = 0; i < 50; i++) {
            // Only a cycle after the first can show a resource that close() failed to free; the
            // first fails for the same reason as Eq. 25 alone.
            ctx.at(c.label() + ", open/close cycle " + (i + 1) + " of 50", i == 0
                    ? "Eq. 25 itself: the first cycle already fails, so see required_eq25_feedforwardMatchesOracle"
                    : null);
            try (Engine engine = ctx.provider().open()) {
                Case.Run run = c.run(engine, Float.NaN);
                ctx.compare("aOut", expected[1], run.results()[1], 33, ctx.where());
            }
        }
    }

    /**
     * One instance closed while another is open: the other keeps computing right, and so does one
     * opened after it.
     */
    static void closingOneLeavesOthers(Context ctx) {
        Engine first = ctx.open();
        Engine second = ctx.open();
        List<Case> cases = oneOfEach(900);
        // Nothing is closed yet: a failure here is about the cases, not about close().
        String beforeClosing = "the operation itself and what the engine keeps between calls (these instances ran the "
                + "cases before this one; the required_state_* rules look at that closely): nothing was closed yet";
        for (Case c : cases) {
            EquationRules.compareOn(ctx, first, c, c.label() + ", on the first of two open instances", beforeClosing);
            EquationRules.compareOn(ctx, second, c, c.label() + ", on the second of two open instances", beforeClosing);
        }
        first.close();
        for (Case c : cases) {
            EquationRules.compareOn(ctx, second, c, c.label() + ", on the second instance after the first was closed");
        }
        Engine third = ctx.open();
        second.close();
        for (Case c : cases) {
            EquationRules.compareOn(ctx, third, c, c.label() + ", on a third instance, opened before the second was "
                    + "closed");
        }
    }

    /** Calls the case with bad arguments: it must throw {@code type} and leave outputs untouched. */
    static void expectRefusal(Context ctx, Engine engine, Case c, Matrix[] in, Matrix[] out,
                                      Class<? extends RuntimeException> type, String what) {
        float[][] before = new float[out.length][];
        for (int i = 0; i < out.length; i++) {
            before[i] = Context.get(engine, out[i]);
        }
        try {
            c.call().call(engine, in, out);
        } catch (RuntimeException e) {
            if (!type.isInstance(e)) {
                throw ctx.fail("expected " + type.getSimpleName() + ", got " + e, c.label() + ", " + what);
            }
            if (e.getMessage() == null || e.getMessage().isBlank()) {
                throw ctx.fail(type.getSimpleName() + " without a message; say what was expected and what came",
                        c.label() + ", " + what);
            }
            for (int i = 0; i < out.length; i++) {
                ctx.compareBits(c.outputNames()[i], before[i], Context.get(engine, out[i]),
                        c.label() + ", " + what + ": an output was written before the call was refused",
                        "before the call it held", "after it");
            }
            return;
        }
        throw ctx.fail("the call was accepted; expected " + type.getSimpleName(), c.label() + ", " + what);
    }

    /** A Matrix that no engine allocated. */
    private record AlienMatrix(int rows, int cols) implements Matrix {
    }
}
