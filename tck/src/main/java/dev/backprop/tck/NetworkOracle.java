package dev.backprop.tck;

import static dev.backprop.tck.Tolerance.EPSILON;
import static dev.backprop.tck.Tolerance.TINY;

import dev.backprop.Activation;
import dev.backprop.Cost;
import dev.backprop.Network;
import dev.backprop.Activations;
import dev.backprop.Costs;

/**
 * The gradient of the mean cost of a whole network, in double, by network.py's {@code backprop}:
 * one example at a time, feedforward then BP1, BP2 from the last layer down, BP3 and BP4, and
 * the mean over the batch. Alongside each quantity it carries a first-order bound on the error
 * a float32 engine may make in it (see {@link Tolerance}), so the comparison is per element.
 *
 * <pre>{@code
 * Network network = Network.of(784, 30, 10);
 * NetworkOracle.Gradient g = NetworkOracle.gradient(network, w, b, x, y, m);  // w[l], b[l] as in Parameters
 * g.weights()[0].assertMatches("gradW of layer 2", engineGradient.weights(0), 784);
 * }</pre>
 *
 * <p>Like {@link Oracle}, it knows the built-in activations and costs only.
 */
public final class NetworkOracle {
    private NetworkOracle() {
    }

    /**
     * ∂C/∂w and ∂C/∂b per layer, with tolerances; index 0 is the first layer after the input
     * (the book's layer 2), as in {@link dev.backprop.Parameters}.
     *
     * @param weights ∂C/∂W^l of each layer, out × in row-major (BP4)
     * @param biases ∂C/∂b^l of each layer, out values (BP3)
     */
    public record Gradient(Expected[] weights, Expected[] biases) {
    }

    /**
     * The gradient of the mean cost of {@code m} examples.
     *
     * @param network the layer widths, activations and cost; every function one the oracle knows
     * @param w the weights of each layer, out × in row-major (as {@link dev.backprop.Parameters#weights})
     * @param b the biases of each layer
     * @param x the inputs, m rows of the network's input width
     * @param y the targets, m rows of its output width
     * @param m the batch, at least 1; the gradient is the mean over it
     * @return ∂C/∂W and ∂C/∂b of every layer, each element with its chained bound
     * @throws IllegalArgumentException if the network has an activation or cost the oracle has no
     *     double form of, or a pair of cost and output activation its error bound does not cover
     *     (other than the built-ins' legal pairs and the kit's own quartic cost)
     */
    public static Gradient gradient(Network network, float[][] w, float[][] b, float[] x, float[] y, int m) {
        return gradient(network, w, b, x, y, m, null);
    }

    /**
     * The mean cost C = (1/m) Σ_x C_x of {@code m} examples, in double with double parameters:
     * what central finite differences of an engine's whole gradient need,
     * ∂C/∂θ ≈ (C(θ + h) − C(θ − h)) / 2h. Computed per example, like network.py, from σ and C
     * re-derived from their definitions (nothing of the api's or an engine's arithmetic).
     *
     * <pre>{@code
     * w[0][i] = saved + h;
     * double plus = NetworkOracle.meanCost(network, w, b, x, y, m);
     * w[0][i] = saved - h;
     * double slope = (plus - NetworkOracle.meanCost(network, w, b, x, y, m)) / (2 * h);
     * }</pre>
     *
     * @param network the layer widths, activations and cost; every function one the oracle knows
     * @param w the weights of each layer, out × in row-major
     * @param b the biases of each layer
     * @param x the inputs, m rows of the network's input width
     * @param y the targets, m rows of its output width
     * @param m the batch, at least 1
     * @return the mean cost over the batch
     * @throws IllegalArgumentException if the network has an activation or cost the oracle has no
     *     double form of
     */
    public static double meanCost(Network network, double[][] w, double[][] b, float[] x, float[] y, int m) {
        return DoubleCost.mean(network, w, b, x, y, m);
    }

    /**
     * The gradient with dropout: after Eq. 25 of hidden layer l, a^l ← a^l ⊙ r^l, and after BP2,
     * δ^l ← δ^l ⊙ r^l (a dropped neuron neither fires nor passes error back), for the masks r^l
     * the api writes (0, or 1/(1 − p)).
     *
     * @param network the architecture
     * @param w the weights of each layer, out × in row-major
     * @param b the biases of each layer
     * @param x the inputs, m rows of the network's input width
     * @param y the targets, m rows of its output width
     * @param m the batch size
     * @param masks null, or per hidden layer null or m × width floats, row-major
     * @return ∂C/∂w and ∂C/∂b per layer, with tolerances
     */
    public static Gradient gradient(Network network, float[][] w, float[][] b, float[] x, float[] y, int m,
                                    float[][] masks) {
        int depth = network.depth();
        double[][] gw = new double[depth][];
        double[][] errW = new double[depth][];
        double[][] absW = new double[depth][];
        double[][] gb = new double[depth][];
        double[][] errB = new double[depth][];
        double[][] absB = new double[depth][];
        for (int l = 0; l < depth; l++) {
            gw[l] = new double[w[l].length];
            errW[l] = new double[w[l].length];
            absW[l] = new double[w[l].length];
            gb[l] = new double[b[l].length];
            errB[l] = new double[b[l].length];
            absB[l] = new double[b[l].length];
        }
        int in0 = network.inputWidth();
        int out = network.outputWidth();
        for (int e = 0; e < m; e++) {
            double[][] a = new double[depth + 1][];
            double[][] errA = new double[depth + 1][];
            double[][] z = new double[depth][];
            double[][] errZ = new double[depth][];
            a[0] = new double[in0];
            errA[0] = new double[in0];
            for (int k = 0; k < in0; k++) {
                a[0][k] = x[e * in0 + k];
            }
            for (int l = 0; l < depth; l++) {
                feedforward(network.layer(l).activation(), w[l], b[l], a, errA, z, errZ, l);
                if (masked(masks, l)) {
                    mask(a[l + 1], errA[l + 1], masks[l], e);
                }
            }
            double[][] delta = new double[depth][];
            double[][] errDelta = new double[depth][];
            outputError(network, z, errZ, a, errA, y, e * out, delta, errDelta);
            for (int l = depth - 2; l >= 0; l--) {
                backpropagate(network.layer(l).activation(), w[l + 1], z[l], errZ[l], delta, errDelta, l);
                if (masked(masks, l)) {
                    mask(delta[l], errDelta[l], masks[l], e);
                }
            }
            for (int l = 0; l < depth; l++) {
                double[] aIn = a[l];
                double[] errIn = errA[l];
                int in = aIn.length;
                for (int j = 0; j < delta[l].length; j++) {
                    double d = delta[l][j];
                    gb[l][j] += d; // BP3
                    errB[l][j] += errDelta[l][j];
                    absB[l][j] += Math.abs(d);
                    for (int k = 0; k < in; k++) {
                        gw[l][j * in + k] += d * aIn[k]; // BP4
                        errW[l][j * in + k] += errDelta[l][j] * Math.abs(aIn[k]) + Math.abs(d) * errIn[k];
                        absW[l][j * in + k] += Math.abs(d * aIn[k]);
                    }
                }
            }
        }
        Expected[] weights = new Expected[depth];
        Expected[] biases = new Expected[depth];
        for (int l = 0; l < depth; l++) {
            weights[l] = mean(gw[l], errW[l], absW[l], m);
            biases[l] = mean(gb[l], errB[l], absB[l], m);
        }
        return new Gradient(weights, biases);
    }

    private static boolean masked(float[][] masks, int layer) {
        return masks != null && layer < masks.length && masks[layer] != null;
    }

    /** Dropout on one example's row: value and error bound times r (one rounding more). */
    private static void mask(double[] values, double[] errors, float[] mask, int example) {
        int width = values.length;
        for (int j = 0; j < width; j++) {
            double r = mask[example * width + j];
            values[j] *= r;
            errors[j] = errors[j] * Math.abs(r) + EPSILON * Math.abs(values[j]);
        }
    }

    /** The gradient is the mean over the batch, because C is the mean cost. */
    private static Expected mean(double[] sum, double[] propagated, double[] absolute, int m) {
        double[] value = new double[sum.length];
        double[] tolerance = new double[sum.length];
        for (int i = 0; i < sum.length; i++) {
            value[i] = sum[i] / m;
            tolerance[i] = Tolerance.CHAIN_SAFETY * ((propagated[i] + Tolerance.gamma(m + 1) * absolute[i]) / m
                    + 2 * EPSILON * Math.abs(value[i])) + TINY;
        }
        return new Expected(value, tolerance);
    }

    /** Eq. 25 for layer l of one example, with the error bound carried forward. */
    private static void feedforward(Activation f, float[] w, float[] b, double[][] a, double[][] errA, double[][] z,
                                    double[][] errZ, int l) {
        double[] aIn = a[l];
        int in = aIn.length;
        int width = b.length;
        z[l] = new double[width];
        errZ[l] = new double[width];
        for (int j = 0; j < width; j++) {
            double s = b[j];
            double abs = Math.abs(b[j]);
            double carried = 0;
            for (int k = 0; k < in; k++) {
                double wjk = w[j * in + k];
                s += wjk * aIn[k];
                abs += Math.abs(wjk * aIn[k]);
                carried += Math.abs(wjk) * errA[l][k];
            }
            z[l][j] = s;
            errZ[l][j] = Tolerance.ofSum(in, abs, s) + carried;
        }
        Expected act = Oracle.activation(new Expected(z[l], errZ[l]), f, 1, width);
        a[l + 1] = act.value();
        errA[l + 1] = act.tolerance();
    }

    /** BP1 for one example, with the error bound. */
    private static void outputError(Network network, double[][] z, double[][] errZ, double[][] a, double[][] errA,
                                    float[] y, int offset, double[][] delta, double[][] errDelta) {
        int last = network.depth() - 1;
        Activation f = network.layer(last).activation();
        Cost c = network.cost();
        double[] aL = a[last + 1];
        int width = aL.length;
        delta[last] = new double[width];
        errDelta[last] = new double[width];
        for (int j = 0; j < width; j++) {
            double target = y[offset + j];
            double d = Functions.outputError(c, f, aL[j], target, z[last][j]);
            delta[last][j] = d;
            if (Functions.simplifies(c, f)) {
                errDelta[last][j] = errA[last + 1][j] + 2 * EPSILON * Math.abs(d) + TINY;
                continue;
            }
            double diff = aL[j] - target;
            double gradient;
            double slope; // d(∂C/∂a)/da
            if (c == Costs.QUADRATIC) {
                gradient = diff;
                slope = 1;
            } else if (c == CustomFunctions.QUARTIC) {
                gradient = diff * diff * diff;
                slope = 3 * diff * diff;
            } else {
                throw new IllegalArgumentException("the oracle's error bound does not cover cost " + c.id() + " with "
                        + f.id());
            }
            double prime = Functions.sigmaPrime(f, z[last][j]);
            // |σ″| ≤ 1 for every activation the oracle knows, so σ′ moves by at most errZ.
            double err = slope * Math.abs(prime) * errA[last + 1][j] + Math.abs(gradient) * (errZ[last][j] + 8 * EPSILON)
                    + 4 * EPSILON * Math.abs(d) + TINY;
            if (f == Activations.RELU && Math.abs(z[last][j]) <= errZ[last][j]) {
                err += Math.abs(gradient); // z within rounding of the kink: σ′ may be 0 or 1
            }
            errDelta[last][j] = err;
        }
    }

    /** BP2 for layer l of one example, with the error bound. */
    private static void backpropagate(Activation f, float[] wNext, double[] zl, double[] errZl, double[][] delta,
                                      double[][] errDelta, int l) {
        int next = delta[l + 1].length;
        int width = zl.length;
        delta[l] = new double[width];
        errDelta[l] = new double[width];
        for (int k = 0; k < width; k++) {
            double s = 0;
            double abs = 0;
            double carried = 0;
            for (int j = 0; j < next; j++) {
                double wjk = wNext[j * width + k];
                s += wjk * delta[l + 1][j];
                abs += Math.abs(wjk * delta[l + 1][j]);
                carried += Math.abs(wjk) * errDelta[l + 1][j];
            }
            double prime = Functions.sigmaPrime(f, zl[k]);
            double d = s * prime;
            delta[l][k] = d;
            double errS = Tolerance.ofSum(next, abs, s) + carried;
            double err = Math.abs(prime) * errS + Math.abs(s) * (errZl[k] + 8 * EPSILON) + 2 * EPSILON * Math.abs(d) + TINY;
            if (f == Activations.RELU && Math.abs(zl[k]) <= errZl[k]) {
                err += Math.abs(s);
            }
            errDelta[l][k] = err;
        }
    }
}
