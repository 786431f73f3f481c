package dev.backprop.tck;

import static dev.backprop.tck.Tolerance.EPSILON;
import static dev.backprop.tck.Tolerance.TINY;

import dev.backprop.Activation;
import dev.backprop.Cost;

/**
 * The expected result of each SPI operation, computed in double one example at a time, the way
 * network.py writes it, from the same float32 inputs the engine gets. Each value comes with the
 * tolerance of {@link Tolerance}. Matrices are row-major float arrays; batch rows are examples;
 * a weight matrix is out × in (rows are neurons), as {@link dev.backprop.spi.Engine} has them.
 * Arguments are named as the SPI names them: m is the batch, in and out (or width, and next for
 * the layer above in BP2) are numbers of neurons.
 *
 * <p>The kit's rules use it, and so may an engine's own tests, to hold any result to the same
 * oracle without another engine:
 *
 * <pre>{@code
 * Expected z = Oracle.weightedInput(w, b, aIn, m, in, out);       // Eq. 25 before σ
 * Expected a = Oracle.activation(z, Activations.SIGMOID, m, out);  // and after
 * z.assertMatches("z", engineZ, out);
 * a.assertMatches("aOut", engineA, out);
 * }</pre>
 *
 * <p>The oracle knows the built-in activations and costs (and the kit's own custom ones); for
 * any other function it throws {@link IllegalArgumentException}, because it has no double form
 * of user code to compare with. One exception: {@link #activation} computes softmax for any
 * activation that is not element-wise, softmax being the only such built-in.
 */
public final class Oracle {
    private Oracle() {
    }

    /**
     * Eq. 25 before σ: z_xj = Σ_k w_jk a_xk + b_j.
     *
     * @param w W^l, out × in
     * @param b b^l, out values
     * @param aIn A^{l−1}, m × in
     * @param m the batch
     * @param in the neurons feeding the layer
     * @param out the neurons of the layer
     * @return Z^l, m × out, each element with the bound of a sum of in products and the bias
     *     ({@link Tolerance#ofSum})
     */
    public static Expected weightedInput(float[] w, float[] b, float[] aIn, int m, int in, int out) {
        Expected z = Expected.zeros(m * out);
        for (int x = 0; x < m; x++) {
            for (int j = 0; j < out; j++) {
                double s = b[j];
                double abs = Math.abs(b[j]);
                for (int k = 0; k < in; k++) {
                    double t = (double) w[j * in + k] * aIn[x * in + k];
                    s += t;
                    abs += Math.abs(t);
                }
                z.value()[x * out + j] = s;
                z.tolerance()[x * out + j] = Tolerance.ofSum(in, abs, s);
            }
        }
        return z;
    }

    /**
     * Eq. 25's σ: a = σ(z), given z and its tolerance; softmax row by row.
     *
     * @param z Z^l, m × width, as {@link #weightedInput} gives it; its tolerance is carried into
     *     a's
     * @param f σ^l: a built-in activation or the kit's own softsign; any activation that is not
     *     element-wise is taken to be softmax
     * @param m the batch
     * @param width the neurons of the layer
     * @return A^l, m × width
     * @throws IllegalArgumentException if {@code f} is element-wise and the oracle has no double
     *     form of it
     */
    public static Expected activation(Expected z, Activation f, int m, int width) {
        Expected a = Expected.zeros(m * width);
        for (int x = 0; x < m; x++) {
            int row = x * width;
            if (f.isElementwise()) {
                for (int j = 0; j < width; j++) {
                    double v = Functions.sigma(f, z.value()[row + j]);
                    a.value()[row + j] = v;
                    // |σ′| ≤ 1 for every function the oracle knows; 8 ulps for evaluating σ.
                    a.tolerance()[row + j] = z.tolerance()[row + j] + 8 * EPSILON * Math.abs(v) + TINY;
                }
            } else {
                double[] zRow = new double[width];
                double worstZ = 0;
                for (int j = 0; j < width; j++) {
                    zRow[j] = z.value()[row + j];
                    worstZ = Math.max(worstZ, z.tolerance()[row + j]);
                }
                double[] s = Functions.softmax(zRow);
                for (int j = 0; j < width; j++) {
                    a.value()[row + j] = s[j];
                    // ∂a_j/∂z_i = a_j(δ_ij − a_i): a shift of every z by ≤ t moves a_j by ≤ 2 a_j t;
                    // the normalising sum adds one rounding per term.
                    a.tolerance()[row + j] = s[j] * (2 * worstZ + (width + 8) * EPSILON) + TINY;
                }
            }
        }
        return a;
    }

    /**
     * BP1 from the engine's inputs a, y, z, element by element: ∂C/∂a · σ′(z), or a − y for the
     * two pairs the book simplifies (cross-entropy with sigmoid, Eq. 66; log-likelihood with
     * softmax, Eq. 81–82).
     *
     * @param c the cost: a built-in or the kit's own quartic
     * @param f σ^L of the output layer
     * @param a A^L, taken as given (the oracle does not recompute σ(z))
     * @param z Z^L, the same length as {@code a}
     * @param y the targets, the same length as {@code a}
     * @return Δ^L, the shape of {@code a}
     * @throws IllegalArgumentException if the oracle has no double form of {@code c} or of σ′ of
     *     {@code f} (softmax with any cost but log-likelihood)
     */
    public static Expected outputError(Cost c, Activation f, float[] a, float[] z, float[] y) {
        Expected d = Expected.zeros(a.length);
        for (int i = 0; i < a.length; i++) {
            double v = Functions.outputError(c, f, a[i], y[i], z[i]);
            d.value()[i] = v;
            d.tolerance()[i] = 16 * EPSILON * (Math.abs((double) a[i] - y[i]) + Math.abs(v)) + TINY;
        }
        return d;
    }

    /**
     * The mean cost C = (1/m) Σ_x Σ_j c(a_xj, y_xj).
     *
     * @param c the cost: a built-in or the kit's own quartic
     * @param a A^L, m × out
     * @param y the targets, m × out
     * @param m the batch, the divisor of the mean
     * @return one element, C, with the bound (γ_n + 16ε) · Σ|c_x| / m for n = m × out terms
     * @throws IllegalArgumentException if the oracle has no double form of {@code c}
     */
    public static Expected cost(Cost c, float[] a, float[] y, int m) {
        double sum = 0;
        double abs = 0;
        for (int i = 0; i < a.length; i++) {
            double v = Functions.cost(c, a[i], y[i]);
            sum += v;
            abs += Math.abs(v);
        }
        double mean = sum / m;
        return new Expected(new double[] {mean},
                new double[] {(Tolerance.gamma(a.length) + 16 * EPSILON) * abs / m + TINY});
    }

    /**
     * BP2: δ_xk = (Σ_j δnext_xj w_jk) σ′(z_xk).
     *
     * @param wNext W^{l+1}, next × width
     * @param deltaNext Δ^{l+1}, m × next
     * @param z Z^l, m × width
     * @param f σ^l of the hidden layer, element-wise
     * @param m the batch
     * @param next the neurons of layer l+1
     * @param width the neurons of layer l
     * @return Δ^l, m × width
     * @throws IllegalArgumentException if the oracle has no double form of σ′ of {@code f}
     *     (softmax included)
     */
    public static Expected backpropagate(float[] wNext, float[] deltaNext, float[] z, Activation f, int m, int next, int width) {
        Expected d = Expected.zeros(m * width);
        for (int x = 0; x < m; x++) {
            for (int k = 0; k < width; k++) {
                double s = 0;
                double abs = 0;
                for (int j = 0; j < next; j++) {
                    double t = (double) deltaNext[x * next + j] * wNext[j * width + k];
                    s += t;
                    abs += Math.abs(t);
                }
                double prime = Functions.sigmaPrime(f, z[x * width + k]);
                double v = s * prime;
                d.value()[x * width + k] = v;
                d.tolerance()[x * width + k] = Math.abs(prime) * Tolerance.ofSum(next, abs, s)
                        + Math.abs(s) * 8 * EPSILON + 2 * EPSILON * Math.abs(v) + TINY;
            }
        }
        return d;
    }

    /**
     * BP3: ∂C/∂b_j = (1/m) Σ_x δ_xj.
     *
     * @param delta Δ^l, m × width
     * @param m the batch
     * @param width the neurons of the layer
     * @return ∂C/∂b^l, width values
     */
    public static Expected biasGradient(float[] delta, int m, int width) {
        Expected g = Expected.zeros(width);
        for (int j = 0; j < width; j++) {
            double s = 0;
            double abs = 0;
            for (int x = 0; x < m; x++) {
                s += delta[x * width + j];
                abs += Math.abs(delta[x * width + j]);
            }
            g.value()[j] = s / m;
            g.tolerance()[j] = Tolerance.ofSum(m, abs, s) / m + 2 * EPSILON * Math.abs(s / m);
        }
        return g;
    }

    /**
     * BP4: ∂C/∂w_jk = (1/m) Σ_x δ_xj a_xk.
     *
     * @param delta Δ^l, m × width
     * @param aIn A^{l−1}, m × in
     * @param m the batch
     * @param width the neurons of the layer
     * @param in the neurons feeding it
     * @return ∂C/∂W^l, width × in
     */
    public static Expected weightGradient(float[] delta, float[] aIn, int m, int width, int in) {
        Expected g = Expected.zeros(width * in);
        for (int j = 0; j < width; j++) {
            for (int k = 0; k < in; k++) {
                double s = 0;
                double abs = 0;
                for (int x = 0; x < m; x++) {
                    double t = (double) delta[x * width + j] * aIn[x * in + k];
                    s += t;
                    abs += Math.abs(t);
                }
                g.value()[j * in + k] = s / m;
                g.tolerance()[j * in + k] = Tolerance.ofSum(m, abs, s) / m + 2 * EPSILON * Math.abs(s / m);
            }
        }
        return g;
    }

    /**
     * The SGD step (Eq. 93): p − decay·p − η g, written as (1 − decay) p − η g.
     *
     * @param p the parameter before the step, W^l or b^l
     * @param g its gradient, as the engine gets it; the same length as {@code p}
     * @param eta η
     * @param decay ηλ/n for weights, 0 for biases
     * @return the parameter after the step, the shape of {@code p}
     */
    public static Expected update(float[] p, float[] g, float eta, float decay) {
        Expected next = Expected.zeros(p.length);
        for (int i = 0; i < p.length; i++) {
            double kept = (1 - (double) decay) * p[i];
            double step = (double) eta * g[i];
            next.value()[i] = kept - step;
            next.tolerance()[i] = 4 * EPSILON * (Math.abs(kept) + Math.abs(step)) + TINY;
        }
        return next;
    }

    /**
     * An SGD step with an oracle gradient: (1 − decay) p − η g, with the gradient's tolerance
     * scaled by η on top of the update's own. This is what an engine's fused step
     * ({@code weightGradientAndUpdate}) or a whole training step is held to.
     *
     * @param p the parameter before the step, W^l or b^l
     * @param g the oracle's gradient of it, such as {@link #weightGradient} or
     *     {@link NetworkOracle.Gradient#weights()}[l]; the same length as {@code p}
     * @param eta η
     * @param decay ηλ/n for weights, 0 for biases
     * @return the parameter after the step, the shape of {@code p}
     */
    public static Expected step(float[] p, Expected g, float eta, float decay) {
        Expected next = Expected.zeros(p.length);
        for (int i = 0; i < p.length; i++) {
            double kept = (1 - (double) decay) * p[i];
            double step = eta * g.value()[i];
            next.value()[i] = kept - step;
            next.tolerance()[i] = eta * g.tolerance()[i] + 4 * EPSILON * (Math.abs(kept) + Math.abs(step)) + TINY;
        }
        return next;
    }
}
