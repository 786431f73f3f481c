package dev.backprop.tck;

import static dev.backprop.tck.Cases.once;
import static dev.backprop.tck.Cases.shape;

/**
 * One call of each optimiser and regulariser operation ({@code regularize}, {@code momentumStep},
 * {@code adamStep}, {@code rmsPropStep}, {@code dropout}) as a {@link Case}: each updates its
 * outputs in place, from initial values the case gives, and the oracle is
 * {@link OptimizerOracle}'s with the gradient exact.
 */
final class OptimizerCases {
    private OptimizerCases() {
    }

    /**
     * The regularised gradient of a rows × cols parameter; every seventh weight is exactly 0 (and
     * every eleventh −0), where sgn must give 0.
     */
    static Case regularize(int rows, int cols, float l2, float l1, long seed) {
        return once(() -> {
            Inputs r = new Inputs(seed);
            float[] w = r.uniform(rows * cols, 2);
            for (int i = 0; i < w.length; i += 7) {
                w[i] = 0f;
            }
            for (int i = 3; i < w.length; i += 11) {
                w[i] = -0f;
            }
            float[] g = r.uniform(rows * cols, 1);
            return new Case("Eq. 87, 96", String.format("regularize %d×%d, l2 = %s, l1 = %s", rows, cols, l2, l1),
                    new String[] {"param"}, new float[][] {w}, new int[][] {shape(rows, cols)},
                    new String[] {"grad"}, new int[][] {shape(rows, cols)}, new float[][] {g},
                    (e, i, o) -> {
                        e.regularize(o[0], i[0], l2, l1);
                        return Double.NaN;
                    },
                    () -> new Expected[] {OptimizerOracle.regularize(Expected.exact(g), w, l2, l1)});
        }, "regularize", rows, cols, l2, l1, seed);
    }

    /** A momentum step from a velocity that is not zero. */
    static Case momentum(int rows, int cols, float eta, float mu, boolean nesterov, long seed) {
        return once(() -> {
            Inputs r = new Inputs(seed);
            float[] w = r.uniform(rows * cols, 2);
            float[] g = r.uniform(rows * cols, 1);
            float[] v = r.uniform(rows * cols, 0.5);
            return new Case("momentum", String.format("momentumStep %d×%d, η = %s, μ = %s%s", rows, cols, eta, mu,
                    nesterov ? ", Nesterov" : ""),
                    new String[] {"grad"}, new float[][] {g}, new int[][] {shape(rows, cols)},
                    new String[] {"param", "velocity"}, new int[][] {shape(rows, cols), shape(rows, cols)},
                    new float[][] {w, v},
                    (e, i, o) -> {
                        e.momentumStep(o[0], i[0], o[1], eta, mu, nesterov);
                        return Double.NaN;
                    },
                    () -> OptimizerOracle.momentum(w, Expected.exact(g), v, eta, mu, nesterov));
        }, "momentum", rows, cols, eta, mu, nesterov, seed);
    }

    /** An Adam step t from moments that are not zero (v ≥ 0, as a sum of squares is). */
    static Case adam(int rows, int cols, float eta, long t, float decay, long seed) {
        float beta1 = 0.9f;
        float beta2 = 0.999f;
        float epsilon = 1e-8f;
        return once(() -> {
            Inputs r = new Inputs(seed);
            float[] w = r.uniform(rows * cols, 2);
            float[] g = r.uniform(rows * cols, 1);
            float[] m = r.uniform(rows * cols, 0.3);
            float[] v = r.uniform(rows * cols, 0.3);
            for (int i = 0; i < v.length; i++) {
                v[i] = v[i] * v[i];
            }
            return new Case("Adam", String.format("adamStep %d×%d, η = %s, t = %d, decay = %s", rows, cols, eta, t, decay),
                    new String[] {"grad"}, new float[][] {g}, new int[][] {shape(rows, cols)},
                    new String[] {"param", "m", "v"},
                    new int[][] {shape(rows, cols), shape(rows, cols), shape(rows, cols)}, new float[][] {w, m, v},
                    (e, i, o) -> {
                        e.adamStep(o[0], i[0], o[1], o[2], eta, beta1, beta2, epsilon, t, decay);
                        return Double.NaN;
                    },
                    () -> OptimizerOracle.adam(w, Expected.exact(g), m, v, eta, beta1, beta2, epsilon, t, decay));
        }, "adam", rows, cols, eta, t, decay, seed);
    }

    /** An RMSProp step from a running mean that is not zero. */
    static Case rmsProp(int rows, int cols, float eta, float rho, long seed) {
        float epsilon = 1e-8f;
        return once(() -> {
            Inputs r = new Inputs(seed);
            float[] w = r.uniform(rows * cols, 2);
            float[] g = r.uniform(rows * cols, 1);
            float[] s = r.uniform(rows * cols, 0.5);
            for (int i = 0; i < s.length; i++) {
                s[i] = s[i] * s[i];
            }
            return new Case("RMSProp", String.format("rmsPropStep %d×%d, η = %s, ρ = %s", rows, cols, eta, rho),
                    new String[] {"grad"}, new float[][] {g}, new int[][] {shape(rows, cols)},
                    new String[] {"param", "meanSquare"}, new int[][] {shape(rows, cols), shape(rows, cols)},
                    new float[][] {w, s},
                    (e, i, o) -> {
                        e.rmsPropStep(o[0], i[0], o[1], eta, rho, epsilon);
                        return Double.NaN;
                    },
                    () -> OptimizerOracle.rmsProp(w, Expected.exact(g), s, eta, rho, epsilon));
        }, "rmsprop", rows, cols, eta, rho, seed);
    }

    /** A dropout mask with p = 0.5 (r = 0 or 2) on m × width activations. */
    static Case dropout(int m, int width, long seed) {
        return once(() -> {
            Inputs r = new Inputs(seed);
            float[] x = r.uniform(m * width, 3);
            float[] mask = new float[m * width];
            for (int i = 0; i < mask.length; i++) {
                mask[i] = r.random().nextBoolean() ? 0f : 2f;
            }
            return new Case("dropout", String.format("dropout, batch %d × %d", m, width),
                    new String[] {"mask"}, new float[][] {mask}, new int[][] {shape(m, width)},
                    new String[] {"values"}, new int[][] {shape(m, width)}, new float[][] {x},
                    (e, i, o) -> {
                        e.dropout(o[0], i[0]);
                        return Double.NaN;
                    },
                    () -> new Expected[] {OptimizerOracle.dropout(x, mask)});
        }, "dropout", m, width, seed);
    }
}
