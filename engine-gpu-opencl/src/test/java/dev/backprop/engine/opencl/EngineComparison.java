package dev.backprop.engine.opencl;

import static dev.backprop.engine.opencl.Tolerance.FUNCTION;
import static dev.backprop.engine.opencl.Tolerance.TINY;
import static dev.backprop.engine.opencl.Tolerance.U;

import dev.backprop.Activation;
import dev.backprop.Activations;
import dev.backprop.Costs;
import dev.backprop.Cost;
import dev.backprop.spi.Engine;
import dev.backprop.spi.Matrix;

import java.util.Arrays;
import java.util.Random;

/**
 * Runs one SPI operation on the engine under test and on the reference engine with the same
 * inputs, and checks, for every element: the difference is within {@link Tolerance}'s bound; the
 * output was fully overwritten (outputs start as NaN); a second identical call gives the same
 * bits; the inputs read back unchanged. A failure throws {@link AssertionError} naming the engine,
 * the equation, the shape, the element, both values and the tolerance.
 *
 * <p>No JUnit here, so that {@code GpuCheck} (a plain main for a machine without Maven) runs the
 * same checks. Each method returns the worst |difference| / tolerance it saw.
 */
final class EngineComparison {
    private final Engine engine;
    private final Engine ref;

    EngineComparison(Engine engine, Engine ref) {
        this.engine = engine;
        this.ref = ref;
    }

    /** The same matrix on both engines, and the values written into it. */
    record Pair(Matrix engine, Matrix ref, float[] values) {
    }

    /** Eq. 25 with weights, biases and inputs uniform in [−1, 1]. */
    double feedforward(int m, int in, int out, Activation f, long seed) {
        Random random = new Random(seed);
        Pair w = input(uniform(random, out * in, 1), out, in);
        Pair b = input(uniform(random, out, 1), 1, out);
        Pair x = input(uniform(random, m * in, 1), m, in);
        Pair z = output(m, out);
        Pair a = output(m, out);
        Runnable call = () -> engine.feedforward(w.engine, b.engine, x.engine, z.engine, a.engine, f);
        call.run();
        ref.feedforward(w.ref, b.ref, x.ref, z.ref, a.ref, f);
        double[] tolZ = new double[m * out];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < out; j++) {
                double s = Math.abs(b.values[j]);
                for (int k = 0; k < in; k++) {
                    s += Math.abs((double) x.values[i * in + k] * w.values[j * in + k]);
                }
                tolZ[i * out + j] = Tolerance.sum(in + 1, s) + TINY; // the bias is one more term
            }
        }
        String what = "feedforward (Eq. 25), " + f + ", m=" + m + " in=" + in + " out=" + out;
        float[] zRef = read(ref, z.ref);
        float[] aRef = read(ref, a.ref);
        double[] tolA = new double[m * out];
        for (int i = 0; i < m; i++) {
            double rowTol = 0;
            double rowMax = Double.NEGATIVE_INFINITY;
            double rowMin = Double.POSITIVE_INFINITY;
            for (int j = 0; j < out; j++) {
                rowTol = Math.max(rowTol, tolZ[i * out + j]);
                rowMax = Math.max(rowMax, zRef[i * out + j]);
                rowMin = Math.min(rowMin, zRef[i * out + j]);
            }
            double rowRange = rowMax - rowMin;
            for (int j = 0; j < out; j++) {
                int e = i * out + j;
                tolA[e] = f == Activations.SOFTMAX
                        // ∂ ln a_j = dz_j − Σ a_k dz_k: a relative error of 2 max Δz, plus exp's
                        // ulps, plus the rounding of z − max (relative to its size).
                        ? Math.abs(aRef[e]) * (2 * (tolZ[e] + rowTol) + FUNCTION + 4 * U * rowRange) + TINY
                        : Tolerance.lipschitz(f) * tolZ[e] + FUNCTION * Math.abs(aRef[e]) + TINY;
            }
        }
        double worst = compare(what + ", z", read(engine, z.engine), zRef, tolZ);
        worst = Math.max(worst, compare(what + ", a = σ(z)", read(engine, a.engine), aRef, tolA));
        deterministic(what, call, z.engine, a.engine);
        unchanged(what, w, b, x);
        return worst;
    }

    /** BP2 with W^{l+1} and Δ^{l+1} uniform in [−1, 1] and z uniform in [−3, 3]. */
    double backpropagate(int m, int width, int next, Activation f, long seed) {
        Random random = new Random(seed);
        Pair w = input(uniform(random, next * width, 1), next, width);
        Pair dn = input(uniform(random, m * next, 1), m, next);
        Pair z = input(uniform(random, m * width, 3), m, width);
        Pair d = output(m, width);
        Runnable call = () -> engine.backpropagate(w.engine, dn.engine, z.engine, f, d.engine);
        call.run();
        ref.backpropagate(w.ref, dn.ref, z.ref, f, d.ref);
        double[] tol = new double[m * width];
        double e = Tolerance.derivativeError(f);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < width; j++) {
                double s = 0;
                double exact = 0;
                for (int k = 0; k < next; k++) {
                    double p = (double) dn.values[i * next + k] * w.values[k * width + j];
                    s += Math.abs(p);
                    exact += p;
                }
                double tolSum = Tolerance.sum(next, s);
                double prime = Math.abs(f.derivative(z.values[i * width + j]));
                // δ = acc σ′: the sum's error times σ′, plus σ′'s error times the sum, plus rounding.
                tol[i * width + j] = tolSum * (prime + e) + (Math.abs(exact) + tolSum) * e
                        + 2 * U * Math.abs(exact * prime) + TINY;
            }
        }
        String what = "backpropagate (BP2), " + f + ", m=" + m + " width=" + width + " next=" + next;
        double worst = compare(what, read(engine, d.engine), read(ref, d.ref), tol);
        deterministic(what, call, d.engine);
        unchanged(what, w, dn, z);
        return worst;
    }

    /** BP4 with Δ and A_in uniform in [−1, 1]. */
    double weightGradient(int m, int out, int in, long seed) {
        Random random = new Random(seed);
        Pair d = input(uniform(random, m * out, 1), m, out);
        Pair a = input(uniform(random, m * in, 1), m, in);
        Pair g = output(out, in);
        Runnable call = () -> engine.weightGradient(d.engine, a.engine, g.engine);
        call.run();
        ref.weightGradient(d.ref, a.ref, g.ref);
        float[] gRef = read(ref, g.ref);
        double[] tol = new double[out * in];
        for (int j = 0; j < out; j++) {
            for (int k = 0; k < in; k++) {
                double s = 0;
                for (int x = 0; x < m; x++) {
                    s += Math.abs((double) d.values[x * out + j] * a.values[x * in + k]);
                }
                tol[j * in + k] = Tolerance.sum(m, s) / m + 2 * U * Math.abs(gRef[j * in + k]) + TINY;
            }
        }
        String what = "weightGradient (BP4), m=" + m + " out=" + out + " in=" + in;
        double worst = compare(what, read(engine, g.engine), gRef, tol);
        deterministic(what, call, g.engine);
        unchanged(what, d, a);
        return worst;
    }

    /** BP3 with Δ uniform in [−1, 1]. */
    double biasGradient(int m, int out, long seed) {
        Random random = new Random(seed);
        Pair d = input(uniform(random, m * out, 1), m, out);
        Pair g = output(1, out);
        Runnable call = () -> engine.biasGradient(d.engine, g.engine);
        call.run();
        ref.biasGradient(d.ref, g.ref);
        float[] gRef = read(ref, g.ref);
        double[] tol = new double[out];
        for (int j = 0; j < out; j++) {
            double s = 0;
            for (int x = 0; x < m; x++) {
                s += Math.abs(d.values[x * out + j]);
            }
            tol[j] = Tolerance.sum(m, s) / m + 2 * U * Math.abs(gRef[j]) + TINY;
        }
        String what = "biasGradient (BP3), m=" + m + " out=" + out;
        double worst = compare(what, read(engine, g.engine), gRef, tol);
        deterministic(what, call, g.engine);
        unchanged(what, d);
        return worst;
    }

    /** The SGD step (Eq. 93) on uniform parameters and gradients; FP_CONTRACT OFF makes it Java's rounding. */
    double update(int rows, int cols, float eta, float decay, long seed) {
        Random random = new Random(seed);
        Pair p = input(uniform(random, rows * cols, 1), rows, cols);
        Pair g = input(uniform(random, rows * cols, 1), rows, cols);
        engine.update(p.engine, g.engine, eta, decay);
        ref.update(p.ref, g.ref, eta, decay);
        double[] tol = new double[rows * cols];
        for (int i = 0; i < tol.length; i++) {
            tol[i] = 2 * U * (Math.abs((1 - decay) * p.values[i]) + Math.abs(eta * g.values[i])) + TINY;
        }
        String what = "update (Eq. 93), " + rows + "×" + cols + " eta=" + eta + " decay=" + decay;
        double worst = compare(what, read(engine, p.engine), read(ref, p.ref), tol);
        unchanged(what, g);
        return worst;
    }

    /** BP1 for a (cost, activation) pair, with a = σ(z) computed as the reference does and y from {@link #targets}. */
    double outputError(Cost c, Activation f, int m, int out, long seed) {
        Random random = new Random(seed);
        float[] zv = uniform(random, m * out, 3);
        Pair z = input(zv, m, out);
        Pair a = input(activations(f, zv, m, out), m, out);
        Pair y = input(targets(random, c, m, out), m, out);
        Pair d = output(m, out);
        Runnable call = () -> engine.outputError(c, f, a.engine, z.engine, y.engine, d.engine);
        call.run();
        ref.outputError(c, f, a.ref, z.ref, y.ref, d.ref);
        double[] tol = new double[m * out];
        boolean cancels = c == Costs.CROSS_ENTROPY && f == Activations.SIGMOID || c == Costs.LOG_LIKELIHOOD;
        for (int i = 0; i < tol.length; i++) {
            double diff = Math.abs((double) a.values[i] - y.values[i]);
            // δ = a − y is computed exactly alike; (a − y) σ′(z) carries σ′'s error.
            tol[i] = cancels ? 0
                    : diff * Tolerance.derivativeError(f) + 2 * U * diff * Math.abs(f.derivative(zv[i])) + TINY;
        }
        String what = "outputError (BP1), " + c + " + " + f + ", m=" + m + " out=" + out;
        double worst = compare(what, read(engine, d.engine), read(ref, d.ref), tol);
        deterministic(what, call, d.engine);
        unchanged(what, a, z, y);
        return worst;
    }

    /** The mean cost, with a few outputs pushed to exactly 0 and 1 to reach the logarithms' floors. */
    double cost(Cost c, Activation f, int m, int out, long seed) {
        Random random = new Random(seed);
        float[] av = activations(f, uniform(random, m * out, 3), m, out);
        float[] yv = targets(random, c, m, out);
        if (c == Costs.CROSS_ENTROPY && av.length > 3) {
            av[0] = 0f;
            av[1] = 1f;
            av[2] = 0f;
            yv[2] = 0f;
        }
        Pair a = input(av, m, out);
        Pair y = input(yv, m, out);
        double got = engine.cost(c, a.engine, y.engine);
        double expected = ref.cost(c, a.ref, y.ref);
        double terms = 0;
        for (int i = 0; i < av.length; i++) {
            terms += Math.abs(c.value(av[i], yv[i]));
        }
        // Per-row sums of `out` terms (in float when the device lacks double), each term within a
        // few ulps; the rows are added in double.
        double tol = (Tolerance.sum(out, terms) + FUNCTION * terms) / m + 1e-300;
        String what = "cost, " + c + " + " + f + ", m=" + m + " out=" + out;
        double diff = Math.abs(got - expected);
        if (!(diff <= tol)) {
            throw new AssertionError(engine.name() + " " + what + ": expected (ref) " + expected + ", got " + got
                    + ", |difference| " + diff + " > tolerance " + tol);
        }
        double again = engine.cost(c, a.engine, y.engine);
        if (Double.doubleToRawLongBits(again) != Double.doubleToRawLongBits(got)) {
            throw new AssertionError(engine.name() + " " + what + ": not deterministic, " + got + " then " + again);
        }
        unchanged(what, a, y);
        return diff / tol;
    }

    // ---- Data

    static float[] uniform(Random random, int n, float scale) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (2 * random.nextFloat() - 1) * scale;
        }
        return v;
    }

    /** a = σ(z) row by row, as the reference computes it. */
    static float[] activations(Activation f, float[] z, int m, int out) {
        float[] a = new float[z.length];
        for (int i = 0; i < m; i++) {
            f.apply(z, a, i * out, out);
        }
        return a;
    }

    /** One-hot rows for log-likelihood; values in [0, 1] with some exact 0s and 1s otherwise. */
    static float[] targets(Random random, Cost c, int m, int out) {
        float[] y = new float[m * out];
        for (int i = 0; i < m; i++) {
            if (c == Costs.LOG_LIKELIHOOD) {
                y[i * out + random.nextInt(out)] = 1f;
            } else {
                for (int j = 0; j < out; j++) {
                    int kind = random.nextInt(4);
                    y[i * out + j] = kind == 0 ? 0f : kind == 1 ? 1f : random.nextFloat();
                }
            }
        }
        return y;
    }

    // ---- Checks

    Pair input(float[] values, int rows, int cols) {
        Matrix e = engine.allocate(rows, cols);
        Matrix r = ref.allocate(rows, cols);
        engine.write(e, values);
        ref.write(r, values);
        return new Pair(e, r, values.clone());
    }

    /** An output matrix filled with NaN, so that any element the engine skips is caught. */
    Pair output(int rows, int cols) {
        float[] nan = new float[rows * cols];
        Arrays.fill(nan, Float.NaN);
        return input(nan, rows, cols);
    }

    static float[] read(Engine engine, Matrix m) {
        float[] values = new float[m.size()];
        engine.read(m, values);
        return values;
    }

    private double compare(String what, float[] got, float[] expected, double[] tol) {
        double worst = 0;
        for (int i = 0; i < got.length; i++) {
            double diff = Math.abs((double) got[i] - expected[i]);
            if (!(diff <= tol[i])) {
                throw new AssertionError(engine.name() + " " + what + ": element " + i + " expected (ref) " + expected[i]
                        + ", got " + got[i] + ", |difference| " + diff + " > tolerance " + tol[i]);
            }
            worst = Math.max(worst, tol[i] == 0 ? 0 : diff / tol[i]);
        }
        return worst;
    }

    /** Runs {@code call} again on the same inputs: the outputs must keep their bits. */
    private void deterministic(String what, Runnable call, Matrix... outputs) {
        float[][] first = new float[outputs.length][];
        for (int o = 0; o < outputs.length; o++) {
            first[o] = read(engine, outputs[o]);
        }
        call.run();
        for (int o = 0; o < outputs.length; o++) {
            float[] second = read(engine, outputs[o]);
            for (int i = 0; i < second.length; i++) {
                if (Float.floatToRawIntBits(second[i]) != Float.floatToRawIntBits(first[o][i])) {
                    throw new AssertionError(engine.name() + " " + what + ": not deterministic, output " + o + " element "
                            + i + " was " + first[o][i] + ", then " + second[i]);
                }
            }
        }
    }

    private void unchanged(String what, Pair... inputs) {
        for (Pair p : inputs) {
            float[] now = read(engine, p.engine);
            for (int i = 0; i < now.length; i++) {
                if (Float.floatToRawIntBits(now[i]) != Float.floatToRawIntBits(p.values[i])) {
                    throw new AssertionError(engine.name() + " " + what + ": modified an input " + p.engine.shape()
                            + " at element " + i + ": " + p.values[i] + " became " + now[i]);
                }
            }
        }
    }
}
