package dev.backprop.spark;

import dev.backprop.Backpropagation;
import dev.backprop.Network;
import dev.backprop.OptimizerState;
import dev.backprop.Parameters;
import dev.backprop.Regularization;
import dev.backprop.SeededRandom;
import dev.backprop.TrainingOrder;
import dev.backprop.data.Dataset;
import dev.backprop.spi.Engine;

import java.util.Arrays;

/**
 * What the two modes must compute, written as plain sequential loops over the partitions on one
 * engine, without Spark: the specification the distributed runs are compared with, bit for bit.
 * Partition p holds examples [cuts[p], cuts[p+1]) of the data set. The step itself is the api's
 * ({@code Backpropagation.step} and {@code update} with the case's optimiser and penalty), whose
 * bits the one-partition comparisons with {@code Trainer} pin down.
 */
final class SequentialReference {
    private SequentialReference() {
    }

    /**
     * Mode 1: for each global mini-batch of the seeded order, with masks drawn for the whole batch
     * from the trainer's dropout stream, each partition's share (in order of appearance, each
     * example with the mask rows of its place in the batch) gives the gradient of its mean cost;
     * the gradient of the whole batch is Σ m_p g_p / m in double, partitions in index order; then
     * one session, holding the optimiser's state, steps with it.
     */
    static Parameters synchronousGradient(Engine engine, Parameters start, Dataset data, int[] cuts, TrainingCase c) {
        Parameters p = start.copy();
        Network network = p.network();
        int n = data.size();
        Regularization penalty = new Regularization(c.lambda(), c.lambda1(), n);
        TrainingOrder order = new TrainingOrder(n, c.miniBatchSize(), c.seed());
        SeededRandom dropout = c.dropout() > 0 ? DropoutMasks.generator(c.seed()) : null;
        try (Backpropagation bp = Backpropagation.open(engine, network);
             Backpropagation driver = Backpropagation.open(engine, network)) {
            driver.setOptimizer(c.optimizer());
            driver.setParameters(p);
            Parameters gradient = Parameters.zeros(network);
            for (int e = 1; e <= c.epochs(); e++) {
                int[] epoch = order.nextEpoch();
                for (int b = 0; b < order.batches(); b++) {
                    int from = order.batchStart(b);
                    int to = order.batchEnd(b);
                    float[][] masks = null;
                    if (dropout != null) {
                        masks = DropoutMasks.allocate(network, to - from);
                        DropoutMasks.draw(dropout, c.dropout(), network, to - from, masks);
                    }
                    double[] sum = null;
                    int total = 0;
                    int contributors = 0;
                    float[] only = null;
                    for (int part = 0; part + 1 < cuts.length; part++) {
                        int[] places = places(epoch, from, to, cuts[part], cuts[part + 1]);
                        if (places.length == 0) {
                            continue;
                        }
                        int[] rows = new int[places.length];
                        for (int r = 0; r < places.length; r++) {
                            rows[r] = epoch[from + places[r]];
                        }
                        bp.setParameters(p);
                        feed(bp, data, rows, masks == null ? null : rowsOf(masks, places, network));
                        bp.backpropagate();
                        bp.getGradient(gradient);
                        float[] g = Flat.pack(gradient);
                        contributors++;
                        only = g;
                        total += rows.length;
                        sum = accumulate(sum, g, rows.length);
                    }
                    driver.setGradient(Flat.unpack(contributors == 1 ? only : mean(sum, total), network));
                    driver.update(c.eta(e, b, order.batches()), penalty);
                    driver.getParameters(p);
                }
            }
        }
        return p;
    }

    /**
     * Mode 2: each partition walks its own examples in the epoch's order in mini-batches of m,
     * with a dropout stream of its own; a round is k of its steps from the common parameters and
     * optimiser state; then the parameters and the state are averaged, each partition weighted by
     * the examples it stepped on, in double, in index order, and the step count goes on from the
     * most steps any partition took.
     *
     * @param averageState false for a run whose state does not survive a round (every round
     *     starts from zero state): what a trainer that averaged only the parameters would compute
     */
    static Parameters localSteps(Engine engine, Parameters start, Dataset data, int[] cuts, int k, TrainingCase c,
                                 boolean averageState) {
        Parameters p = start.copy();
        Network network = p.network();
        int n = data.size();
        int m = c.miniBatchSize();
        Regularization penalty = new Regularization(c.lambda(), c.lambda1(), n);
        TrainingOrder order = new TrainingOrder(n, m, c.seed());
        int parts = cuts.length - 1;
        SeededRandom[] dropout = new SeededRandom[parts];
        for (int part = 0; part < parts; part++) {
            dropout[part] = DropoutMasks.generator(c.seed(), part);
        }
        float[][] masks = DropoutMasks.allocate(network, m);
        try (Backpropagation bp = Backpropagation.open(engine, network)) {
            bp.setOptimizer(c.optimizer());
            OptimizerState zero = bp.optimizerState();
            float[][] state = zero.arrays();
            long steps = 0;
            for (int e = 1; e <= c.epochs(); e++) {
                int[] epoch = order.nextEpoch();
                int[][] walks = new int[parts][];
                int most = 0;
                for (int part = 0; part < parts; part++) {
                    int[] places = places(epoch, 0, n, cuts[part], cuts[part + 1]);
                    walks[part] = new int[places.length];
                    for (int r = 0; r < places.length; r++) {
                        walks[part][r] = epoch[places[r]];
                    }
                    most = Math.max(most, (walks[part].length + m - 1) / m);
                }
                for (int round = 0; round * k < most; round++) {
                    double[] sumP = null;
                    double[][] sumS = new double[state.length][];
                    int total = 0;
                    int contributors = 0;
                    float[] onlyP = null;
                    float[][] onlyS = null;
                    long mostSteps = steps;
                    for (int part = 0; part < parts; part++) {
                        int[] walk = walks[part];
                        int batches = (walk.length + m - 1) / m;
                        int used = 0;
                        bp.setParameters(p);
                        bp.setOptimizerState(new OptimizerState(zero.optimizer(), steps, state));
                        for (int b = round * k; b < round * k + k && b < batches; b++) {
                            int[] rows = Arrays.copyOfRange(walk, b * m, Math.min(walk.length, b * m + m));
                            if (c.dropout() > 0) {
                                DropoutMasks.draw(dropout[part], c.dropout(), network, rows.length, masks);
                            }
                            feed(bp, data, rows, c.dropout() > 0 ? masks : null);
                            bp.step(c.eta(e, b, batches), penalty);
                            used += rows.length;
                        }
                        if (used == 0) {
                            continue;
                        }
                        Parameters after = Parameters.zeros(network);
                        bp.getParameters(after);
                        OptimizerState reached = bp.optimizerState();
                        mostSteps = Math.max(mostSteps, reached.steps());
                        contributors++;
                        onlyP = Flat.pack(after);
                        onlyS = reached.arrays();
                        total += used;
                        sumP = accumulate(sumP, onlyP, used);
                        for (int i = 0; i < state.length; i++) {
                            sumS[i] = accumulate(sumS[i], onlyS[i], used);
                        }
                    }
                    Flat.unpack(contributors == 1 ? onlyP : mean(sumP, total), p);
                    for (int i = 0; i < state.length; i++) {
                        state[i] = !averageState ? new float[state[i].length]
                                : contributors == 1 ? onlyS[i] : mean(sumS[i], total);
                    }
                    steps = mostSteps;
                }
            }
        }
        return p;
    }

    /** The places in [from, to) of the order, relative to from, whose examples are in [first, end). */
    private static int[] places(int[] order, int from, int to, int first, int end) {
        return java.util.stream.IntStream.range(from, to).filter(i -> order[i] >= first && order[i] < end)
                .map(i -> i - from).toArray();
    }

    /** The mask rows of the examples at {@code places} of the batch. */
    private static float[][] rowsOf(float[][] masks, int[] places, Network network) {
        float[][] rows = DropoutMasks.allocate(network, places.length);
        for (int l = 0; l < masks.length; l++) {
            int width = network.layer(l).width();
            for (int r = 0; r < places.length; r++) {
                System.arraycopy(masks[l], places[r] * width, rows[l], r * width, width);
            }
        }
        return rows;
    }

    private static void feed(Backpropagation bp, Dataset data, int[] rows, float[][] masks) {
        float[] x = new float[rows.length * data.inputWidth()];
        float[] y = new float[rows.length * data.outputWidth()];
        for (int r = 0; r < rows.length; r++) {
            data.copyInput(rows[r], x, r * data.inputWidth());
            data.copyTarget(rows[r], y, r * data.outputWidth());
        }
        bp.feedforward(x, 0, rows.length, masks);
        bp.setTargets(y, 0);
    }

    private static double[] accumulate(double[] sum, float[] values, int weight) {
        double[] s = sum == null ? new double[values.length] : sum;
        for (int i = 0; i < values.length; i++) {
            s[i] += (double) weight * values[i];
        }
        return s;
    }

    private static float[] mean(double[] sum, int total) {
        float[] mean = new float[sum.length];
        for (int i = 0; i < mean.length; i++) {
            mean[i] = (float) (sum[i] / total);
        }
        return mean;
    }
}
