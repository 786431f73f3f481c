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

    /** How many cases at the start of {@link #everyOperation} hold one of each operation. */
    private static final int ONE_OF_EACH = 10;

    /** One case of every operation, at shapes with tails, for the contract rules. */
    static List<Case> everyOperation(long seed) {
        List<Case> cases = new ArrayList<>();
        cases.add(Cases.feedforward(Activations.SIGMOID, 17, 33, 31, 1, seed));
        cases.add(Cases.feedforward(Activations.SOFTMAX, 3, 127, 7, 1, seed + 1));
        cases.add(Cases.outputError(Costs.QUADRATIC, Activations.TANH, 17, 31, 1, seed + 2));
        cases.add(Cases.outputError(Costs.LOG_LIKELIHOOD, Activations.SOFTMAX, 17, 31, 1, seed + 3));
        cases.add(Cases.cost(Costs.CROSS_ENTROPY, Activations.SIGMOID, 17, 31, seed + 4));
        cases.add(Cases.backpropagate(Activations.RELU, 17, 31, 33, 1, seed + 5));
        cases.add(Cases.biasGradient(33, 17, seed + 6));
        cases.add(Cases.weightGradient(33, 17, 127, seed + 7));
        cases.add(Cases.update(31, 17, 0.5f, 0.001f, seed + 8));
        cases.add(Cases.weightGradientAndUpdate(33, 17, 127, 0.5f, 0.001f, seed + 12));
        cases.add(Cases.feedforward(Activations.TANH, 100, 784, 300, 1, seed + 9));
        cases.add(Cases.weightGradient(100, 300, 784, seed + 10));
        cases.add(Cases.backpropagate(Activations.SIGMOID, 100, 300, 784, 1, seed + 11));
        return cases;
    }

    static void determinism(Context ctx) {
        Engine first = ctx.open();
        Engine second = ctx.open();
        for (Case c : everyOperation(300)) {
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
            // Whatever the outputs held before, NaN or a huge number, the results must be the same bits.
            Case.Run nan = c.run(engine, Float.NaN);
            Case.Run huge = c.run(engine, 7.5e30f);
            for (int i = 0; i < nan.results().length; i++) {
                ctx.compareBits(c.outputNames()[i], nan.results()[i], huge.results()[i],
                        c.label() + ": an output element kept what the buffer held before",
                        "with the buffer prefilled with NaN it is", "with 7.5e30 it is");
            }
        }
    }

    /** Two instances on two threads at once give the same bits as one instance alone. */
    static void twoThreads(Context ctx) throws Exception {
        Network network = Network.builder(64).layer(33, Activations.TANH).layer(17, Activations.SIGMOID)
                .cost(Costs.CROSS_ENTROPY).build();
        NetworkRules.Problem p = NetworkRules.Problem.of(network, 31, 1, 77);
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
        for (Case c : everyOperation(600).subList(0, ONE_OF_EACH)) {
            int arguments = c.inputs().length + c.outputShapes().length;
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
        for (Case c : everyOperation(700).subList(0, ONE_OF_EACH)) {
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
        List<Case> cases = everyOperation(800).subList(0, ONE_OF_EACH);
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
            try (Engine engine = ctx.provider().open()) {
                Case.Run run = c.run(engine, Float.NaN);
                ctx.compare("aOut", expected[1], run.results()[1], 33, "open/close cycle " + (i + 1) + " of 50");
            }
        }
    }

    /** Calls the case with bad arguments: it must throw {@code type} and leave outputs untouched. */
    private static void expectRefusal(Context ctx, Engine engine, Case c, Matrix[] in, Matrix[] out,
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
