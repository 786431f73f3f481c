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
     * Computes the measures of each target j over the n examples, in double:
     * MSE_j = Σ(y − ŷ)² / n, MAE_j = Σ|y − ŷ| / n, R²_j = 1 − Σ(y − ŷ)² / Σ(y − ȳ)².
     *
     * @param actual    the true targets y, example after example ({@code outputs} values each),
     *                  all finite; not modified
     * @param predicted the predictions ŷ, laid out the same way, all finite; not modified
     * @param outputs   the number of targets per example, at least 1
     * @param names     one name per target, in the order of an example's values; copied
     * @return the metrics of these examples
     * @throws IllegalArgumentException if {@code names} does not hold {@code outputs} names, the
     *                                  arrays differ in length, are empty or are not whole
     *                                  examples, or a value is NaN or infinite (naming the example
     *                                  and target)
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

    /**
     * The targets, as given.
     *
     * @return an unmodifiable list of the target names, in the order of their indices
     */
    public List<String> targets() {
        return targets;
    }

    /**
     * How many examples were measured.
     *
     * @return the number of examples n, at least 1
     */
    public int examples() {
        return examples;
    }

    /**
     * Mean squared error, averaged over targets with equal weight.
     *
     * @return the mean of {@link #mse(int)} over the targets, 0 or more, in squared target units
     */
    public double mse() {
        return mean(mse);
    }

    /**
     * Mean absolute error, averaged over targets with equal weight.
     *
     * @return the mean of {@link #mae(int)} over the targets, 0 or more, in target units
     */
    public double mae() {
        return mean(mae);
    }

    /**
     * The coefficient of determination, averaged over targets with equal weight.
     *
     * @return the mean of {@link #r2(int)} over the targets: at most 1 (every prediction exact),
     *     0 for predicting each target's mean, negative for worse than that
     */
    public double r2() {
        return mean(r2);
    }

    /**
     * Mean squared error of one target, MSE = Σ(y − ŷ)² / n.
     *
     * @param target the target's index in {@link #targets()}
     * @return 0 or more, in squared target units
     * @throws ArrayIndexOutOfBoundsException if {@code target} is not a target's index
     */
    public double mse(int target) {
        return mse[target];
    }

    /**
     * Mean absolute error of one target, MAE = Σ|y − ŷ| / n.
     *
     * @param target the target's index in {@link #targets()}
     * @return 0 or more, in target units
     * @throws ArrayIndexOutOfBoundsException if {@code target} is not a target's index
     */
    public double mae(int target) {
        return mae[target];
    }

    /**
     * R² of one target, 1 − Σ(y − ŷ)² / Σ(y − ȳ)²: the share of the target's variance the
     * predictions explain. For a target constant in the data, 1 when every prediction is exact,
     * else 0.
     *
     * @param target the target's index in {@link #targets()}
     * @return at most 1; negative when the predictions are worse than the mean ȳ
     * @throws ArrayIndexOutOfBoundsException if {@code target} is not a target's index
     */
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
