package dev.backprop.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The date and machine load of a measurement run that may be newer than the rest of the results
 * directory, read from a "key: value" file ({@code date}, {@code load-before}, {@code load-after})
 * that the run left beside its figures; sections whose figures come from such a run say so.
 */
final class MeasuredWhen {
    private MeasuredWhen() {
    }

    /** "started DATE (1-minute load average B before, A after)", or null without the file. */
    static String of(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        Map<String, List<String>> values = Inputs.keyValues(file);
        return "started " + first(values, "date") + " (1-minute load average " + first(values, "load-before") + " before, "
                + first(values, "load-after") + " after)";
    }

    private static String first(Map<String, List<String>> values, String key) {
        List<String> all = values.get(key);
        return all == null || all.isEmpty() ? "?" : all.get(0);
    }
}
