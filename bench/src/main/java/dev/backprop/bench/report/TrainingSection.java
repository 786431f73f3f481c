package dev.backprop.bench.report;

import dev.backprop.bench.EngineNames;

import dev.backprop.bench.svg.BarChart;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Training as a user sees it: the JMH epoch benchmark on synthetic data, and the book's
 * experiments on real data for the Java engines (reproduce) next to the Python peers, with
 * accuracy, seconds per epoch and the speed relative to ref; plus the accuracy and epoch-time
 * charts.
 */
final class TrainingSection {
    /** The book's figures on the full MNIST, by experiment (see Experiment in the CLI). */
    private static final Map<String, String> BOOK = Map.of(
            "ch1-30", "95.42 % (best of 30, book, chapter 1)",
            "ch1-100", "96.59 % (book, chapter 1)",
            "ch3", "97.92 % (validation set, book, chapter 3)");

    private TrainingSection() {
    }

    static String markdown(Inputs in, Path dir, String prefix, String subtitle) throws IOException {
        StringBuilder s = new StringBuilder();
        List<JmhResult> epoch = in.jmh("EpochBenchmark.epoch");
        if (!epoch.isEmpty()) {
            MarkdownTable t = new MarkdownTable("engine", "network", "m", "examples/s", "× ref").right(2, 3, 4);
            for (JmhResult r : epoch) {
                double ref = epoch.stream().filter(x -> x.param("engine").equals(EngineNames.REF) && x.param("shape").equals(r.param("shape"))
                        && x.param("batch").equals(r.param("batch"))).mapToDouble(JmhResult::opsPerSecond).findFirst().orElse(Double.NaN);
                t.row(r.param("engine"), Fmt.shape(r.param("shape")), r.param("batch"),
                        Fmt.rate(r.opsPerSecond()) + Fmt.error(r.relativeError()), Fmt.times(r.opsPerSecond() / ref));
            }
            s.append("## One SGD epoch\n\nJMH `EpochBenchmark`: `Trainer` over 60,000 synthetic examples (random pixels and "
                    + "labels, as many as the book's training set), everything a training run does per epoch except "
                    + "evaluation; seconds per epoch = 60,000 / (examples/s).\n\n").append(t.markdown()).append('\n');
        }

        List<RunSummary> runs = new ArrayList<>(RunSummary.of(in.reproduce()));
        runs.addAll(RunSummary.of(in.peerEpochs()));
        if (runs.isEmpty()) {
            return s.toString();
        }
        boolean full = Boolean.parseBoolean(in.reproduceProperties().getOrDefault("fullMnist", "false"));
        MarkdownTable t = full
                ? new MarkdownTable("experiment", "implementation", "best", "final", "s/epoch", "speed × ref", "book").right(4, 5)
                : new MarkdownTable("experiment", "implementation", "best", "final", "s/epoch", "speed × ref").right(4, 5);
        for (RunSummary r : runs) {
            double ref = runs.stream().filter(x -> x.engine().equals(EngineNames.REF) && x.experiment().equals(r.experiment()))
                    .mapToDouble(RunSummary::medianSeconds).findFirst().orElse(Double.NaN);
            String seconds = String.format(Locale.ROOT, "%.3f", r.medianSeconds());
            if (full) {
                t.row(r.experiment(), r.engine(), r.best(), r.last(), seconds, Fmt.times(ref / r.medianSeconds()),
                        BOOK.getOrDefault(r.experiment(), ""));
            } else {
                t.row(r.experiment(), r.engine(), r.best(), r.last(), seconds, Fmt.times(ref / r.medianSeconds()));
            }
        }
        String data = in.reproduceProperties().getOrDefault("data", "the bundled mnist10k");
        subtitle = data + " · " + subtitle;
        s.append("## The book's experiments\n\n");
        s.append("`backprop reproduce` (Java engines) and `bench/peers/run.sh` (Python) train the same networks with the same "
                + "hyper-parameters on the same data: ").append(data).append(", ")
                .append(in.reproduceProperties().getOrDefault("training", "?")).append(" training and ")
                .append(in.reproduceProperties().getOrDefault("test", "?")).append(" test images, ")
                .append(in.reproduceProperties().getOrDefault("epochs", "?")).append(" epochs, mini-batches of 10. "
                + "`ch1-30` and `ch1-100`: sigmoid, quadratic cost, N(0,1) weights, η = 3.0 (chapter 1); `ch3`: 100 hidden, "
                + "cross-entropy, N(0,1/n_in) weights, η = 0.5, λ = 5.0 (chapter 3). Initial weights and shuffling come from "
                + "each implementation's own random generator, so accuracies agree in distribution, not digit for digit; "
                + "`ch1-100` (100 sigmoid neurons with N(0,1) weights and η = 3.0) varies a lot from seed to seed, as the "
                + "book's footnote in chapter 1 warns.\n\n");
        s.append(t.markdown()).append('\n');
        s.append("best: highest test accuracy over the epochs (epoch in brackets); final: after the last epoch; s/epoch: "
                + "median wall time of one epoch's training, evaluation excluded; speed × ref: ref's s/epoch divided by "
                + "this one's.");
        s.append(full ? " The book column is the figure the book publishes for this setting on the full MNIST.\n\n"
                : " The book's own figures (95.42 %, 96.59 %, 97.92 %) are for the full MNIST with 50,000 training "
                + "images; on this smaller set expect a few points less.\n\n");
        if (!in.reproduce().isEmpty()) {
            Files.writeString(dir.resolve("accuracy.svg"), Charts.accuracy(in.reproduce(), subtitle), StandardCharsets.UTF_8);
            s.append("![test accuracy per epoch](").append(prefix).append("accuracy.svg)\n\n");
        }
        String first = runs.get(0).experiment();
        BarChart bars = new BarChart("Seconds per epoch, " + first + " (median)", "seconds per epoch (lower is faster)")
                .subtitle(subtitle).format(v -> String.format(Locale.ROOT, "%.3f s", v));
        for (RunSummary r : runs) {
            if (r.experiment().equals(first)) {
                boolean java = in.reproduce().stream().anyMatch(x -> x.engine().equals(r.engine()));
                bars.bar(r.engine(), r.medianSeconds(), java ? "Java engine" : "Python peer");
            }
        }
        Files.writeString(dir.resolve("epoch-time.svg"), bars.render(), StandardCharsets.UTF_8);
        s.append("![seconds per epoch](").append(prefix).append("epoch-time.svg)\n\n");
        return s.toString();
    }
}
