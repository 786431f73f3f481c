package dev.backprop;

import dev.backprop.internal.Ids;

import java.util.OptionalDouble;

/**
 * The measurement early stopping and the halving schedule watch, once per epoch: accuracy or
 * cost, on the validation data held back from the training set or on the training set itself.
 * Never the evaluation (test) data, which must not choose the model it measures.
 *
 * <pre>{@code
 * Trainer.builder().validation(0.1).earlyStopping(10).watch(Metric.VALIDATION_COST)...
 * }</pre>
 */
public enum Metric {
    /** The validation data's accuracy; higher is better (the book's choice). */
    VALIDATION_ACCURACY("validation-accuracy", true, true),
    /** The validation data's cost; lower is better. */
    VALIDATION_COST("validation-cost", false, true),
    /** The training set's accuracy; higher is better. */
    TRAINING_ACCURACY("training-accuracy", true, false),
    /** The training set's cost; lower is better. */
    TRAINING_COST("training-cost", false, false);

    private final String id;
    private final boolean higherIsBetter;
    private final boolean needsValidation;

    Metric(String id, boolean higherIsBetter, boolean needsValidation) {
        this.id = id;
        this.higherIsBetter = higherIsBetter;
        this.needsValidation = needsValidation;
    }

    /**
     * The command line's name for it.
     *
     * @return "validation-accuracy", "validation-cost", "training-accuracy" or "training-cost"
     */
    public String id() {
        return id;
    }

    /**
     * The metric with this command-line name.
     *
     * @param id one of the four names of {@link #id()}
     * @return the metric
     * @throws IllegalArgumentException for any other name, listing them
     */
    public static Metric byId(String id) {
        return Ids.find(values(), Metric::id, m -> m.equals(id)).orElseThrow(() -> new IllegalArgumentException(
                "unknown metric '" + id + "'; the metrics are " + Ids.list(values(), Metric::id, " and ")));
    }

    /**
     * Whether a larger value is an improvement.
     *
     * @return true for accuracies, false for costs
     */
    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    /**
     * Whether it is measured on validation data, so the trainer must hold some back.
     *
     * @return true for the two validation metrics
     */
    public boolean needsValidation() {
        return needsValidation;
    }

    /**
     * Its value in a report.
     *
     * @param report an epoch's measurements
     * @return the value, empty when the report lacks it
     */
    public OptionalDouble of(EpochReport report) {
        switch (this) {
            case VALIDATION_ACCURACY:
                return report.validationAccuracy();
            case VALIDATION_COST:
                return report.validationCost();
            case TRAINING_ACCURACY:
                return report.trainingAccuracy();
            default:
                return report.trainingCost();
        }
    }

    /** Whether {@code value} improves on {@code best} (NaN: nothing yet). */
    boolean improves(double value, double best) {
        return Double.isNaN(best) || (higherIsBetter ? value > best : value < best);
    }
}
