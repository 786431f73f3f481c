package dev.backprop.bench.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The run-level suite's sections ({@code dev.backprop.bench.runs.RunSuite}): whole processes that
 * took turns round by round, so each ratio is taken within a round. Reads {@code runs-train.csv},
 * {@code runs-cold.csv} and {@code runs-cotenant.csv}; a missing file leaves its section out.
 */
final class RunsSection {
    private RunsSection() {
    }

    static String markdown(Path dir) throws IOException {
        String sections = train(Csv.read(dir.resolve("runs-train.csv"))) + cold(Csv.read(dir.resolve("runs-cold.csv")))
                + cotenant(Csv.read(dir.resolve("runs-cotenant.csv")));
        if (sections.isEmpty()) {
            return "";
        }
        int afterFirstHeading = sections.indexOf("\n\n") + 2;
        return sections.substring(0, afterFirstHeading) + when(dir.resolve("runs-machine.txt"))
                + sections.substring(afterFirstHeading);
    }

    /** The suite's own date and load ({@code runs-machine.txt}), or nothing. */
    private static String when(Path file) throws IOException {
        String when = MeasuredWhen.of(file);
        return when == null ? "" : "This section and the next two come from one run of `RunSuite`, " + when + ".\n\n";
    }

    private static String train(List<Map<String, String>> rows) {
        if (rows.isEmpty()) {
            return "";
        }
        MarkdownTable table = new MarkdownTable("experiment", "implementation", "runs", "training time, all epochs",
                "first epoch", "later epochs (median)", "first / later", "whole process", "× numpy, training",
                "× numpy, process").right(2, 3, 4, 5, 6, 7, 8, 9);
        int epochs = rows.get(0).get("epochs").split(";").length;
        for (String experiment : distinct(rows, "experiment")) {
            List<Map<String, String>> of = rows.stream().filter(r -> r.get("experiment").equals(experiment)).toList();
            for (String implementation : distinct(of, "implementation")) {
                List<Map<String, String>> mine = of.stream().filter(r -> r.get("implementation").equals(implementation)).toList();
                double first = median(mine, "first_epoch");
                double later = median(mine, "later_epoch_median");
                table.row(experiment, implementation, Integer.toString(mine.size()), seconds(median(mine, "epochs_seconds")),
                        seconds(first), seconds(later), String.format("%.1f", first / later),
                        seconds(median(mine, "process_seconds")), numpyRatio(of, mine, "epochs_seconds"),
                        numpyRatio(of, mine, "process_seconds"));
            }
        }
        return "## Time to a trained model\n\n"
                + "Whole processes, one after another in rotating order, round after round (`RunSuite`): each trains the "
                + "book's network for " + epochs + " epochs on all of the data set's training images, mini-batches of 10, "
                + "and reports each epoch's training time (data loaded before, evaluation excluded); the whole process "
                + "includes the JVM or interpreter starting, loading the data and each epoch's test accuracy. The Java "
                + "side is `RunChild train` (a fresh JVM each time; \"+AOT cache\" with `-XX:AOTCache` made by a short "
                + "training run), the peers `bench/peers/peer.py --impl batch`. \"× numpy\" is the median over rounds of "
                + "this run's time divided by the fastest numpy peer's in the same round: below 1 is faster.\n\n"
                + table.markdown() + "\n";
    }

    private static String cold(List<Map<String, String>> rows) {
        if (rows.isEmpty()) {
            return "";
        }
        MarkdownTable table = new MarkdownTable("implementation", "first gradient, process", "first gradient, in the program",
                "first prediction, process", "first prediction, in the program").right(1, 2, 3, 4);
        for (String implementation : distinct(rows, "implementation")) {
            List<Map<String, String>> gradient = rows.stream()
                    .filter(r -> r.get("implementation").equals(implementation) && r.get("mode").equals("first-gradient")).toList();
            List<Map<String, String>> prediction = rows.stream()
                    .filter(r -> r.get("implementation").equals(implementation) && r.get("mode").equals("first-prediction")).toList();
            table.row(implementation, spread(gradient, "process_ms"), ms(median(gradient, "in_process_ms")),
                    spread(prediction, "process_ms"), ms(median(prediction, "in_process_ms")));
        }
        return "## Cold start\n\n"
                + "A whole process that computes one gradient of [784, 30, 10] (BP1–BP4 on a seeded mini-batch of 10: engine "
                + "chosen by name, opened, parameters set) or one prediction (a `Predictor` on one example) and exits; "
                + "`RunChild first-gradient|first-prediction` and `bench/peers/first.py`, in rotating order. \"process\": "
                + "from starting the process to its exit, median (min–max); \"in the program\": from `main` (or the "
                + "script's first line) to the result.\n\n"
                + table.markdown() + "\n";
    }

    private static String cotenant(List<Map<String, String>> rows) {
        if (rows.isEmpty()) {
            return "";
        }
        MarkdownTable table = new MarkdownTable("engine", "experiment", "rounds", "quiet", "busy neighbour", "one core",
                "neighbour / one core", "first epoch: quiet, neighbour, one core").right(2, 3, 4, 5, 6, 7);
        for (String engine : distinct(rows, "engine")) {
            for (String experiment : distinct(rows, "experiment")) {
                List<Map<String, String>> mine = rows.stream()
                        .filter(r -> r.get("engine").equals(engine) && r.get("experiment").equals(experiment)).toList();
                if (mine.isEmpty()) {
                    continue;
                }
                Map<String, List<Map<String, String>>> by = new LinkedHashMap<>();
                for (String c : List.of("quiet", "neighbour", "confined")) {
                    by.put(c, mine.stream().filter(r -> r.get("condition").equals(c)).toList());
                }
                List<Double> ratios = new ArrayList<>();
                for (Map<String, String> n : by.get("neighbour")) {
                    for (Map<String, String> c : by.get("confined")) {
                        if (c.get("round").equals(n.get("round"))) {
                            ratios.add(Double.parseDouble(n.get("later_epoch_median"))
                                    / Double.parseDouble(c.get("later_epoch_median")));
                        }
                    }
                }
                table.row(engine, experiment, Integer.toString(by.get("quiet").size()),
                        seconds(median(by.get("quiet"), "later_epoch_median")),
                        seconds(median(by.get("neighbour"), "later_epoch_median")),
                        seconds(median(by.get("confined"), "later_epoch_median")),
                        ratios.isEmpty() ? "–" : String.format("%.2f", Quantile.of(sorted(ratios), 0.5)),
                        seconds(median(by.get("quiet"), "first_epoch")) + ", " + seconds(median(by.get("neighbour"), "first_epoch"))
                                + ", " + seconds(median(by.get("confined"), "first_epoch")));
            }
        }
        return "## A busy neighbour\n\n"
                + "Training epochs (the median of the epochs after the first, per process) with the machine as it is "
                + "(\"quiet\"), with another process keeping processor 1 busy (`taskset -c 1 sh -c 'while :; do :; done'`, "
                + "started before the run and stopped after it), and confined to processor 0 (`taskset -c 0`) with that "
                + "neighbour on processor 1: the three take turns in each round. \"neighbour / one core\" is the median of "
                + "the per-round ratios; above 1, the engine's threads cost more than they gained on a shared machine.\n\n"
                + table.markdown() + "\n";
    }

    /** This implementation's value over the fastest numpy peer's in the same round, median over rounds. */
    private static String numpyRatio(List<Map<String, String>> experiment, List<Map<String, String>> mine, String column) {
        List<Double> ratios = new ArrayList<>();
        for (Map<String, String> r : mine) {
            double best = experiment.stream().filter(p -> p.get("implementation").startsWith("numpy")
                    && p.get("round").equals(r.get("round"))).mapToDouble(p -> Double.parseDouble(p.get(column))).min()
                    .orElse(Double.NaN);
            if (!Double.isNaN(best)) {
                ratios.add(Double.parseDouble(r.get(column)) / best);
            }
        }
        return ratios.isEmpty() ? "–" : String.format("%.2f", Quantile.of(sorted(ratios), 0.5));
    }

    private static Set<String> distinct(List<Map<String, String>> rows, String column) {
        Set<String> values = new LinkedHashSet<>();
        rows.forEach(r -> values.add(r.get(column)));
        return values;
    }

    private static double median(List<Map<String, String>> rows, String column) {
        return rows.isEmpty() ? Double.NaN
                : Quantile.of(rows.stream().mapToDouble(r -> Double.parseDouble(r.get(column))).sorted().toArray(), 0.5);
    }

    private static String spread(List<Map<String, String>> rows, String column) {
        if (rows.isEmpty()) {
            return "–";
        }
        double[] v = rows.stream().mapToDouble(r -> Double.parseDouble(r.get(column))).sorted().toArray();
        return String.format("%.0f ms (%.0f–%.0f)", Quantile.of(v, 0.5), v[0], v[v.length - 1]);
    }

    private static double[] sorted(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    }

    private static String seconds(double s) {
        return Double.isNaN(s) ? "–" : String.format("%.3f s", s);
    }

    private static String ms(double v) {
        return Double.isNaN(v) ? "–" : String.format("%.0f ms", v);
    }
}
