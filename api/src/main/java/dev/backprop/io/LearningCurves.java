package dev.backprop.io;

import dev.backprop.EpochReport;
import dev.backprop.TrainingListener;
import dev.backprop.TrainingOutcome;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A {@link TrainingListener} that draws the learning curves of chapter 3's overfitting
 * discussion as an SVG: cost and accuracy per epoch on the training, validation and evaluation
 * data (whichever the trainer measured; switch the monitors on with
 * {@code Trainer.Builder.monitorAll(true)}), η per epoch as the schedule set it, and the best
 * epoch and the early stop marked. With a file, the picture is rewritten (atomically) after every
 * epoch, so a long run can be watched and a killed one still leaves its curves.
 *
 * <pre>{@code
 * LearningCurves curves = LearningCurves.writingTo(Path.of("curves.svg"), "[784, 100, 10], η = 0.5");
 * Trainer.builder().monitorAll(true).listener(curves)...build().train(parameters, training, test);
 * String svg = curves.svg();
 * }</pre>
 *
 * <p>The drawing lives in the api (a small SVG writer, no dependency) so that any program that
 * trains gets its curves, and the command line's {@code --plot} uses this same class. After a
 * resume, the epochs before the interruption come from the checkpoint and the curve is whole.
 * Not thread-safe: the trainer calls it from its one thread.
 */
public final class LearningCurves implements TrainingListener {
    private final Path file;
    private final String title;
    private final TrainingListener next;
    private final List<EpochReport> reports = new ArrayList<>();
    private TrainingOutcome outcome;

    private LearningCurves(Path file, String title, TrainingListener next) {
        this.file = file;
        this.title = Objects.requireNonNull(title, "title");
        this.next = next;
    }

    /**
     * Curves kept in memory; {@link #svg()} draws them.
     *
     * @param title the picture's title, such as the network and its settings
     * @return a listener for {@code Trainer.Builder.listener}
     */
    public static LearningCurves inMemory(String title) {
        return new LearningCurves(null, title, null);
    }

    /**
     * Curves rewritten to {@code file} after every epoch and at the end.
     *
     * @param file the SVG to write; its directory must exist
     * @param title the picture's title
     * @return a listener for {@code Trainer.Builder.listener}
     */
    public static LearningCurves writingTo(Path file, String title) {
        return new LearningCurves(Objects.requireNonNull(file, "file"), title, null);
    }

    /**
     * The same curves, telling {@code listener} everything too (a progress bar, say).
     *
     * @param listener called after this one for every event
     * @return a new listener with this one's file and title and no reports yet
     */
    public LearningCurves andThen(TrainingListener listener) {
        return new LearningCurves(file, title, Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public void epochFinished(EpochReport report) {
        reports.add(report);
        write();
        if (next != null) {
            next.epochFinished(report);
        }
    }

    @Override
    public void batchFinished(int epoch, int batch, int batches) {
        if (next != null) {
            next.batchFinished(epoch, batch, batches);
        }
    }

    @Override
    public void resumed(List<EpochReport> earlier) {
        reports.clear();
        reports.addAll(earlier);
        if (next != null) {
            next.resumed(earlier);
        }
    }

    @Override
    public void trainingFinished(TrainingOutcome outcome) {
        this.outcome = outcome;
        write();
        if (next != null) {
            next.trainingFinished(outcome);
        }
    }

    /**
     * The picture of the epochs so far.
     *
     * @return a complete SVG document
     */
    public String svg() {
        return CurvePlot.draw(title, reports, outcome);
    }

    /**
     * The reports drawn so far.
     *
     * @return a copy, in epoch order
     */
    public List<EpochReport> reports() {
        return List.copyOf(reports);
    }

    private void write() {
        if (file == null) {
            return;
        }
        byte[] bytes = svg().getBytes(StandardCharsets.UTF_8);
        try {
            AtomicFile.write(file, out -> out.write(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the learning curves to " + file + ": " + e.getMessage(), e);
        }
    }
}
