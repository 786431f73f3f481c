package dev.backprop.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedding example in README.md is the code a new user copies first, so it is compiled
 * from the README itself (as Java 17, with only the api and engine-ref jars' classes on the
 * class path) and run in a fresh JVM in an empty directory.
 */
class ReadmeExampleTest {
    @TempDir
    Path work;

    @Test
    void readmeExampleCompilesAndTrains() throws Exception {
        String code = ReadmePrograms.code("example");
        long lines = code.strip().lines().count();
        assertTrue(lines <= 20, "the README example should stay short, it has " + lines + " lines");

        Path data = Path.of("..", "data", "mnist10k").toAbsolutePath().normalize();
        String output = ReadmePrograms.compileAndRun(work, "example", "Example", data.toString());
        List<String> printed = output.lines().toList();
        assertTrue(printed.stream().anyMatch(l -> l.startsWith("Epoch 1/1")), output);
        assertTrue(printed.stream().anyMatch(l -> l.matches("first test digit: label \\d, network says \\d")), output);
        assertTrue(Files.isRegularFile(work.resolve("model.npz")), "the example saves model.npz");
    }
}
