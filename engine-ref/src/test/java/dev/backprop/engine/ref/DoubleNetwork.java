package dev.backprop.engine.ref;

import dev.backprop.Activation;
import dev.backprop.Cost;
import dev.backprop.Network;
import dev.backprop.Activations;
import dev.backprop.Costs;

/**
 * An independent double-precision cost function of a network, written per example like
 * network.py, for the finite-difference check. It re-derives σ and C from their definitions and
 * shares no arithmetic with the engine or with {@link dev.backprop.Activations}.
 */
final class DoubleNetwork {
    private DoubleNetwork() {
    }

    static double sigma(Activation f, double z) {
        if (f == Activations.SIGMOID) {
            return 1 / (1 + Math.exp(-z));
        } else if (f == Activations.TANH) {
            return Math.tanh(z);
        } else if (f == Activations.RELU) {
            return Math.max(0, z);
        } else if (f == Activations.IDENTITY) {
            return z;
        }
        throw new IllegalArgumentException("not element-wise here: " + f.id());
    }

    static double cost(Cost c, double[] a, double[] y) {
        double sum = 0;
        for (int j = 0; j < a.length; j++) {
            if (c == Costs.QUADRATIC) {
                sum += 0.5 * (a[j] - y[j]) * (a[j] - y[j]);
            } else if (c == Costs.CROSS_ENTROPY) {
                sum -= y[j] * Math.log(a[j]) + (1 - y[j]) * Math.log(1 - a[j]);
            } else if (c == Costs.LOG_LIKELIHOOD) {
                sum -= y[j] * Math.log(a[j]);
            } else {
                throw new IllegalArgumentException(c.id());
            }
        }
        return sum;
    }

    /**
     * The mean cost over the batch: C = (1/m) Σ_x C_x.
     *
     * @param w w[l] row-major out×in
     * @param x m×in, y m×out
     */
    static double meanCost(Network network, double[][] w, double[][] b, float[] x, float[] y, int m) {
        double total = 0;
        int in0 = network.inputWidth();
        int out = network.outputWidth();
        for (int e = 0; e < m; e++) {
            double[] a = new double[in0];
            for (int k = 0; k < in0; k++) {
                a[k] = x[e * in0 + k];
            }
            for (int l = 0; l < network.depth(); l++) {
                int width = network.layer(l).width();
                int in = a.length;
                double[] z = new double[width];
                for (int j = 0; j < width; j++) {
                    double s = b[l][j];
                    for (int k = 0; k < in; k++) {
                        s += w[l][j * in + k] * a[k];
                    }
                    z[j] = s;
                }
                Activation f = network.layer(l).activation();
                double[] next = new double[width];
                if (f == Activations.SOFTMAX) {
                    double max = Double.NEGATIVE_INFINITY;
                    for (double v : z) {
                        max = Math.max(max, v);
                    }
                    double sum = 0;
                    for (int j = 0; j < width; j++) {
                        next[j] = Math.exp(z[j] - max);
                        sum += next[j];
                    }
                    for (int j = 0; j < width; j++) {
                        next[j] /= sum;
                    }
                } else {
                    for (int j = 0; j < width; j++) {
                        next[j] = sigma(f, z[j]);
                    }
                }
                a = next;
            }
            double[] target = new double[out];
            for (int j = 0; j < out; j++) {
                target[j] = y[e * out + j];
            }
            total += cost(network.cost(), a, target);
        }
        return total / m;
    }
}
