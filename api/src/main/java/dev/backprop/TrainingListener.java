package dev.backprop;

/**
 * Watches training: {@code trainer.listener(report -> System.out.println(report))}.
 * Called on the training thread; keep it quick.
 */
@FunctionalInterface
public interface TrainingListener {

    /** After each epoch, with the monitors that are switched on. */
    void epochFinished(EpochReport report);

    /** After each mini-batch: {@code batch} of {@code batches} done in {@code epoch} (1-based). For progress bars. */
    default void batchFinished(int epoch, int batch, int batches) {
    }
}
