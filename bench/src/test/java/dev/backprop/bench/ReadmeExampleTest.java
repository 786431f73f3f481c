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
 * The embedding example in README.md is the code a new user copies first, so it is compiled
 * from the README itself (as Java 17, with only the api and engine-ref jars' classes on the
 * class path) and run in a fresh JVM in an empty directory.
 */
class ReadmeExampleTest {
    private static final String START = "<!-- example:start -->";
    private static final String END = "<!-- example:end -->";

    @TempDir
    Path work;

    @Test
    void readmeExampleCompilesAndTrains() throws Exception {
        Path readme = Path.of("..", "README.md");
        String text = Files.readString(readme);
        int start = text.indexOf(START);
        int end = text.indexOf(END);
        assertTrue(start >= 0 && end > start, "README.md lacks the " + START + " … " + END + " block");
        String block = text.substring(start + START.length(), end);
        String code = block.substring(block.indexOf("```java") + 7, block.lastIndexOf("```"));
        long lines = code.strip().lines().count();
        assertTrue(lines <= 20, "the README example should stay short, it has " + lines + " lines");

        Path source = work.resolve("Example.java");
        Files.writeString(source, code);
        String classPath = System.getProperty("java.class.path");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int compiled = javac.run(null, null, null, "--release", "17", "-cp", classPath, "-d", work.toString(),
                source.toString());
        assertEquals(0, compiled, "the README example does not compile");

        Path data = Path.of("..", "data", "mnist10k").toAbsolutePath().normalize();
        String java = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(java, "-cp", work + File.pathSeparator + classPath, "Example", data.toString())
                .directory(work.toFile()).redirectErrorStream(true).start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the README example did not finish in 2 minutes");
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), output);
        List<String> printed = output.lines().toList();
        assertTrue(printed.stream().anyMatch(l -> l.startsWith("Epoch 1/1")), output);
        assertTrue(printed.stream().anyMatch(l -> l.matches("first test digit: label \\d, network says \\d")), output);
        assertTrue(Files.isRegularFile(work.resolve("model.npz")), "the example saves model.npz");
    }
}
