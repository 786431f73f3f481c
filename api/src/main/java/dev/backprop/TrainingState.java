package dev.backprop;

import java.util.List;
import java.util.Objects;

/**
 * Everything a training run needs to continue after an epoch exactly as it would have gone on:
 * the parameters, the optimiser's state, where the shuffling and dropout generators stand, the
 * schedule's and early stopping's progress, the best parameters so far and the reports of the
 * epochs done. A {@link CheckpointStore} saves it; {@link Trainer.Builder#resume} continues from
 * it, and the run ends with the bits it would have had uninterrupted (same engine).
 *
 * <pre>{@code
 * TrainingState state = Checkpoint.load(Path.of("run"));
 * Trainer.builder()…same settings….resume(state).build().train(parameters, training, test);
 * }</pre>
 *
 * @param settings the settings the run was started with, as text; a resumed run must have the
 *     same (its number of epochs may differ)
 * @param epoch the epochs done
 * @param parameters the parameters after {@code epoch}
 * @param optimizer the optimiser's state after {@code epoch}
 * @param order the shuffling's state
 * @param dropout the dropout generator's state
 * @param progress the schedule's and early stopping's counters
 * @param best the parameters of the best epoch so far, or null when no metric is watched or
 *     none was measured yet
 * @param history the reports of epochs 1 … {@code epoch}
 */
public record TrainingState(String settings, int epoch, Parameters parameters, OptimizerState optimizer,
                            TrainingOrder.State order, SeededRandom.State dropout, Progress progress, Parameters best,
                            List<EpochReport> history) {

    /**
     * The counters of the halving schedule and early stopping.
     *
     * @param etaFactor the halving schedule's factor on η₀ (1 until the first halving)
     * @param bestValue the best value of the watched metric so far, NaN before the first
     * @param bestEpoch the epoch it was measured in, 0 before the first
     * @param sinceBest epochs since the best one (early stopping's count)
     * @param sinceHalving epochs since the best one or the last halving (the schedule's count)
     * @param stopped why the run stopped, or null while it goes on
     */
    public record Progress(double etaFactor, double bestValue, int bestEpoch, int sinceBest, int sinceHalving,
                           TrainingOutcome.Reason stopped) {
        /** The progress of a run that has not started. */
        static final Progress START = new Progress(1, Double.NaN, 0, 0, 0, null);
    }

    /**
     * Copies the parameters and the history.
     *
     * @throws IllegalArgumentException if {@code epoch} is below 1 or the history does not hold
     *     one report per epoch done
     * @throws NullPointerException if a part other than {@code best} is null
     */
    public TrainingState {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(order, "order");
        Objects.requireNonNull(dropout, "dropout");
        Objects.requireNonNull(progress, "progress");
        if (epoch < 1 || history.size() != epoch) {
            throw new IllegalArgumentException("a training state after epoch " + epoch + " needs " + epoch
                    + " reports, got " + history.size());
        }
        parameters = parameters.copy();
        best = best == null ? null : best.copy();
        history = List.copyOf(history);
    }

    /**
     * A copy of the parameters after {@link #epoch()}.
     *
     * @return new parameters
     */
    @Override
    public Parameters parameters() {
        return parameters.copy();
    }

    /**
     * A copy of the best parameters so far.
     *
     * @return new parameters, or null
     */
    @Override
    public Parameters best() {
        return best == null ? null : best.copy();
    }
}
