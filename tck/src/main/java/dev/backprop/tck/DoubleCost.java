package dev.backprop.tck;

import dev.backprop.Network;

/** The mean cost of a network in double, with double parameters, for finite differences. */
final class DoubleCost {
    private DoubleCost() {
    }

    static double mean(Network network, double[][] w, double[][] b, float[] x, float[] y, int m) {
        int in0 = network.inputWidth();
        int out = network.outputWidth();
        double total = 0;
        for (int e = 0; e < m; e++) {
            double[] a = new double[in0];
            for (int k = 0; k < in0; k++) {
                a[k] = x[e * in0 + k];
            }
            for (int l = 0; l < network.depth(); l++) {
                int width = network.layer(l).width();
                double[] z = new double[width];
                for (int j = 0; j < width; j++) {
                    double s = b[l][j];
                    for (int k = 0; k < a.length; k++) {
                        s += w[l][j * a.length + k] * a[k];
                    }
                    z[j] = s;
                }
                if (network.layer(l).activation().isElementwise()) {
                    for (int j = 0; j < width; j++) {
                        z[j] = Functions.sigma(network.layer(l).activation(), z[j]);
                    }
                    a = z;
                } else {
                    a = Functions.softmax(z);
                }
            }
            for (int j = 0; j < out; j++) {
                total += Functions.cost(network.cost(), a[j], y[e * out + j]);
            }
        }
        return total / m;
    }
}
