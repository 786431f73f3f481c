package dev.backprop;

/**
 * Watches training: {@code trainer.listener(report -> System.out.println(report))}.
 * Called on the training thread; keep it quick.
 */
@FunctionalInterface
public interface TrainingListener {

    /**
     * Called after each epoch, once its parameters have been checked finite and copied into the
     * caller's {@link Parameters} and the monitors have run.
     *
     * @param report the epoch's number, time and the measurements of the monitors switched on
     */
    void epochFinished(EpochReport report);

    /**
     * Called after each mini-batch's step, for progress bars; does nothing by default. The step
     * may still be running on a device engine, so time measured here is not the step's.
     *
     * @param epoch the epoch in progress, 1-based
     * @param batch the mini-batches done so far in this epoch, 1 to {@code batches}
     * @param batches the number of mini-batches per epoch, ⌈n / m⌉
     */
    default void batchFinished(int epoch, int batch, int batches) {
    }

    /**
     * Called once when a run resumes from a checkpoint, before its first new epoch, with the
     * reports of the epochs done before the interruption (a learning curve can then be whole);
     * does nothing by default.
     *
     * @param earlier the reports of epochs 1 … k, in order
     */
    default void resumed(java.util.List<EpochReport> earlier) {
    }

    /**
     * Called once at the end of a run that did not fail: how many epochs ran, why it stopped and
     * which epoch's parameters the caller now holds; does nothing by default.
     *
     * @param outcome the end of the run
     */
    default void trainingFinished(TrainingOutcome outcome) {
    }
}
