package dev.backprop.bench;

import dev.backprop.EpochReport;
import dev.backprop.TrainingListener;
import dev.backprop.TrainingOutcome;

import java.io.PrintStream;

/**
 * Draws one bar per epoch, redrawn in place with a carriage return on a terminal; when the
 * output is a file or a pipe it prints only the finished line, so logs stay readable.
 */
final class ProgressBar implements TrainingListener {
    private static final int WIDTH = 30;
    private final PrintStream out;
    private final boolean terminal;
    private final int examples;
    private int drawn = -1;
    private TrainingOutcome outcome;

    ProgressBar(PrintStream out, boolean terminal, int examples) {
        this.out = out;
        this.terminal = terminal;
        this.examples = examples;
    }

    @Override
    public void batchFinished(int epoch, int batch, int batches) {
        if (!terminal) {
            return;
        }
        int filled = (int) ((long) WIDTH * batch / batches);
        if (filled != drawn) {
            drawn = filled;
            out.print("\rEpoch " + epoch + " " + bar(filled) + " " + (long) examples * batch / batches + "/" + examples);
            out.flush();
        }
    }

    @Override
    public void epochFinished(EpochReport report) {
        drawn = -1;
        StringBuilder line = new StringBuilder();
        line.append(terminal ? "\r" : "").append(String.format("Epoch %2d/%d %s %d/%d %6.2f s", report.epoch(),
                report.epochs(), bar(WIDTH), examples, examples, report.seconds()));
        report.trainingCost().ifPresent(c -> line.append(String.format("  training cost %.4f", c)));
        report.trainingAccuracy().ifPresent(a -> line.append(String.format("  training accuracy %.2f %%", 100 * a)));
        report.validationCost().ifPresent(c -> line.append(String.format("  validation cost %.4f", c)));
        report.validationAccuracy().ifPresent(a -> line.append(String.format("  validation accuracy %.2f %%", 100 * a)));
        report.evaluationCost().ifPresent(c -> line.append(String.format("  test cost %.4f", c)));
        report.evaluationAccuracy().ifPresent(a -> line.append(String.format("  test accuracy %.2f %%", 100 * a)));
        out.println(line);
    }

    /** Says how a run that watched a metric, or stopped early, ended; silent for a plain run. */
    @Override
    public void trainingFinished(TrainingOutcome outcome) {
        this.outcome = outcome;
        if (outcome.metric() != null || outcome.reason() != TrainingOutcome.Reason.COMPLETED) {
            out.println("stopped  " + outcome);
        }
    }

    @Override
    public void resumed(java.util.List<EpochReport> earlier) {
        out.println("resumed  after epoch " + earlier.size() + " from the checkpoint");
    }

    /** How the run ended, once it has. */
    TrainingOutcome outcome() {
        return outcome;
    }

    private static String bar(int filled) {
        return "[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "]";
    }
}
