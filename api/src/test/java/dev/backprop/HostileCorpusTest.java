package dev.backprop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.data.Dataset;
import dev.backprop.data.IdxFormatException;
import dev.backprop.data.Mnist;
import dev.backprop.io.ModelFormatException;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every reader against the {@link HostileCorpus}, in a JVM of 96 MiB heap: each case either
 * loads what the file really holds or fails with the reader's own {@code IOException}, in one
 * printable line that names the file. Never an {@link Error} (out of memory, stack overflow),
 * never a runtime exception, never a model that loads with other values.
 */
class HostileCorpusTest {
    @TempDir
    Path dir;

    @Test
    void everyCaseLoadsTheTruthOrFailsWithOneClearLine() throws Exception {
        List<HostileCorpus.Case> cases = new HostileCorpus(dir).generate();
        HostileCorpus.writeManifest(dir, cases);
        Map<String, String[]> results = run();
        assertEquals(cases.size(), results.size(), "one line per case");

        Dataset good = Mnist.loadPair(dir.resolve("good-images"), dir.resolve("good-labels"), 10);
        String goodData = "LOADED " + good.size();
        List<String> problems = new ArrayList<>();
        int failures = 0;
        for (HostileCorpus.Case c : cases) {
            String[] r = results.get(c.name());
            String outcome = r[1];
            String message = r.length > 2 ? r[2] : "";
            String expected = c.kind() == HostileCorpus.Kind.MODEL ? ModelFormatException.class.getName()
                    : IdxFormatException.class.getName();
            if (outcome.equals(expected)) {
                failures++;
                if (!message.contains(dir.resolve(c.name()).toString())) {
                    problems.add(c.name() + ": message does not name the file: " + message);
                }
                if (!message.chars().allMatch(ch -> ch >= 0x20 && ch != 0x7f)) {
                    problems.add(c.name() + ": control characters in: " + message);
                }
                if (message.contains("\\n") || message.contains("null")) {
                    problems.add(c.name() + ": not one clear line: " + message);
                }
            } else if (outcome.equals("SAME")) {
                continue;
            } else if (outcome.startsWith("LOADED")) {
                // Only a plain IDX file has no checksum: a changed pixel or label is a valid file.
                boolean plainFlip = c.name().matches("(images|labels)-flip\\d+");
                if (!plainFlip && !outcome.equals(goodData)) {
                    problems.add(c.name() + ": loaded " + outcome + ", the file does not hold that");
                }
            } else {
                problems.add(c.name() + ": " + outcome + " " + message);
            }
        }
        assertEquals(List.of(), problems);
        assertTrue(failures > cases.size() / 2, failures + " of " + cases.size() + " cases were refused");

        assertMentions(results, "bomb-images-2.7M", "-Xmx", "2700000 × 28 × 28");
        assertMentions(results, "bomb-labels-2e9", "-Xmx", "2000000000");
        assertMentions(results, "model-1GiB-entry", "array 'w2'", "-Xmx");
        assertMentions(results, "model-sizes-overflow", "3458764510062444545 weights");
        assertMentions(results, "model-w2-deep-nesting", "nested more than");
        assertMentions(results, "model-w2-giant-unicode", "array 'w2'", "expected dtype");
        assertMentions(results, "model-w2-header-lie", "\\x00");
        assertMentions(results, "images-field1=65536", "truncated");
        assertMentions(results, "images-gz-field1=65536", "truncated");
        assertMentions(results, "images-field1=2147483647", "at most 2147483639 fit in one array");
    }

    private static void assertMentions(Map<String, String[]> results, String name, String... parts) {
        String[] r = results.get(name);
        String line = String.join(" ", r);
        for (String part : parts) {
            assertTrue(line.contains(part), () -> name + ": expected '" + part + "' in " + line);
        }
    }

    /** Runs {@link HostileCorpus#main} in a JVM with a 96 MiB heap and returns its lines by case name. */
    private Map<String, String[]> run() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Path output = dir.resolve("results.txt");
        Process p = new ProcessBuilder(java, "-Xmx96m", "-Xss512k", "-cp", System.getProperty("java.class.path"),
                HostileCorpus.class.getName(), dir.toString())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the corpus run did not finish in 120 s");
        String text = Files.readString(output, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), text);
        Map<String, String[]> results = new HashMap<>();
        for (String line : text.split("\n")) {
            if (line.contains("\t")) {
                String[] parts = line.split("\t", 3);
                results.put(parts[0], parts);
            }
        }
        return results;
    }
}
