package dev.backprop.tck;

/**
 * Central differences of the oracle's mean cost in double: (C(θ + h) − C(θ − h)) / 2h with
 * h = 1e-6. Truncation error is O(h²) ≈ 1e-12 and rounding about 1e-16 / h = 1e-10, so a bound
 * of 1e-7 + 1e-6 |g| holds for a correct oracle while any wrong term of BP1–BP4 breaks it.
 */
final class FiniteDifferences {
    private static final double H = 1e-6;

    private FiniteDifferences() {
    }

    static void check(Context ctx, NetworkRules.Problem p, NetworkOracle.Gradient oracle) {
        int depth = p.network().depth();
        double[][] w = new double[depth][];
        double[][] b = new double[depth][];
        for (int l = 0; l < depth; l++) {
            w[l] = toDouble(p.w()[l]);
            b[l] = toDouble(p.b()[l]);
        }
        for (int l = 0; l < depth; l++) {
            compare(ctx, p, w, b, w[l], oracle.weights()[l], "∂C/∂w of layer " + (l + 2), p.network().fanIn(l));
            compare(ctx, p, w, b, b[l], oracle.biases()[l], "∂C/∂b of layer " + (l + 2), p.network().layer(l).width());
        }
    }

    private static void compare(Context ctx, NetworkRules.Problem p, double[][] w, double[][] b, double[] target,
                                Expected oracle, String array, int cols) {
        double[] differences = new double[target.length];
        double[] tolerance = new double[target.length];
        for (int i = 0; i < target.length; i++) {
            double saved = target[i];
            target[i] = saved + H;
            double plus = DoubleCost.mean(p.network(), w, b, p.x(), p.y(), p.m());
            target[i] = saved - H;
            double minus = DoubleCost.mean(p.network(), w, b, p.x(), p.y(), p.m());
            target[i] = saved;
            differences[i] = (plus - minus) / (2 * H);
            tolerance[i] = 1e-7 + 1e-6 * Math.abs(differences[i]);
        }
        double[] oracleValues = oracle.value();
        ctx.compare(array + " (oracle vs finite differences)", new Expected(differences, tolerance), oracleValues, cols,
                p.network().toString());
    }

    private static double[] toDouble(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }
}
