package dev.backprop;

import java.util.OptionalDouble;

/**
 * What one epoch of training measured; only the monitors that were switched on are present
 * (network2.py's {@code monitor_*} flags). Costs include the L2 term (λ/2n) Σ w².
 *
 * <pre>{@code
 * trainer.train(parameters, training, test).forEach(r ->
 *         r.evaluationAccuracy().ifPresent(a -> System.out.printf("%d: %.2f %%%n", r.epoch(), 100 * a)));
 * }</pre>
 *
 * @param epoch 1-based
 * @param epochs the number of epochs of the run
 * @param seconds wall time of the epoch's mini-batches, monitoring excluded
 * @param trainingCost the mean cost over the whole training set after the epoch, plus
 *     (λ/2n) Σ w² with n the size of the training set; empty unless
 *     {@link Trainer.Builder#monitorTrainingCost} is on
 * @param trainingAccuracy the fraction in [0, 1] of training examples whose largest output is
 *     their label; empty unless {@link Trainer.Builder#monitorTrainingAccuracy} is on and the
 *     training set has labels
 * @param evaluationCost as {@code trainingCost}, on the evaluation data (the L2 term still uses
 *     the training set's n); empty unless {@link Trainer.Builder#monitorEvaluationCost} is on and
 *     evaluation data was given
 * @param evaluationAccuracy as {@code trainingAccuracy}, on the evaluation data; empty without
 *     evaluation data, without labels, or when {@link Trainer.Builder#monitorEvaluationAccuracy}
 *     is off (it is on by default)
 */
public record EpochReport(int epoch, int epochs, double seconds, OptionalDouble trainingCost,
                          OptionalDouble trainingAccuracy, OptionalDouble evaluationCost,
                          OptionalDouble evaluationAccuracy) {

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(String.format("Epoch %d/%d (%.2f s)", epoch, epochs, seconds));
        append(s, "training cost", trainingCost, false);
        append(s, "training accuracy", trainingAccuracy, true);
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
