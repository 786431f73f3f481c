package dev.backprop;

/**
 * How a training run ended, told to {@link TrainingListener#trainingFinished}: how many epochs
 * ran, why it stopped, and which epoch's parameters the caller's {@link Parameters} hold.
 *
 * <pre>{@code
 * .listener(new TrainingListener() {
 *     public void epochFinished(EpochReport r) { }
 *     public void trainingFinished(TrainingOutcome o) { System.out.println(o); }
 * })
 * }</pre>
 *
 * @param epochs the last epoch that ran
 * @param reason why the run ended
 * @param metric the watched metric, or null when nothing was watched
 * @param bestEpoch the epoch with the best value of the metric (0 when nothing was watched)
 * @param bestValue that value (NaN when nothing was watched)
 * @param restoredBest whether the parameters were set back to those of {@code bestEpoch}
 */
public record TrainingOutcome(int epochs, Reason reason, Metric metric, int bestEpoch, double bestValue,
                              boolean restoredBest) {

    /** Why a run ended. */
    public enum Reason {
        /** Every epoch asked for ran. */
        COMPLETED,
        /** Early stopping: the metric had not improved for the patience's epochs. */
        EARLY_STOPPING,
        /** The halving schedule brought η down to η₀/128. */
        LEARNING_RATE_EXHAUSTED
    }

    /** "stopped early after epoch 23; best validation-accuracy 0.9712 at epoch 13, restored". */
    @Override
    public String toString() {
        String why = reason == Reason.COMPLETED ? "completed " + epochs + " epochs"
                : reason == Reason.EARLY_STOPPING ? "stopped early after epoch " + epochs
                : "stopped after epoch " + epochs + ": η reached η₀/128";
        if (metric == null) {
            return why;
        }
        return String.format(java.util.Locale.ROOT, "%s; best %s %.6g at epoch %d%s", why, metric.id(), bestValue, bestEpoch,
                restoredBest ? ", restored" : "");
    }
}
