package dev.backprop.tck;

import dev.backprop.Activation;
import dev.backprop.Cost;

import java.lang.ref.SoftReference;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Builds a {@link Case} for each SPI operation from a seed and shapes. Inputs are consistent with
 * each other the way {@link dev.backprop.Backpropagation} produces them (a = σ(z) for BP1).
 */
final class Cases {
    /**
     * Every case made in this JVM, by factory and arguments. A case is a pure function of them,
     * and its inputs and oracle are most of a rule's work on a fast engine, so a JVM that runs the
     * kit more than once (several engines, or the kit's own tests with their planted bugs) makes
     * each once. Held softly: under memory pressure a case is simply made again.
     */
    private static final Map<List<Object>, SoftReference<Case>> MADE = new ConcurrentHashMap<>();

    private Cases() {
    }

    static Case once(Supplier<Case> make, Object... key) {
        List<Object> k = List.of(key);
        SoftReference<Case> ref = MADE.get(k);
        Case c = ref == null ? null : ref.get();
        if (c == null) {
            c = make.get();
            MADE.put(k, new SoftReference<>(c));
        }
        return c;
    }

    static int[] shape(int rows, int cols) {
        return new int[] {rows, cols};
    }

    /** Eq. 25 with m examples, in → out neurons, activation f; weights scaled by {@code gain}. */
    static Case feedforward(Activation f, int m, int in, int out, double gain, long seed) {
        return once(() -> makeFeedforward(f, m, in, out, gain, seed), "feedforward", f.id(), m, in, out, gain, seed);
    }

    private static Case makeFeedforward(Activation f, int m, int in, int out, double gain, long seed) {
        Inputs r = new Inputs(seed);
        float[] w = r.weights(out, in);
        for (int i = 0; i < w.length; i++) {
            w[i] *= (float) gain;
        }
        float[] b = r.uniform(out, gain);
        float[] a = r.uniform(m * in, 1);
        return new Case("Eq. 25", String.format("feedforward %s, batch %d, %d → %d%s", f.id(), m, in, out,
                gain == 1 ? "" : ", weights ×" + gain),
                new String[] {"w", "b", "aIn"}, new float[][] {w, b, a},
                new int[][] {shape(out, in), shape(1, out), shape(m, in)},
                new String[] {"z", "aOut"}, new int[][] {shape(m, out), shape(m, out)}, null,
                (e, i, o) -> {
                    e.feedforward(i[0], i[1], i[2], o[0], o[1], f);
                    return Double.NaN;
                },
                () -> {
                    Expected z = Oracle.weightedInput(w, b, a, m, in, out);
                    return new Expected[] {z, Oracle.activation(z, f, m, out)};
                });
    }

    /** BP1 for m examples of width outputs, z spread by {@code spread}. */
    static Case outputError(Cost c, Activation f, int m, int width, double spread, long seed) {
        return once(() -> makeOutputError(c, f, m, width, spread, seed), "outputError", c.id(), f.id(), m, width, spread, seed);
    }

    private static Case makeOutputError(Cost c, Activation f, int m, int width, double spread, long seed) {
        Inputs r = new Inputs(seed);
        float[] z = r.weightedInputs(m * width);
        for (int i = 0; i < z.length; i++) {
            z[i] *= (float) spread;
        }
        float[] a = Inputs.activate(f, z, m, width);
        float[] y = r.targets(c, m, width);
        return new Case("BP1", String.format("outputError %s with %s, batch %d, width %d%s", c.id(), f.id(), m, width,
                spread == 1 ? "" : ", z ×" + spread),
                new String[] {"aOut", "z", "y"}, new float[][] {a, z, y},
                new int[][] {shape(m, width), shape(m, width), shape(m, width)},
                new String[] {"delta"}, new int[][] {shape(m, width)}, null,
                (e, i, o) -> {
                    e.outputError(c, f, i[0], i[1], i[2], o[0]);
                    return Double.NaN;
                },
                () -> new Expected[] {Oracle.outputError(c, f, a, z, y)});
    }

    /** The mean cost of m examples. */
    static Case cost(Cost c, Activation f, int m, int width, long seed) {
        return once(() -> makeCost(c, f, m, width, seed), "cost", c.id(), f.id(), m, width, seed);
    }

    private static Case makeCost(Cost c, Activation f, int m, int width, long seed) {
        Inputs r = new Inputs(seed);
        float[] z = r.weightedInputs(m * width);
        float[] a = Inputs.activate(f, z, m, width);
        float[] y = r.targets(c, m, width);
        return new Case("cost", String.format("cost %s with %s, batch %d, width %d", c.id(), f.id(), m, width),
                new String[] {"aOut", "y"}, new float[][] {a, y}, new int[][] {shape(m, width), shape(m, width)},
                new String[0], new int[0][], null,
                (e, i, o) -> e.cost(c, i[0], i[1]),
                () -> new Expected[] {Oracle.cost(c, a, y, m)});
    }

    /** BP2 from a layer of {@code next} neurons back to one of {@code width}. */
    static Case backpropagate(Activation f, int m, int next, int width, double spread, long seed) {
        return once(() -> makeBackpropagate(f, m, next, width, spread, seed), "backpropagate", f.id(), m, next, width, spread, seed);
    }

    private static Case makeBackpropagate(Activation f, int m, int next, int width, double spread, long seed) {
        Inputs r = new Inputs(seed);
        float[] w = r.weights(next, width);
        float[] dn = r.uniform(m * next, 1);
        float[] z = r.weightedInputs(m * width);
        for (int i = 0; i < z.length; i++) {
            z[i] *= (float) spread;
        }
        return new Case("BP2", String.format("backpropagate %s, batch %d, %d → %d%s", f.id(), m, next, width,
                spread == 1 ? "" : ", z ×" + spread),
                new String[] {"wNext", "deltaNext", "z"}, new float[][] {w, dn, z},
                new int[][] {shape(next, width), shape(m, next), shape(m, width)},
                new String[] {"delta"}, new int[][] {shape(m, width)}, null,
                (e, i, o) -> {
                    e.backpropagate(i[0], i[1], i[2], f, o[0]);
                    return Double.NaN;
                },
                () -> new Expected[] {Oracle.backpropagate(w, dn, z, f, m, next, width)});
    }

    /** BP3 over m examples of width neurons. */
    static Case biasGradient(int m, int width, long seed) {
        return once(() -> makeBiasGradient(m, width, seed), "biasGradient", m, width, seed);
    }

    private static Case makeBiasGradient(int m, int width, long seed) {
        float[] d = new Inputs(seed).uniform(m * width, 1);
        return new Case("BP3", String.format("biasGradient, batch %d, width %d", m, width),
                new String[] {"delta"}, new float[][] {d}, new int[][] {shape(m, width)},
                new String[] {"gradB"}, new int[][] {shape(1, width)}, null,
                (e, i, o) -> {
                    e.biasGradient(i[0], o[0]);
                    return Double.NaN;
                },
                () -> new Expected[] {Oracle.biasGradient(d, m, width)});
    }

    /** BP4 over m examples, width neurons fed by in. */
    static Case weightGradient(int m, int width, int in, long seed) {
        return once(() -> makeWeightGradient(m, width, in, seed), "weightGradient", m, width, in, seed);
    }

    private static Case makeWeightGradient(int m, int width, int in, long seed) {
        Inputs r = new Inputs(seed);
        float[] d = r.uniform(m * width, 1);
        float[] a = r.uniform(m * in, 1);
        return new Case("BP4", String.format("weightGradient, batch %d, %d → %d", m, in, width),
                new String[] {"delta", "aIn"}, new float[][] {d, a}, new int[][] {shape(m, width), shape(m, in)},
                new String[] {"gradW"}, new int[][] {shape(width, in)}, null,
                (e, i, o) -> {
                    e.weightGradient(i[0], i[1], o[0]);
                    return Double.NaN;
                },
                () -> new Expected[] {Oracle.weightGradient(d, a, m, width, in)});
    }

    /**
     * The SGD step on a rows × cols parameter, which is updated in place: its initial values
     * are the case's initial output.
     */
    static Case update(int rows, int cols, float eta, float decay, long seed) {
        return once(() -> makeUpdate(rows, cols, eta, decay, seed), "update", rows, cols, eta, decay, seed);
    }

    private static Case makeUpdate(int rows, int cols, float eta, float decay, long seed) {
        Inputs r = new Inputs(seed);
        float[] p = r.uniform(rows * cols, 2);
        float[] g = r.uniform(rows * cols, 1);
        return new Case("SGD", String.format("update %d×%d, η = %s, decay = %s", rows, cols, eta, decay),
                new String[] {"grad"}, new float[][] {g}, new int[][] {shape(rows, cols)},
                new String[] {"param"}, new int[][] {shape(rows, cols)}, new float[][] {p},
                (e, i, o) -> {
                    e.update(o[0], i[0], eta, decay);
                    return Double.NaN;
                },
                () -> new Expected[] {Oracle.update(p, g, eta, decay)});
    }

    /**
     * BP4 fused with the SGD step on a width × in weight matrix, which is updated in place. The
     * gradient's scratch matrix is a second output without an expected value: the rules that
     * compare with the oracle skip it (its contents are unspecified), the contract rules still
     * pass it (shapes, determinism, use after close).
     */
    static Case weightGradientAndUpdate(int m, int width, int in, float eta, float decay, long seed) {
        return once(() -> makeWeightGradientAndUpdate(m, width, in, eta, decay, seed), "weightGradientAndUpdate", m, width, in, eta, decay, seed);
    }

    private static Case makeWeightGradientAndUpdate(int m, int width, int in, float eta, float decay, long seed) {
        Inputs r = new Inputs(seed);
        float[] d = r.uniform(m * width, 1);
        float[] a = r.uniform(m * in, 1);
        float[] w = r.uniform(width * in, 2);
        return new Case("BP4 + SGD", String.format("weightGradientAndUpdate, batch %d, %d → %d, η = %s, decay = %s",
                m, in, width, eta, decay),
                new String[] {"delta", "aIn"}, new float[][] {d, a}, new int[][] {shape(m, width), shape(m, in)},
                new String[] {"w", "gradW (scratch)"}, new int[][] {shape(width, in), shape(width, in)},
                new float[][] {w, new float[width * in]},
                (e, i, o) -> {
                    e.weightGradientAndUpdate(i[0], i[1], o[1], o[0], eta, decay);
                    return Double.NaN;
                },
                () -> new Expected[] {Oracle.step(w, Oracle.weightGradient(d, a, m, width, in), eta, decay)});
    }
}
