package dev.backprop.io;

import dev.backprop.CheckpointStore;
import dev.backprop.EpochReport;
import dev.backprop.Network;
import dev.backprop.OptimizerState;
import dev.backprop.Parameters;
import dev.backprop.SeededRandom;
import dev.backprop.TrainingOrder;
import dev.backprop.TrainingOutcome;
import dev.backprop.TrainingState;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.zip.ZipOutputStream;

/**
 * A training run's checkpoint: {@code checkpoint.npz} in a directory, a {@link ModelFile} (so
 * {@code ModelFile.load} and numpy read its parameters) plus the arrays that let the run resume
 * bit for bit. Written atomically, like every file of backprop: a run killed mid-save leaves the
 * previous checkpoint whole.
 *
 * <pre>{@code
 * Trainer.builder()…checkpoint(Checkpoint.in(dir), 5).build().train(p, training, test);
 * // after a crash, the same settings:
 * Trainer.builder()…checkpoint(Checkpoint.in(dir), 5).resume(Checkpoint.load(dir)).build().train(p, training, test);
 * }</pre>
 *
 * <p>Arrays beside the model's (checkpoint format 1; e epochs done, k state matrices):
 * {@code checkpoint_format} (1), {@code settings} (the run's settings as text), {@code epoch},
 * {@code optimizer} (the rule's id), {@code optimizer_steps} (int64), {@code optimizer_state_0}
 * … {@code optimizer_state_<k−1>} (float32, per layer the weights' then the biases'),
 * {@code order} (the last epoch's permutation), {@code order_epoch}, {@code random_seeds} (int64:
 * the shuffling's and dropout's 48-bit states), {@code random_gaussians} (float64) and
 * {@code random_have_gaussians}, {@code progress} (float64: η factor, best value, best epoch,
 * epochs since the best, since the last halving, stop reason or −1), {@code best_w2}, {@code best_b2} …
 * when a best epoch exists, and {@code history} (float64, e × 10: epoch, epochs, seconds, training
 * cost and accuracy, evaluation cost and accuracy, validation cost and accuracy, η; NaN where not
 * measured). Every array's dtype and shape are checked on its header before its data are read.
 */
public final class Checkpoint {
    /** The file's name in the directory. */
    public static final String FILE = "checkpoint.npz";
    /** The version stored under {@code checkpoint_format}. */
    public static final int FORMAT_VERSION = 1;
    private static final int HISTORY_COLUMNS = 10;
    private static final int PROGRESS_VALUES = 6;

    private Checkpoint() {
    }

    /**
     * A store that writes {@code directory/checkpoint.npz}, replacing it atomically each time.
     *
     * @param directory an existing directory
     * @return the store, for {@code Trainer.Builder.checkpoint}
     * @throws IllegalArgumentException if {@code directory} is not a directory
     */
    public static CheckpointStore in(Path directory) {
        Objects.requireNonNull(directory, "directory");
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException("the checkpoint directory " + directory + " does not exist; create it first");
        }
        Path file = directory.resolve(FILE);
        return state -> save(state, file);
    }

    /**
     * Whether {@code directory} holds a checkpoint to resume from.
     *
     * @param directory any path
     * @return true when {@code directory/checkpoint.npz} is a file
     */
    public static boolean exists(Path directory) {
        return Files.isRegularFile(directory.resolve(FILE));
    }

    /**
     * Writes {@code state} to {@code file}, atomically.
     *
     * @param state the run's state after an epoch
     * @param file where to write (its directory must exist)
     * @throws IOException when the file cannot be written; the old one is then untouched
     */
    public static void save(TrainingState state, Path file) throws IOException {
        Parameters parameters = state.parameters();
        Network network = parameters.network();
        ModelFile.save(network, parameters, file, zip -> writeState(state, network, zip));
    }

    private static void writeState(TrainingState state, Network network, ZipOutputStream zip) throws IOException {
        ModelFile.write(zip, "checkpoint_format", NpyArray.scalar(FORMAT_VERSION));
        ModelFile.write(zip, "settings", NpyArray.scalar(state.settings()));
        ModelFile.write(zip, "epoch", NpyArray.scalar(state.epoch()));
        OptimizerState optimizer = state.optimizer();
        ModelFile.write(zip, "optimizer", NpyArray.scalar(optimizer.optimizer()));
        ModelFile.write(zip, "optimizer_steps", NpyArray.of(new long[] {optimizer.steps()}));
        float[][] arrays = optimizer.arrays();
        for (int i = 0; i < arrays.length; i++) {
            ModelFile.write(zip, "optimizer_state_" + i, NpyArray.of(arrays[i], arrays[i].length));
        }
        int[] order = state.order().order();
        ModelFile.write(zip, "order", NpyArray.of(order, order.length));
        ModelFile.write(zip, "order_epoch", NpyArray.scalar(state.order().epoch()));
        SeededRandom.State shuffle = state.order().random();
        SeededRandom.State dropout = state.dropout();
        ModelFile.write(zip, "random_seeds", NpyArray.of(new long[] {shuffle.seed(), dropout.seed()}, 2));
        ModelFile.write(zip, "random_gaussians", NpyArray.of(new double[] {shuffle.nextNextGaussian(),
            dropout.nextNextGaussian()}, 2));
        ModelFile.write(zip, "random_have_gaussians", NpyArray.of(new int[] {shuffle.haveNextNextGaussian() ? 1 : 0,
            dropout.haveNextNextGaussian() ? 1 : 0}, 2));
        TrainingState.Progress p = state.progress();
        ModelFile.write(zip, "progress", NpyArray.of(new double[] {p.etaFactor(), p.bestValue(), p.bestEpoch(),
            p.sinceBest(), p.sinceHalving(), p.stopped() == null ? -1 : p.stopped().ordinal()}, PROGRESS_VALUES));
        Parameters best = state.best();
        if (best != null) {
            for (int l = 0; l < network.depth(); l++) {
                ModelFile.write(zip, "best_" + ModelReader.weightsKey(l),
                        NpyArray.of(best.weights(l), network.layer(l).width(), network.fanIn(l)));
                ModelFile.write(zip, "best_" + ModelReader.biasesKey(l), NpyArray.of(best.biases(l), network.layer(l).width()));
            }
        }
        List<EpochReport> history = state.history();
        double[] rows = new double[history.size() * HISTORY_COLUMNS];
        for (int e = 0; e < history.size(); e++) {
            EpochReport r = history.get(e);
            double[] row = {r.epoch(), r.epochs(), r.seconds(), value(r.trainingCost()), value(r.trainingAccuracy()),
                value(r.evaluationCost()), value(r.evaluationAccuracy()), value(r.validationCost()),
                value(r.validationAccuracy()), r.learningRate()};
            System.arraycopy(row, 0, rows, e * HISTORY_COLUMNS, HISTORY_COLUMNS);
        }
        ModelFile.write(zip, "history", NpyArray.of(rows, history.size(), HISTORY_COLUMNS));
    }

    private static double value(OptionalDouble v) {
        return v.orElse(Double.NaN);
    }

    /**
     * Reads {@code directory/checkpoint.npz}.
     *
     * @param directory the directory a {@link #in} store wrote to
     * @return the state to give {@code Trainer.Builder.resume}
     * @throws ModelFormatException naming the file and array when an array is missing, has a
     *     wrong dtype or shape, a CRC that does not match, or values that cannot be a run's state
     * @throws IOException when the file cannot be read
     */
    public static TrainingState load(Path directory) throws IOException {
        return read(directory.resolve(FILE));
    }

    /**
     * Reads a checkpoint file.
     *
     * @param file a file written by {@link #save}
     * @return the state it holds
     * @throws ModelFormatException as {@link #load}
     * @throws IOException when the file cannot be read
     */
    public static TrainingState read(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        try (NpzReader npz = NpzReader.open(file)) {
            ModelFile.Loaded model = new ModelReader(npz).read();
            CheckpointReader in = new CheckpointReader(npz, model.network());
            int format = in.ints("checkpoint_format", new int[0])[0];
            if (format != FORMAT_VERSION) {
                throw new ModelFormatException(file, "checkpoint_format", "expected checkpoint format " + FORMAT_VERSION
                        + ", got " + format + (format > FORMAT_VERSION ? "; written by a newer backprop" : ""));
            }
            int epoch = in.ints("epoch", new int[0])[0];
            if (epoch < 1) {
                throw new ModelFormatException(file, "epoch", "expected an epoch of at least 1, got " + epoch);
            }
            double[] progress = in.doubles("progress", new int[] {PROGRESS_VALUES});
            double[] history = in.doubles("history", new int[] {epoch, HISTORY_COLUMNS});
            long[] seeds = in.longs("random_seeds", new int[] {2});
            double[] gaussians = in.doubles("random_gaussians", new int[] {2});
            int[] haveGaussians = in.ints("random_have_gaussians", new int[] {2});
            try {
                SeededRandom.State shuffle = new SeededRandom.State(seeds[0], haveGaussians[0] != 0, gaussians[0]);
                SeededRandom.State dropout = new SeededRandom.State(seeds[1], haveGaussians[1] != 0, gaussians[1]);
                TrainingOrder.State order = new TrainingOrder.State(in.vector("order"), in.ints("order_epoch", new int[0])[0],
                        shuffle);
                return new TrainingState(in.string("settings"), epoch, model.parameters(), in.optimizer(),
                        order, dropout, progress(progress), in.best(), reports(history, epoch));
            } catch (IllegalArgumentException e) {
                throw new ModelFormatException(file, null, "the arrays do not make a training state: " + e.getMessage(), e);
            }
        }
    }

    private static TrainingState.Progress progress(double[] p) {
        int stopped = (int) p[5];
        TrainingOutcome.Reason[] reasons = TrainingOutcome.Reason.values();
        if (stopped < -1 || stopped >= reasons.length) {
            throw new IllegalArgumentException("progress[5], the stop reason, is " + p[5]);
        }
        return new TrainingState.Progress(p[0], p[1], (int) p[2], (int) p[3], (int) p[4], stopped < 0 ? null : reasons[stopped]);
    }

    private static List<EpochReport> reports(double[] rows, int epochs) {
        List<EpochReport> history = new ArrayList<>();
        for (int e = 0; e < epochs; e++) {
            int o = e * HISTORY_COLUMNS;
            history.add(new EpochReport((int) rows[o], (int) rows[o + 1], rows[o + 2], optional(rows[o + 3]),
                    optional(rows[o + 4]), optional(rows[o + 5]), optional(rows[o + 6]), optional(rows[o + 7]),
                    optional(rows[o + 8]), rows[o + 9]));
        }
        return history;
    }

    private static OptionalDouble optional(double v) {
        return Double.isNaN(v) ? OptionalDouble.empty() : OptionalDouble.of(v);
    }
}
