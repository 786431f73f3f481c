package dev.backprop.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import javax.tools.ToolProvider;

/** A Java program between {@code <!-- NAME:start -->} and {@code <!-- NAME:end -->} in README.md, compiled and run as a user would. */
final class ReadmePrograms {
    private ReadmePrograms() {
    }

    /** The code of the README's block {@code name}. */
    static String code(String name) throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        String start = "<!-- " + name + ":start -->";
        String end = "<!-- " + name + ":end -->";
        int from = readme.indexOf(start);
        int to = readme.indexOf(end);
        assertTrue(from >= 0 && to > from, "README.md lacks the " + start + " … " + end + " block");
        String block = readme.substring(from + start.length(), to);
        return block.substring(block.indexOf("```java") + 7, block.lastIndexOf("```"));
    }

    /**
     * Compiles block {@code name} as class {@code main} (Java 17, the test class path) into
     * {@code work}, asserting that it compiles.
     */
    static void compile(Path work, String name, String main) throws Exception {
        Path source = work.resolve(main + ".java");
        Files.writeString(source, code(name));
        assertEquals(0, ToolProvider.getSystemJavaCompiler().run(null, null, null, "--release", "17", "-cp",
                System.getProperty("java.class.path"), "-d", work.toString(), source.toString()),
                "the README block " + name + " does not compile");
    }

    /**
     * Compiles block {@code name} as class {@code main} (Java 17, the test class path) into
     * {@code work} and runs it there in a fresh JVM; returns what it printed, after asserting it
     * exited with 0 within 2 minutes.
     */
    static String compileAndRun(Path work, String name, String main, String... args) throws Exception {
        compile(work, name, main);
        String classPath = System.getProperty("java.class.path");
        String java = ProcessHandle.current().info().command().orElse("java");
        String[] command = new String[4 + args.length];
        command[0] = java;
        command[1] = "-cp";
        command[2] = work + File.pathSeparator + classPath;
        command[3] = main;
        System.arraycopy(args, 0, command, 4, args.length);
        Process process = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true).start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the README block " + name + " did not finish in 2 minutes");
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), output);
        return output;
    }
}
