package dev.backprop;

import java.io.IOException;

/**
 * Where a training run saves its {@link TrainingState} every few epochs, so that an interrupted
 * run can be resumed ({@link Trainer.Builder#resume}) and end with the bits of one that never
 * stopped. {@link dev.backprop.io.Checkpoint#in} is the one that writes an atomic .npz file.
 *
 * <pre>{@code
 * Trainer.builder().checkpoint(Checkpoint.in(Path.of("run")), 5)...      // after every 5th epoch
 * }</pre>
 */
@FunctionalInterface
public interface CheckpointStore {
    /**
     * Saves the state after an epoch; called on the training thread.
     *
     * @param state the whole state of the run after {@code state.epoch()}
     * @throws IOException if it cannot be saved; training then stops with an
     *     {@link java.io.UncheckedIOException}
     */
    void save(TrainingState state) throws IOException;
}
