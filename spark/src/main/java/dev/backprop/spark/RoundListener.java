package dev.backprop.spark;

import dev.backprop.EpochReport;
import dev.backprop.TrainingListener;

/**
 * A {@link TrainingListener} that also hears about every round of distributed training: the
 * cost and throughput of each broadcast–compute–combine cycle. Any {@code TrainingListener} works
 * with {@link SparkTrainer} (it gets {@code batchFinished(epoch, round, rounds)} per round and
 * {@code epochFinished} per epoch, as from local training); this one adds
 * {@link #roundFinished}. Called on the driver's training thread.
 *
 * <pre>{@code
 * SparkTrainer.builder().listener((RoundListener) round -> System.out.println(round))
 * }</pre>
 */
@FunctionalInterface
public interface RoundListener extends TrainingListener {

    /**
     * Called after each round, once the driver has the next parameters (and after the
     * {@code batchFinished} call for the same round).
     *
     * @param report what the round did: its place in the epoch, its examples, cost and time
     */
    void roundFinished(RoundReport report);

    /** Nothing unless overridden. */
    @Override
    default void epochFinished(EpochReport report) {
    }
}
