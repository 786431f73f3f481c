package dev.backprop.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line, run in-process on small settings: exit codes and what a user reads. */
class MainTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return new Main(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                false).run(args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void mnistTrainsOnTheBundledDataSavesAndEvaluateReadsItBack() {
        Path model = dir.resolve("model.npz");
        int code = run("mnist", "--epochs", "2", "--limit", "2000", "--save", model.toString());
        assertEquals(Main.OK, code, err());
        String text = out();
        assertTrue(text.contains("bundled mnist10k"), text);
        assertTrue(text.contains("Epoch  1/2") && text.contains("Epoch  2/2"), text);
        String chosen = dev.backprop.Engines.load().choose().name();
        assertTrue(text.contains("engine   " + chosen + ":"), text);
        assertTrue(Files.isRegularFile(model));
        // 2 epochs on 2000 digits already classify far better than chance (10 %).
        double accuracy = Double.parseDouble(text.replaceAll("(?s).*test accuracy ([0-9.]+) % after.*", "$1"));
        assertTrue(accuracy > 50, text);

        out.reset();
        assertEquals(Main.OK, run("evaluate", "--model", model.toString()), err());
        String expectedCorrect = String.format("%.2f %%", accuracy);
        assertTrue(out().contains("/ 2000 correct (" + expectedCorrect + ")"), out() + " vs " + expectedCorrect);
    }

    @Test
    void enginesListsEveryEngineAndTheChoice() {
        assertEquals(Main.OK, run("engines"));
        String text = out();
        for (String engine : new String[] {"ref ", "simd ", "opencl "}) {
            assertTrue(text.contains(engine), engine + " missing: " + text);
        }
        // The tests run with --add-modules=jdk.incubator.vector, so the SIMD engine is there and wins.
        assertTrue(text.contains("chosen: simd"), text);
    }

    @Test
    void aNamedEngineIsUsed() {
        assertEquals(Main.OK, run("mnist", "--engine", "ref", "--epochs", "1", "--limit", "200"), err());
        assertTrue(out().contains("engine   ref:") && out().contains("on ref"), out());
    }

    @Test
    void unknownOptionIsOneLineWithExitCodeTwo() {
        assertEquals(Main.USAGE, run("mnist", "--etaa", "3"));
        assertOneLine("unknown option '--etaa'", "backprop help");
    }

    @Test
    void missingDataDirectorySaysWhatToPass() {
        assertEquals(Main.USAGE, run("mnist", "--data", dir.resolve("nope").toString()));
        assertOneLine("does not exist", "--data DIR");
    }

    @Test
    void unknownEngineListsTheEngines() {
        assertEquals(Main.USAGE, run("mnist", "--engine", "cuda"));
        assertOneLine("no engine named 'cuda'", "ref");
    }

    @Test
    void badNumbersAndSettingsAreUsageErrors() {
        assertEquals(Main.USAGE, run("mnist", "--epochs", "zero"));
        assertOneLine("--epochs", "whole number");
        err.reset();
        assertEquals(Main.USAGE, run("mnist", "--eta", "-1"));
        assertOneLine("learning rate", "-1.0");
        err.reset();
        assertEquals(Main.USAGE, run("mnist", "--activation", "softmax"));
        assertOneLine("output layers only", "--cost");
        err.reset();
        assertEquals(Main.USAGE, run("frobnicate"));
        assertOneLine("unknown command", "mnist, train, predict, evaluate, export, import, engines, reproduce, report, help");
        err.reset();
        assertEquals(Main.USAGE, run());
        assertOneLine("name a command", "mnist");
    }

    @Test
    void aDataDirectoryWithoutMnistFilesIsAFailureNamingTheFile() {
        assertEquals(Main.FAILED, run("mnist", "--data", dir.toString()));
        assertOneLine("train-images-idx3-ubyte", dir.toString());
    }

    @Test
    void evaluateRejectsAFileThatIsNotAModel() throws Exception {
        Path junk = dir.resolve("junk.npz");
        Files.writeString(junk, "not a zip");
        assertEquals(Main.FAILED, run("evaluate", "--model", junk.toString()));
        assertOneLine("junk.npz", "zip");
    }

    @Test
    void helpListsEveryCommand() {
        assertEquals(Main.OK, run("help"));
        for (String word : new String[] {"mnist", "engines", "evaluate", "--preset", "--save"}) {
            assertTrue(out().contains(word), word);
        }
    }

    private void assertOneLine(String... words) {
        String text = err().strip();
        assertFalse(text.contains("\n"), "more than one line: " + text);
        assertFalse(text.contains("Exception") || text.contains("\tat "), "a stack trace: " + text);
        for (String word : words) {
            assertTrue(text.contains(word), "'" + word + "' missing in: " + text);
        }
    }
}
