package dev.backprop.bench;

import dev.backprop.Engines;
import dev.backprop.EpochReport;
import dev.backprop.Network;
import dev.backprop.Parameters;
import dev.backprop.Trainer;
import dev.backprop.TrainingDivergedException;
import dev.backprop.TrainingListener;
import dev.backprop.TrainingOutcome;
import dev.backprop.io.LearningCurves;
import dev.backprop.bench.report.Charts;
import dev.backprop.bench.report.EpochRow;
import dev.backprop.bench.report.Machine;
import dev.backprop.bench.report.MarkdownTable;
import dev.backprop.bench.report.RunSummary;
import dev.backprop.data.Dataset;
import dev.backprop.data.Mnist;
import dev.backprop.spi.EngineProvider;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code backprop reproduce}: trains the book's MNIST experiments ({@link Experiment}) on every
 * engine asked for, prints the accuracy after each epoch and a summary table with the book's own
 * figure where the data is the full MNIST, and writes {@code reproduce.csv} (every epoch),
 * {@code reproduce.md} (the tables) and {@code accuracy.svg} (the curves) into {@code --out}.
 *
 * <p>Defaults: the bundled mnist10k, all three experiments, 30 epochs (the book's), seed 1, every
 * available engine. On the full MNIST (recognised by its label counts) the first 50,000 training
 * images are used, as the book's mnist_loader does.
 */
final class Reproduce {
    static final String DEFAULT_OUT = "backprop-results";

    private final PrintStream out;

    Reproduce(PrintStream out) {
        this.out = out;
    }

    int run(Options o) throws IOException {
        List<Experiment> experiments = Experiment.parse(o.string("--experiments", "ch1-30,ch1-100,ch3"));
        int epochs = o.integer("--epochs", 30, 1);
        List<Long> seeds = seeds(o.string("--seeds", "1"));
        Path dir = Path.of(o.string("--out", DEFAULT_OUT));
        List<String> skipped = new ArrayList<>();
        List<EngineProvider> engines = engines(o, skipped);

        Mnist.Split data = Main.load(o, out);
        boolean full = FullMnist.matches(data);
        Dataset training = data.training();
        if (o.has("--limit")) {
            training = training.slice(0, Math.min(training.size(), o.integer("--limit", 0, 1)));
        } else if (full) {
            training = training.slice(0, FullMnist.BOOK_TRAINING_SIZE);
        }
        String dataName = o.has("--data") ? Path.of(o.string("--data", null)).toAbsolutePath().normalize().toString()
                : BundledData.DESCRIPTION;
        out.println("training " + training.size() + " examples, test " + data.test().size() + (full
                ? "; this is the full MNIST: the first 50,000 training images, as in the book" : ""));
        out.println("engines  " + String.join(", ", engines.stream().map(EngineProvider::name).toList())
                + (skipped.isEmpty() ? "" : "; skipped: " + String.join("; ", skipped)));
        out.println("runs     " + experiments.size() + " experiments × " + engines.size() + " engines × " + seeds.size()
                + " seeds, " + epochs + " epochs each, mini-batch " + Experiment.MINI_BATCH);

        List<EpochRow> rows = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Files.createDirectories(dir);
        for (Experiment e : experiments) {
            Network network = e.network(training.inputWidth(), training.outputWidth());
            for (EngineProvider engine : engines) {
                for (long seed : seeds) {
                    String run = e.id() + " " + engine.name() + " seed " + seed;
                    Experiment.Chapter3 more = e.more();
                    String curvesName = "curves-" + e.id() + "-" + engine.name() + "-seed" + seed + ".svg";
                    TrainingListener printer = new TrainingListener() {
                        @Override
                        public void epochFinished(EpochReport r) {
                            double accuracy = r.evaluationAccuracy().orElse(Double.NaN);
                            rows.add(new EpochRow(e.id(), engine.name(), seed, r.epoch(), accuracy, r.seconds()));
                            out.printf(Locale.ROOT, "%s epoch %2d/%d: test accuracy %6.2f %%  %7.3f s%n", run,
                                    r.epoch(), r.epochs(), 100 * accuracy, r.seconds());
                        }

                        @Override
                        public void trainingFinished(TrainingOutcome outcome) {
                            if (outcome.metric() != null) {
                                double kept = rows.stream().filter(row -> row.experiment().equals(e.id())
                                        && row.engine().equals(engine.name()) && row.seed() == seed
                                        && row.epoch() == outcome.bestEpoch()).mapToDouble(EpochRow::accuracy).findFirst()
                                        .orElse(Double.NaN);
                                String line = String.format(Locale.ROOT, "%s: %s; the kept parameters' test accuracy %.2f %%",
                                        run, outcome, 100 * kept);
                                notes.add(line);
                                out.println(line);
                            }
                        }
                    };
                    Trainer trainer = Trainer.builder().learningRate(e.eta()).lambda(e.lambda()).epochs(epochs)
                            .miniBatchSize(Experiment.MINI_BATCH).seed(seed).engine(engine)
                            .optimizer(more.optimizer()).lambda1(more.lambda1()).dropout(more.dropout())
                            .schedule(more.schedule()).validation(more.validation()).earlyStopping(more.earlyStop())
                            .listener(LearningCurves.writingTo(dir.resolve(curvesName), run + ": " + e.description())
                                    .andThen(printer)).build();
                    try {
                        trainer.train(Parameters.initialize(network, e.init(), seed), training, data.test());
                    } catch (TrainingDivergedException | IllegalArgumentException | IllegalStateException ex) {
                        failures.add(run + ": " + ex.getMessage());
                        out.println(run + ": failed: " + ex.getMessage());
                    }
                }
            }
        }

        MarkdownTable summary = summary(experiments, rows, full);
        out.println();
        out.print(summary.text());
        if (!full) {
            out.println("(the book's figures are for the full MNIST; pass --data DIR with it to compare)");
        }
        EpochRow.write(dir.resolve("reproduce.csv"), rows);
        Machine machine = Machine.here();
        String subtitle = dataName + " · " + machine.line();
        if (!rows.isEmpty()) {
            Files.writeString(dir.resolve("accuracy.svg"), Charts.accuracy(rows, subtitle), StandardCharsets.UTF_8);
        }
        Files.writeString(dir.resolve("reproduce.md"),
                markdown(experiments, summary, rows, dataName, training, data, full, epochs, seeds, skipped, failures, notes,
                        machine),
                StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("reproduce.properties"), String.join("\n",
                "data=" + dataName, "training=" + training.size(), "test=" + data.test().size(), "fullMnist=" + full,
                "epochs=" + epochs, "seeds=" + seeds, "skipped=" + String.join("; ", skipped)) + "\n",
                StandardCharsets.UTF_8);
        out.println("wrote    " + dir.resolve("reproduce.csv") + ", reproduce.md, accuracy.svg, curves-*.svg");
        return failures.isEmpty() ? Main.OK : Main.FAILED;
    }

    private static MarkdownTable summary(List<Experiment> experiments, List<EpochRow> rows, boolean full) {
        MarkdownTable table = full
                ? new MarkdownTable("experiment", "engine", "seeds", "best", "final", "s/epoch", "book").right(2, 5)
                : new MarkdownTable("experiment", "engine", "seeds", "best", "final", "s/epoch").right(2, 5);
        for (RunSummary s : RunSummary.of(rows)) {
            String seconds = String.format(Locale.ROOT, "%.3f", s.medianSeconds());
            if (full) {
                Experiment e = experiments.stream().filter(x -> x.id().equals(s.experiment())).findFirst().orElseThrow();
                table.row(s.experiment(), s.engine(), Integer.toString(s.seeds()), s.best(), s.last(), seconds,
                        e.book() == null ? "—" : String.format(Locale.ROOT, "%.2f %%", e.book().percent()));
            } else {
                table.row(s.experiment(), s.engine(), Integer.toString(s.seeds()), s.best(), s.last(), seconds);
            }
        }
        return table;
    }

    private static String markdown(List<Experiment> experiments, MarkdownTable summary, List<EpochRow> rows, String dataName,
                                   Dataset training, Mnist.Split data, boolean full, int epochs, List<Long> seeds,
                                   List<String> skipped, List<String> failures, List<String> notes, Machine machine) {
        StringBuilder s = new StringBuilder("# The book's MNIST experiments, reproduced\n\n");
        s.append("Data: ").append(dataName).append(" (").append(training.size()).append(" training, ")
                .append(data.test().size()).append(" test examples). ").append(epochs).append(" epochs, seeds ")
                .append(seeds).append(", mini-batch ").append(Experiment.MINI_BATCH).append(".  \n");
        s.append("Machine: ").append(machine.line()).append(".\n\n");
        for (Experiment e : experiments) {
            s.append("- `").append(e.id()).append("`: ").append(e.description()).append(". Book: ")
                    .append(e.book() == null ? "no figure for this exact setting" : e.book().source()).append(".\n");
        }
        s.append("\n").append(summary.markdown()).append('\n');
        s.append("best: the highest test accuracy over the epochs (mean over seeds, range in brackets); final: after the "
                + "last epoch; s/epoch: median wall time of an epoch's training, evaluation excluded.");
        s.append(full ? " The book column is the figure the book publishes for this setting.\n"
                : " The book's figures are for the full MNIST (50,000 training images) and are not shown for this data.\n");
        if (!skipped.isEmpty()) {
            s.append("\nSkipped engines: ").append(String.join("; ", skipped)).append(".\n");
        }
        for (String f : failures) {
            s.append("\nFailed: ").append(f).append('\n');
        }
        if (!notes.isEmpty()) {
            s.append("\nRuns that watched a validation metric (final: the last epoch trained; the run keeps the best "
                    + "epoch's parameters):\n\n");
            for (String n : notes) {
                s.append("- ").append(n).append('\n');
            }
        }
        s.append("\n![test accuracy per epoch](accuracy.svg)\n");
        return s.toString();
    }

    private List<EngineProvider> engines(Options o, List<String> skipped) {
        Engines found = Engines.load();
        List<EngineProvider> chosen = new ArrayList<>();
        if (o.has("--engines")) {
            for (String name : o.string("--engines", "").split(",")) {
                try {
                    chosen.add(found.choose(name.trim()));
                } catch (IllegalArgumentException | IllegalStateException e) {
                    skipped.add(name.trim() + ": " + e.getMessage());
                }
            }
        } else {
            for (EngineProvider p : found.providers()) {
                try {
                    chosen.add(found.choose(p.name()));
                } catch (IllegalStateException e) {
                    skipped.add(p.name() + ": " + e.getMessage());
                }
            }
        }
        for (String s : skipped) {
            out.println("skipped  " + s);
        }
        if (chosen.isEmpty()) {
            throw new UsageException("no engine to run: " + String.join("; ", skipped) + "; 'backprop engines' lists them");
        }
        return chosen;
    }

    private static List<Long> seeds(String list) {
        List<Long> seeds = new ArrayList<>();
        for (String s : list.split(",")) {
            try {
                seeds.add(Long.parseLong(s.trim()));
            } catch (NumberFormatException e) {
                throw new UsageException("--seeds needs whole numbers like 1,2,3, got '" + list + "'");
            }
        }
        return seeds;
    }
}
