package dev.backprop.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tabular example of README.md, as a user would run it: three programs compiled from the
 * README's blocks (as Java 17), each run in a fresh JVM in one empty directory: train and save,
 * then load and predict in another JVM and export to ONNX, then run the export in ONNX Runtime.
 */
class TabularReadmeExampleTest {
    @TempDir
    Path work;

    @Test
    void trainPredictInAnotherJvmAndRunTheExportInOnnxRuntime() throws Exception {
        String classPath = System.getProperty("java.class.path");
        for (String[] block : new String[][] {{"tabular-train", "TrainIris"}, {"tabular-predict", "PredictIris"},
                {"tabular-ort", "RunInOnnxRuntime"}}) {
            ReadmePrograms.compile(work, block[0], block[1]);
        }
        String iris = Path.of("..", "data", "iris", "iris.csv").toAbsolutePath().normalize().toString();
        run(classPath, "TrainIris", iris);
        assertTrue(Files.isRegularFile(work.resolve("iris.npz")));
        List<String> predicted = run(classPath, "PredictIris", iris);
        assertEquals("setosa", predicted.get(0), String.join("\n", predicted));
        double accuracy = Double.parseDouble(predicted.get(1).replaceAll("accuracy ([0-9.]+) .*", "$1"));
        assertTrue(accuracy > 0.9, String.join("\n", predicted));
        assertTrue(Files.isRegularFile(work.resolve("iris.onnx")));
        List<String> ort = run(classPath, "RunInOnnxRuntime");
        String scores = ort.get(ort.size() - 1);
        String[] parts = scores.replaceAll("[\\[\\] ]", "").split(",");
        assertEquals(3, parts.length, scores);
        assertTrue(Float.parseFloat(parts[0]) > Float.parseFloat(parts[1])
                && Float.parseFloat(parts[0]) > Float.parseFloat(parts[2]), "ONNX Runtime says setosa too: " + scores);
    }

    private List<String> run(String classPath, String main, String... args) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-cp",
                work + File.pathSeparator + classPath, main));
        command.addAll(List.of(args));
        // stderr apart: it carries the JVM's warnings and backprop's log line about the engine it chose.
        Path errors = work.resolve(main + ".stderr");
        Process process = new ProcessBuilder(command).directory(work.toFile()).redirectError(errors.toFile()).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), main + " did not finish in 2 minutes");
        assertEquals(0, process.exitValue(), main + ": " + output + Files.readString(errors));
        return output.lines().toList();
    }
}
