package dev.backprop.bench;

import dev.backprop.bench.report.Inputs;
import dev.backprop.bench.report.ResultsPage;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code backprop report [--results DIR] [--out FILE]}: turns what {@code bench/run-all.sh}
 * collected in DIR (default bench/results) into FILE (default RESULTS.md next to DIR) with its
 * tables, and draws the charts into DIR as SVG.
 */
final class Report {
    private final PrintStream out;

    Report(PrintStream out) {
        this.out = out;
    }

    int run(Options o) throws IOException {
        Path dir = Path.of(o.string("--results", "bench/results"));
        if (!Files.isDirectory(dir)) {
            throw new UsageException("--results " + dir + ": no such directory; run bench/run-all.sh first, or name the "
                    + "directory that holds jmh.json, reproduce.csv, peers-*.csv or paired.csv");
        }
        Path parent = dir.toAbsolutePath().getParent();
        Path page = o.has("--out") ? Path.of(o.string("--out", null))
                : (parent == null ? Path.of("RESULTS.md") : parent.resolve("RESULTS.md"));
        Inputs inputs = Inputs.read(dir);
        boolean runs = Files.isRegularFile(dir.resolve("runs-train.csv")) || Files.isRegularFile(dir.resolve("runs-cold.csv"))
                || Files.isRegularFile(dir.resolve("runs-cotenant.csv"));
        if (inputs.jmh().isEmpty() && inputs.reproduce().isEmpty() && inputs.peerEpochs().isEmpty()
                && inputs.peerThroughput().isEmpty() && inputs.paired().isEmpty() && !runs) {
            throw new UsageException("--results " + dir + " holds no results (jmh.json, reproduce.csv, peers-*.csv, paired.csv, "
                    + "runs-*.csv)");
        }
        Files.writeString(page, ResultsPage.render(inputs, dir, page), StandardCharsets.UTF_8);
        out.println("wrote " + page + " and the charts in " + dir);
        return Main.OK;
    }
}
