package dev.backprop.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.io.Checkpoint;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README.md's chapter 3 example (momentum, dropout, validation with early stopping, the halving
 * schedule, checkpoints and learning curves together) compiled from the README itself, as Java
 * 17, and run in a fresh JVM in an empty directory: it must train, print its epochs with their
 * validation accuracy, and leave the checkpoint and the curves it promises.
 */
class Chapter3ReadmeExampleTest {
    @TempDir
    Path work;

    @Test
    void chapter3ExampleCompilesTrainsAndLeavesItsFiles() throws Exception {
        Path data = Path.of("..", "data", "mnist10k").toAbsolutePath().normalize();
        String output = ReadmePrograms.compileAndRun(work, "chapter3", "Chapter3", data.toString());
        assertTrue(output.lines().anyMatch(l -> l.startsWith("Epoch 3/3") && l.contains("validation accuracy")), output);
        assertEquals(3, Checkpoint.load(work.resolve("run")).epoch());
        assertTrue(Files.readString(work.resolve("run").resolve("curves.svg")).contains("<polyline"), "the curves");
    }
}
