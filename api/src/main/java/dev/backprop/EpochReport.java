package dev.backprop;

import java.util.OptionalDouble;

/**
 * What one epoch of training measured; only the monitors that were switched on are present
 * (network2.py's {@code monitor_*} flags), and the validation ones whenever the trainer holds
 * validation data back ({@link Trainer.Builder#validation}). Costs include the regularisation
 * term, (λ/2n) Σ w² + (λ₁/n) Σ |w|.
 *
 * <pre>{@code
 * trainer.train(parameters, training, test).forEach(r ->
 *         r.evaluationAccuracy().ifPresent(a -> System.out.printf("%d: %.2f %%%n", r.epoch(), 100 * a)));
 * }</pre>
 *
 * @param epoch 1-based
 * @param epochs the number of epochs of the run
 * @param seconds wall time of the epoch's mini-batches, monitoring excluded
 * @param trainingCost the mean cost over the whole training set after the epoch, plus the
 *     regularisation term with n the size of the training set; empty unless
 *     {@link Trainer.Builder#monitorTrainingCost} is on
 * @param trainingAccuracy the fraction in [0, 1] of training examples whose largest output is
 *     their label; empty unless {@link Trainer.Builder#monitorTrainingAccuracy} is on and the
 *     training set has labels
 * @param evaluationCost as {@code trainingCost}, on the evaluation data (the regularisation term
 *     still uses the training set's n); empty unless {@link Trainer.Builder#monitorEvaluationCost}
 *     is on and evaluation data was given
 * @param evaluationAccuracy as {@code trainingAccuracy}, on the evaluation data; empty without
 *     evaluation data, without labels, or when {@link Trainer.Builder#monitorEvaluationAccuracy}
 *     is off (it is on by default)
 * @param validationCost as {@code evaluationCost}, on the validation data held back from the
 *     training set; empty without validation data
 * @param validationAccuracy as {@code evaluationAccuracy}, on the validation data; empty without
 *     validation data or labels
 * @param learningRate η of the epoch's steps as the schedule set it (before any warm-up ramp);
 *     NaN when unknown
 */
public record EpochReport(int epoch, int epochs, double seconds, OptionalDouble trainingCost,
                          OptionalDouble trainingAccuracy, OptionalDouble evaluationCost,
                          OptionalDouble evaluationAccuracy, OptionalDouble validationCost,
                          OptionalDouble validationAccuracy, double learningRate) {

    /**
     * A report without validation measurements or learning rate, as before validation existed.
     *
     * @param epoch 1-based
     * @param epochs the number of epochs of the run
     * @param seconds wall time of the epoch's mini-batches
     * @param trainingCost as the canonical constructor's
     * @param trainingAccuracy as the canonical constructor's
     * @param evaluationCost as the canonical constructor's
     * @param evaluationAccuracy as the canonical constructor's
     */
    public EpochReport(int epoch, int epochs, double seconds, OptionalDouble trainingCost,
                       OptionalDouble trainingAccuracy, OptionalDouble evaluationCost,
                       OptionalDouble evaluationAccuracy) {
        this(epoch, epochs, seconds, trainingCost, trainingAccuracy, evaluationCost, evaluationAccuracy,
                OptionalDouble.empty(), OptionalDouble.empty(), Double.NaN);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(String.format("Epoch %d/%d (%.2f s)", epoch, epochs, seconds));
        append(s, "training cost", trainingCost, false);
        append(s, "training accuracy", trainingAccuracy, true);
        append(s, "validation cost", validationCost, false);
        append(s, "validation accuracy", validationAccuracy, true);
        append(s, "evaluation cost", evaluationCost, false);
        append(s, "evaluation accuracy", evaluationAccuracy, true);
        return s.toString();
    }

    private static void append(StringBuilder s, String name, OptionalDouble value, boolean percent) {
        if (value.isPresent()) {
            s.append(", ").append(name).append(' ')
                    .append(percent ? String.format("%.2f %%", 100 * value.getAsDouble())
                            : String.format("%.6f", value.getAsDouble()));
        }
    }
}
