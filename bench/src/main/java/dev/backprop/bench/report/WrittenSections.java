package dev.backprop.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Sections of RESULTS.md that no table in the results directory can produce: measurements taken
 * by their own commands (chapter 3's peers, the inference benchmark against ONNX Runtime), each
 * written by hand with its date, machine load and command, in {@code written/*.md} under the
 * results directory. They are copied into the page in file-name order after the generated
 * sections, so regenerating the page keeps them, and a section goes stale only by its own date.
 */
final class WrittenSections {
    /** The folder under the results directory. */
    static final String FOLDER = "written";

    private WrittenSections() {
    }

    static String markdown(Path resultsDir) throws IOException {
        Path folder = resultsDir.resolve(FOLDER);
        if (!Files.isDirectory(folder)) {
            return "";
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(folder)) {
            files = listing.filter(f -> f.getFileName().toString().endsWith(".md")).sorted().toList();
        }
        StringBuilder s = new StringBuilder();
        for (Path file : files) {
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (!text.isEmpty()) {
                s.append(text).append("\n\n");
            }
        }
        return s.toString();
    }
}
