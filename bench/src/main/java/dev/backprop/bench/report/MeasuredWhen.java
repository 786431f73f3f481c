package dev.backprop.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
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
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            int colon = line.indexOf(": ");
            if (colon > 0) {
                values.put(line.substring(0, colon).trim(), line.substring(colon + 2).trim());
            }
        }
        return "started " + values.getOrDefault("date", "?") + " (1-minute load average "
                + values.getOrDefault("load-before", "?") + " before, " + values.getOrDefault("load-after", "?") + " after)";
    }
}
