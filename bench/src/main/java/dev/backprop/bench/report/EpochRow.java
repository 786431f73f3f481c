package dev.backprop.bench.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One epoch of one training run: the common record of {@code reproduce.csv} (Java engines) and
 * {@code peers-epochs.csv} (Python peers).
 *
 * @param engine   a Java engine name ("ref") or a peer label ("numpy-batch/pip/1t")
 * @param accuracy test accuracy after the epoch, 0 to 1
 * @param seconds  wall time of the epoch's training, evaluation excluded
 */
public record EpochRow(String experiment, String engine, long seed, int epoch, double accuracy, double seconds) {
    public static final List<String> HEADER = List.of("experiment", "engine", "seed", "epoch", "accuracy", "seconds");

    public List<String> fields() {
        return List.of(experiment, engine, Long.toString(seed), Integer.toString(epoch),
                String.format(Locale.ROOT, "%.6f", accuracy), String.format(Locale.ROOT, "%.6f", seconds));
    }

    public static void write(Path file, List<EpochRow> rows) throws IOException {
        List<List<String>> records = new ArrayList<>();
        for (EpochRow r : rows) {
            records.add(r.fields());
        }
        Csv.write(file, HEADER, records);
    }

    public static List<EpochRow> read(Path file) throws IOException {
        List<EpochRow> rows = new ArrayList<>();
        for (Map<String, String> r : Csv.read(file)) {
            rows.add(new EpochRow(r.get("experiment"), r.get("engine"), Long.parseLong(r.get("seed")),
                    Integer.parseInt(r.get("epoch")), Double.parseDouble(r.get("accuracy")),
                    Double.parseDouble(r.get("seconds"))));
        }
        return rows;
    }
}
