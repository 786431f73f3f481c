package dev.backprop;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How a regression model did, per target and averaged over targets with equal weight
 * (scikit-learn's {@code multioutput='uniform_average'}): the mean squared error, the mean
 * absolute error, and R² = 1 − Σ(y − ŷ)² / Σ(y − ȳ)², in the targets' own units. Sums run in
 * double. Immutable.
 *
 * <pre>{@code
 * RegressionMetrics m = RegressionMetrics.of(actual, predicted, 1, List.of("body_mass_g"));
 * m.r2();                 // 0.86: the share of the variance explained
 * System.out.println(m);
 * }</pre>
 *
 * <p>A target that is constant in the data has no variance to explain: its R² is 1 when every
 * prediction is exact, else 0 (scikit-learn's {@code force_finite}).
 */
public final class RegressionMetrics {
    private final List<String> targets;
    private final int examples;
    private final double[] mse;
    private final double[] mae;
    private final double[] r2;

    private RegressionMetrics(List<String> targets, int examples, double[] mse, double[] mae, double[] r2) {
        this.targets = targets;
        this.examples = examples;
        this.mse = mse;
        this.mae = mae;
        this.r2 = r2;
    }

    /**
     * @param actual    the true targets, example after example ({@code outputs} values each)
     * @param predicted the predictions, laid out the same way
     * @param names     one name per target
     */
    public static RegressionMetrics of(float[] actual, float[] predicted, int outputs, List<String> names) {
        Objects.requireNonNull(actual, "actual");
        Objects.requireNonNull(predicted, "predicted");
        List<String> targets = List.copyOf(names);
        if (outputs < 1 || targets.size() != outputs) {
            throw new IllegalArgumentException(outputs + " outputs need as many names, got " + targets);
        }
        if (actual.length != predicted.length || actual.length % outputs != 0 || actual.length == 0) {
            throw new IllegalArgumentException(actual.length + " true values and " + predicted.length
                    + " predictions; expected the same non-zero multiple of " + outputs);
        }
        int n = actual.length / outputs;
        double[] mse = new double[outputs];
        double[] mae = new double[outputs];
        double[] r2 = new double[outputs];
        for (int j = 0; j < outputs; j++) {
            double mean = 0;
            for (int i = 0; i < n; i++) {
                mean += actual[i * outputs + j];
            }
            mean /= n;
            double squared = 0;
            double absolute = 0;
            double total = 0;
            for (int i = 0; i < n; i++) {
                double y = actual[i * outputs + j];
                double e = y - predicted[i * outputs + j];
                if (!Double.isFinite(e)) {
                    throw new IllegalArgumentException("example " + i + ", target " + targets.get(j) + ": true " + y
                            + ", predicted " + predicted[i * outputs + j] + "; both must be finite");
                }
                squared += e * e;
                absolute += Math.abs(e);
                total += (y - mean) * (y - mean);
            }
            mse[j] = squared / n;
            mae[j] = absolute / n;
            r2[j] = total > 0 ? 1 - squared / total : squared == 0 ? 1 : 0;
        }
        return new RegressionMetrics(targets, n, mse, mae, r2);
    }

    public List<String> targets() {
        return targets;
    }

    public int examples() {
        return examples;
    }

    /** Mean squared error, averaged over targets. */
    public double mse() {
        return mean(mse);
    }

    /** Mean absolute error, averaged over targets. */
    public double mae() {
        return mean(mae);
    }

    /** R², averaged over targets. */
    public double r2() {
        return mean(r2);
    }

    public double mse(int target) {
        return mse[target];
    }

    public double mae(int target) {
        return mae[target];
    }

    public double r2(int target) {
        return r2[target];
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RegressionMetrics m && m.targets.equals(targets) && m.examples == examples
                && java.util.Arrays.equals(m.mse, mse) && java.util.Arrays.equals(m.mae, mae)
                && java.util.Arrays.equals(m.r2, r2);
    }

    @Override
    public int hashCode() {
        return Objects.hash(targets, examples, java.util.Arrays.hashCode(mse));
    }

    /** One line per target, then the average when there are several. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        for (int j = 0; j < targets.size(); j++) {
            s.append(String.format(Locale.ROOT, "%s: R² %.4f, MSE %.6g, MAE %.6g (RMSE %.6g) on %d examples%n",
                    targets.get(j), r2[j], mse[j], mae[j], Math.sqrt(mse[j]), examples));
        }
        if (targets.size() > 1) {
            s.append(String.format(Locale.ROOT, "average over %d targets: R² %.4f, MSE %.6g, MAE %.6g%n", targets.size(),
                    r2(), mse(), mae()));
        }
        return s.toString();
    }
}
