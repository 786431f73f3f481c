package dev.backprop.spark;

import dev.backprop.Backpropagation;
import dev.backprop.Parameters;
import dev.backprop.TrainingOrder;
import dev.backprop.data.Dataset;
import dev.backprop.spi.Engine;
import dev.backprop.spi.Matrix;

import java.util.Arrays;

/**
 * What the two modes must compute, written as plain sequential loops over the partitions on one
 * engine, without Spark: the specification the distributed runs are compared with, bit for bit.
 * Partition p holds examples [cuts[p], cuts[p+1]) of the data set.
 */
final class SequentialReference {
    private SequentialReference() {
    }

    /**
     * Mode 1: for each global mini-batch of the seeded order, each partition's share (in order of
     * appearance) gives the gradient of its mean cost; the gradient of the whole batch is
     * Σ m_p g_p / m in double, partitions in index order; then w ← update(w, g).
     */
    static Parameters synchronousGradient(Engine engine, Parameters start, Dataset data, int[] cuts, int m, double eta,
                                          double lambda, int epochs, long seed) {
        Parameters p = start.copy();
        int n = data.size();
        float decay = (float) (eta * lambda / n);
        TrainingOrder order = new TrainingOrder(n, m, seed);
        try (Backpropagation bp = Backpropagation.open(engine, p.network())) {
            Parameters gradient = Parameters.zeros(p.network());
            for (int e = 0; e < epochs; e++) {
                int[] epoch = order.nextEpoch();
                for (int b = 0; b < order.batches(); b++) {
                    double[][] sumW = new double[p.network().depth()][];
                    double[][] sumB = new double[p.network().depth()][];
                    int total = 0;
                    int contributors = 0;
                    Parameters only = null;
                    for (int part = 0; part + 1 < cuts.length; part++) {
                        int[] rows = share(epoch, order.batchStart(b), order.batchEnd(b), cuts[part], cuts[part + 1]);
                        if (rows.length == 0) {
                            continue;
                        }
                        bp.setParameters(p);
                        feed(bp, data, rows);
                        bp.backpropagate();
                        bp.getGradient(gradient);
                        contributors++;
                        only = gradient.copy();
                        total += rows.length;
                        for (int l = 0; l < p.network().depth(); l++) {
                            sumW[l] = accumulate(sumW[l], gradient.weights(l), rows.length);
                            sumB[l] = accumulate(sumB[l], gradient.biases(l), rows.length);
                        }
                    }
                    Parameters g = contributors == 1 ? only : Parameters.zeros(p.network());
                    if (contributors > 1) {
                        for (int l = 0; l < p.network().depth(); l++) {
                            divide(sumW[l], total, g.weights(l));
                            divide(sumB[l], total, g.biases(l));
                        }
                    }
                    step(engine, p, g, (float) eta, decay);
                }
            }
        }
        return p;
    }

    /**
     * Mode 2: each partition walks its own examples in the epoch's order in mini-batches of m;
     * a round is k of its steps from the common parameters; then the parameters are averaged,
     * each partition weighted by the examples it stepped on, in double, in index order.
     */
    static Parameters localSteps(Engine engine, Parameters start, Dataset data, int[] cuts, int m, int k, double eta,
                                 double lambda, int epochs, long seed) {
        Parameters p = start.copy();
        int n = data.size();
        float decay = (float) (eta * lambda / n);
        TrainingOrder order = new TrainingOrder(n, m, seed);
        int parts = cuts.length - 1;
        try (Backpropagation bp = Backpropagation.open(engine, p.network())) {
            for (int e = 0; e < epochs; e++) {
                int[] epoch = order.nextEpoch();
                int[][] walks = new int[parts][];
                int most = 0;
                for (int part = 0; part < parts; part++) {
                    walks[part] = share(epoch, 0, n, cuts[part], cuts[part + 1]);
                    most = Math.max(most, (walks[part].length + m - 1) / m);
                }
                for (int round = 0; round * k < most; round++) {
                    double[] sum = null;
                    int total = 0;
                    int contributors = 0;
                    float[] only = null;
                    for (int part = 0; part < parts; part++) {
                        int[] walk = walks[part];
                        int used = 0;
                        bp.setParameters(p);
                        for (int b = round * k; b < round * k + k && b * m < walk.length; b++) {
                            int[] rows = Arrays.copyOfRange(walk, b * m, Math.min(walk.length, b * m + m));
                            feed(bp, data, rows);
                            bp.step((float) eta, decay);
                            used += rows.length;
                        }
                        if (used == 0) {
                            continue;
                        }
                        Parameters after = Parameters.zeros(p.network());
                        bp.getParameters(after);
                        float[] flat = Flat.pack(after);
                        contributors++;
                        only = flat;
                        total += used;
                        if (sum == null) {
                            sum = new double[flat.length];
                        }
                        for (int i = 0; i < flat.length; i++) {
                            sum[i] += (double) used * flat[i];
                        }
                    }
                    float[] next = new float[sum.length];
                    for (int i = 0; i < next.length; i++) {
                        next[i] = contributors == 1 ? only[i] : (float) (sum[i] / total);
                    }
                    Flat.unpack(next, p);
                }
            }
        }
        return p;
    }

    /** The examples at places [from, to) of the order that belong to the partition [first, end), in that order. */
    private static int[] share(int[] order, int from, int to, int first, int end) {
        return Arrays.stream(order, from, to).filter(g -> g >= first && g < end).toArray();
    }

    private static void feed(Backpropagation bp, Dataset data, int[] rows) {
        float[] x = new float[rows.length * data.inputWidth()];
        float[] y = new float[rows.length * data.outputWidth()];
        for (int r = 0; r < rows.length; r++) {
            data.copyInput(rows[r], x, r * data.inputWidth());
            data.copyTarget(rows[r], y, r * data.outputWidth());
        }
        bp.feedforward(x, 0, rows.length);
        bp.setTargets(y, 0);
    }

    private static double[] accumulate(double[] sum, float[] values, int weight) {
        double[] s = sum == null ? new double[values.length] : sum;
        for (int i = 0; i < values.length; i++) {
            s[i] += (double) weight * values[i];
        }
        return s;
    }

    private static void divide(double[] sum, int total, float[] into) {
        for (int i = 0; i < into.length; i++) {
            into[i] = (float) (sum[i] / total);
        }
    }

    /** Eq. 93 through the engine's own update: biases without decay, weights with. */
    private static void step(Engine engine, Parameters p, Parameters g, float eta, float decay) {
        for (int l = 0; l < p.network().depth(); l++) {
            apply(engine, p.weights(l), g.weights(l), eta, decay);
            apply(engine, p.biases(l), g.biases(l), eta, 0f);
        }
    }

    private static void apply(Engine engine, float[] param, float[] grad, float eta, float decay) {
        Matrix w = engine.allocate(1, param.length);
        Matrix d = engine.allocate(1, grad.length);
        engine.write(w, param);
        engine.write(d, grad);
        engine.update(w, d, eta, decay);
        engine.read(w, param);
    }
}
