package dev.backprop.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The plain CSV this module writes and reads: a header line, then one record per line, fields
 * separated by commas. No quoting: every value written here (names, numbers) is free of commas,
 * quotes and line breaks, and {@link #write} refuses one that is not.
 */
public final class Csv {
    private Csv() {
    }

    /** Each record as a map from column name to value, in file order; empty when the file is missing. */
    public static List<Map<String, String>> read(Path file) throws IOException {
        List<Map<String, String>> rows = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return rows;
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty()) {
            return rows;
        }
        String[] header = lines.get(0).split(",", -1);
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            String[] fields = line.split(",", -1);
            if (fields.length != header.length) {
                throw new IOException(file + " line " + (i + 1) + ": expected " + header.length + " fields ("
                        + String.join(",", header) + "), found " + fields.length);
            }
            Map<String, String> row = new LinkedHashMap<>();
            for (int c = 0; c < header.length; c++) {
                row.put(header[c], fields[c].trim());
            }
            rows.add(row);
        }
        return rows;
    }

    /** Writes a header and records. */
    public static void write(Path file, List<String> header, List<List<String>> rows) throws IOException {
        StringBuilder s = new StringBuilder(line(header));
        for (List<String> row : rows) {
            s.append(line(row));
        }
        Files.writeString(file, s, StandardCharsets.UTF_8);
    }

    private static String line(List<String> fields) {
        for (String f : fields) {
            if (f.contains(",") || f.contains("\"") || f.contains("\n")) {
                throw new IllegalArgumentException("CSV field needs no quoting here, got '" + f + "'");
            }
        }
        return String.join(",", fields) + "\n";
    }
}
