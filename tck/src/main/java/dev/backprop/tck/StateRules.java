package dev.backprop.tck;

import dev.backprop.Activations;
import dev.backprop.Backpropagation;
import dev.backprop.Costs;
import dev.backprop.Network;
import dev.backprop.Parameters;
import dev.backprop.spi.Engine;
import dev.backprop.spi.Matrix;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The rules on what an engine keeps between calls. The equation rules open a fresh engine for
 * every case, so they cannot see state; these keep one engine and change what stays the same
 * from call to call: the batch size (as {@link dev.backprop.Trainer} does on its last, partial
 * mini-batch), the values in the same matrices, and the network a call belongs to.
 */
final class StateRules {
    /** Batch sizes in the order the rule feeds them: growing and shrinking, with tails, 1 among them. */
    static final int[] BATCHES = {300, 129, 10, 257, 1, 33, 128, 7};

    private StateRules() {
    }

    /**
     * One call of each operation on the same layer shapes (33 inputs, 17 hidden neurons, 10
     * outputs) at batch m; the update's parameter has m rows, so its size follows the batch too.
     */
    static List<Case> everyOperationAtBatch(int m, long seed) {
        return List.of(
                Cases.feedforward(Activations.SIGMOID, m, 33, 17, 1, seed),
                Cases.feedforward(Activations.SOFTMAX, m, 17, 10, 1, seed + 1),
                Cases.outputError(Costs.QUADRATIC, Activations.SIGMOID, m, 10, 1, seed + 2),
                Cases.outputError(Costs.LOG_LIKELIHOOD, Activations.SOFTMAX, m, 10, 1, seed + 3),
                Cases.cost(Costs.CROSS_ENTROPY, Activations.SIGMOID, m, 10, seed + 4),
                Cases.backpropagate(Activations.TANH, m, 10, 17, 1, seed + 5),
                Cases.biasGradient(m, 17, seed + 6),
                Cases.weightGradient(m, 17, 33, seed + 7),
                Cases.update(m, 17, 0.5f, 0.001f, seed + 8),
                Cases.weightGradientAndUpdate(m, 17, 33, 0.5f, 0.001f, seed + 9));
    }

    /**
     * Every operation on one engine at batch sizes that grow and shrink, each call against the
     * oracle; results are also read at an offset into a longer array. Then the whole gradient
     * through the api's {@link Backpropagation}, whose inputs and targets are read at an offset
     * from arrays longer than the batch, the way {@link dev.backprop.Trainer} reads its last,
     * partial mini-batch from a buffer sized for a full one.
     */
    static void batchSizesGrowAndShrink(Context ctx) {
        Engine engine = ctx.open();
        long seed = 3000;
        List<Integer> before = new ArrayList<>();
        for (int m : BATCHES) {
            for (Case c : everyOperationAtBatch(m, seed)) {
                String where = ctx.at(c.label() + ", on one engine after batches " + before);
                Case.Run run = c.run(engine, Float.NaN);
                c.compare(ctx, run, where);
                for (int i = 0; i < run.outputs().length; i++) {
                    readAtOffset(ctx, engine, run.outputs()[i], run.results()[i], c.outputNames()[i], where);
                }
            }
            before.add(m);
            seed += 10;
        }
        wholeGradientAtEveryBatch(ctx, engine);
    }

    /** read(src, dst, offset) into a longer array: the same bits at the offset, nothing written around them. */
    private static void readAtOffset(Context ctx, Engine engine, Matrix m, float[] expected, String array, String where) {
        int offset = 5;
        float[] longer = new float[offset + m.size() + 3];
        Arrays.fill(longer, -7f);
        engine.read(m, longer, offset);
        ctx.compareBits(array + " read at offset " + offset, expected, Arrays.copyOfRange(longer, offset, offset + m.size()),
                where, "read at offset 0 it is", "at offset " + offset);
        for (int i = 0; i < longer.length; i++) {
            if ((i < offset || i >= offset + m.size()) && longer[i] != -7f) {
                throw ctx.fail("read(" + array + ", dst, " + offset + ") wrote dst[" + i + "], outside the " + m.size()
                        + " elements from the offset", where, "read(src, dst, offset): it copies src.size() floats to "
                        + "dst[offset …] and nothing else");
            }
        }
    }

    private static void wholeGradientAtEveryBatch(Context ctx, Engine engine) {
        Network network = Network.builder(33).layer(17, Activations.TANH).layer(10, Activations.SOFTMAX)
                .cost(Costs.LOG_LIKELIHOOD).build();
        int[] sizes = Arrays.copyOf(BATCHES, BATCHES.length + 2);
        sizes[BATCHES.length] = 10; // sizes seen before: buffers the api allocated earlier come back
        sizes[BATCHES.length + 1] = 300;
        int total = Arrays.stream(sizes).sum();
        NetworkRules.Problem all = NetworkRules.Problem.of(network, total, 1, 3500);
        int in = network.inputWidth();
        int out = network.outputWidth();
        try (Backpropagation bp = Backpropagation.open(engine, network)) {
            bp.setParameters(all.parameters());
            int start = 0;
            List<Integer> before = new ArrayList<>();
            for (int m : sizes) {
                String where = ctx.at(network + ", batch " + m + " read from example " + start + " of " + total
                        + ", on one engine after batches " + before);
                bp.feedforward(all.x(), start * in, m);
                bp.setTargets(all.y(), start * out);
                bp.backpropagate();
                Parameters gradient = Parameters.zeros(network);
                bp.getGradient(gradient);
                NetworkRules.Problem batch = new NetworkRules.Problem(network, all.w(), all.b(),
                        Arrays.copyOfRange(all.x(), start * in, (start + m) * in),
                        Arrays.copyOfRange(all.y(), start * out, (start + m) * out), m);
                NetworkRules.compareGradient(ctx, gradient, NetworkRules.oracleGradient(batch), where);
                start += m;
                before.add(m);
            }
        }
    }

    /**
     * Every operation three times in the same matrices, written with new values before each call,
     * operations interleaved as in training: each call must give the result of its own inputs.
     */
    static void rewrittenMatrices(Context ctx) {
        Engine engine = ctx.open();
        List<Case> first = rewrittenCases(4000);
        List<Matrix[][]> matrices = new ArrayList<>();
        for (Case c : first) {
            matrices.add(c.allocate(engine));
        }
        for (int round = 1; round <= 3; round++) {
            List<Case> cases = round == 1 ? first : rewrittenCases(4000 + 100 * round);
            for (int k = 0; k < cases.size(); k++) {
                Case c = cases.get(k);
                String where = ctx.at(c.label() + ", round " + round + " of 3 in the same matrices, rewritten");
                c.compare(ctx, c.runIn(engine, matrices.get(k)[0], matrices.get(k)[1], Float.NaN), where);
            }
        }
    }

    /**
     * One case of each operation, and the three products at a batch of 130, large enough for
     * blocked and packed kernels, whose packed copies of an input are what could go stale.
     */
    private static List<Case> rewrittenCases(long seed) {
        List<Case> cases = new ArrayList<>(ContractRules.oneOfEach(seed));
        cases.add(Cases.feedforward(Activations.TANH, 130, 257, 64, 1, seed + 20));
        cases.add(Cases.backpropagate(Activations.SIGMOID, 130, 64, 257, 1, seed + 21));
        cases.add(Cases.weightGradient(130, 64, 257, seed + 22));
        return cases;
    }

    /**
     * Two sessions of the same network (different parameters and data) on one engine, their calls
     * interleaved: both feed forward before either goes backwards, in both orders, with the
     * gradient kept and with the fused step.
     */
    static void interleavedSessions(Context ctx) {
        Engine engine = ctx.open();
        Network network = Network.builder(7).layer(17, Activations.TANH).layer(16, Activations.SIGMOID)
                .layer(3, Activations.SIGMOID).cost(Costs.CROSS_ENTROPY).build();
        NetworkRules.Problem a = NetworkRules.Problem.of(network, 9, 1, 4500);
        NetworkRules.Problem b = NetworkRules.Problem.of(network, 9, 1, 4501);
        NetworkRules.Problem bSmall = NetworkRules.Problem.of(network, 4, 1, 4502);
        try (Backpropagation first = Backpropagation.open(engine, network);
             Backpropagation second = Backpropagation.open(engine, network)) {
            first.setParameters(a.parameters());
            second.setParameters(b.parameters());
            for (boolean firstGoesBackFirst : new boolean[] {true, false}) {
                // The second session's batch differs in the second round, so its buffers differ in shape too.
                NetworkRules.Problem other = firstGoesBackFirst ? b : new NetworkRules.Problem(network, b.w(), b.b(),
                        bSmall.x(), bSmall.y(), 4);
                String where = ctx.at(network + ", two sessions on one engine, both fed forward, then "
                        + (firstGoesBackFirst ? "the first" : "the second") + " backpropagated first");
                feed(first, a);
                feed(second, other);
                if (firstGoesBackFirst) {
                    first.backpropagate();
                    second.backpropagate();
                } else {
                    second.backpropagate();
                    first.backpropagate();
                }
                compareGradient(ctx, first, a, where + "; the first session");
                compareGradient(ctx, second, other, where + "; the second session");
            }
            String where = ctx.at(network + ", two sessions on one engine, both fed forward, then each takes the fused "
                    + "SGD step");
            feed(first, a);
            feed(second, b);
            second.step(0.5f, 0.01f);
            first.step(0.5f, 0.01f);
            NetworkRules.compareStep(ctx, first, a, NetworkRules.oracleGradient(a), 0.5f, 0.01f, where + "; the first session");
            NetworkRules.compareStep(ctx, second, b, NetworkRules.oracleGradient(b), 0.5f, 0.01f,
                    where + "; the second session");
        }
    }

    private static void feed(Backpropagation bp, NetworkRules.Problem p) {
        bp.feedforward(p.x(), 0, p.m());
        bp.setTargets(p.y(), 0);
    }

    private static void compareGradient(Context ctx, Backpropagation bp, NetworkRules.Problem p, String where) {
        Parameters gradient = Parameters.zeros(p.network());
        bp.getGradient(gradient);
        NetworkRules.compareGradient(ctx, gradient, NetworkRules.oracleGradient(p), where);
    }
}
