package dev.backprop;

import java.util.OptionalDouble;

/**
 * What one epoch of training measured; only the monitors that were switched on are present
 * (network2.py's {@code monitor_*} flags). Costs include the L2 term (λ/2n) Σ w².
 *
 * @param epoch 1-based
 * @param epochs the number of epochs of the run
 * @param seconds wall time of the epoch's mini-batches, monitoring excluded
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
