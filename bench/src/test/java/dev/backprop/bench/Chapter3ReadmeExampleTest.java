package dev.backprop.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README.md's chapter 3 example (momentum, dropout, validation with early stopping, the halving
 * schedule, checkpoints and learning curves together) compiled from the README itself, as Java
 * 17, and run in a fresh JVM in an empty directory: it must train, print its epochs with their
 * validation accuracy, and leave the checkpoint and the curves it promises.
 */
class Chapter3ReadmeExampleTest {
    private static final String START = "<!-- chapter3:start -->";
    private static final String END = "<!-- chapter3:end -->";

    @TempDir
    Path work;

    @Test
    void chapter3ExampleCompilesTrainsAndLeavesItsFiles() throws Exception {
        Path readme = Path.of("..", "README.md");
        String text = Files.readString(readme);
        int start = text.indexOf(START);
        int end = text.indexOf(END);
        assertTrue(start >= 0 && end > start, "README.md lacks the " + START + " … " + END + " block");
        String block = text.substring(start + START.length(), end);
        String code = block.substring(block.indexOf("```java") + 7, block.lastIndexOf("```"));

        Path source = work.resolve("Chapter3.java");
        Files.writeString(source, code);
        String classPath = System.getProperty("java.class.path");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int compiled = javac.run(null, null, null, "--release", "17", "-cp", classPath, "-d", work.toString(),
                source.toString());
        assertEquals(0, compiled, "the README's chapter 3 example does not compile");

        Path data = Path.of("..", "data", "mnist10k").toAbsolutePath().normalize();
        String java = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(java, "-cp", work + File.pathSeparator + classPath, "Chapter3", data.toString())
                .directory(work.toFile()).redirectErrorStream(true).start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the README example did not finish in 2 minutes");
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), output);
        List<String> printed = output.lines().toList();
        assertTrue(printed.stream().anyMatch(l -> l.startsWith("Epoch 3/3") && l.contains("validation accuracy")), output);
        assertEquals(3, dev.backprop.io.Checkpoint.load(work.resolve("run")).epoch());
        assertTrue(Files.readString(work.resolve("run").resolve("curves.svg")).contains("<polyline"), "the curves");
    }
}
