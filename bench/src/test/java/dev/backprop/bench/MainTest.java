package dev.backprop.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line, run in-process on small settings: exit codes and what a user reads. */
class MainTest {
    @TempDir
    Path dir;

    private final InProcessCli cli = new InProcessCli();

    @Test
    void mnistTrainsOnTheBundledDataSavesAndEvaluateReadsItBack() {
        Path model = dir.resolve("model.npz");
        int code = cli.run("mnist", "--epochs", "2", "--limit", "2000", "--save", model.toString());
        assertEquals(Main.OK, code, cli.err());
        String text = cli.out();
        assertTrue(text.contains("bundled mnist10k"), text);
        assertTrue(text.contains("Epoch  1/2") && text.contains("Epoch  2/2"), text);
        String chosen = dev.backprop.Engines.load().choose().name();
        assertTrue(text.contains("engine   " + chosen + ":"), text);
        assertTrue(Files.isRegularFile(model));
        // 2 epochs on 2000 digits already classify far better than chance (10 %).
        double accuracy = Double.parseDouble(text.replaceAll("(?s).*test accuracy ([0-9.]+) % after.*", "$1"));
        assertTrue(accuracy > 50, text);

        assertEquals(Main.OK, cli.run("evaluate", "--model", model.toString()), cli.err());
        String expectedCorrect = String.format("%.2f %%", accuracy);
        assertTrue(cli.out().contains("/ 2000 correct (" + expectedCorrect + ")"), cli.out() + " vs " + expectedCorrect);
    }

    @Test
    void enginesListsEveryEngineAndTheChoice() {
        assertEquals(Main.OK, cli.run("engines"));
        String text = cli.out();
        for (String engine : new String[] {"ref ", "simd ", "opencl "}) {
            assertTrue(text.contains(engine), engine + " missing: " + text);
        }
        // The tests run with --add-modules=jdk.incubator.vector, so the SIMD engine is there and wins.
        assertTrue(text.contains("chosen: simd"), text);
    }

    @Test
    void aNamedEngineIsUsed() {
        assertEquals(Main.OK, cli.run("mnist", "--engine", "ref", "--epochs", "1", "--limit", "200"), cli.err());
        assertTrue(cli.out().contains("engine   ref:") && cli.out().contains("on ref"), cli.out());
    }

    @Test
    void unknownOptionIsOneLineWithExitCodeTwo() {
        assertEquals(Main.USAGE, cli.run("mnist", "--etaa", "3"));
        cli.assertOneLine("unknown option '--etaa'", "backprop help");
    }

    @Test
    void missingDataDirectorySaysWhatToPass() {
        assertEquals(Main.USAGE, cli.run("mnist", "--data", dir.resolve("nope").toString()));
        cli.assertOneLine("does not exist", "--data DIR");
    }

    @Test
    void unknownEngineListsTheEngines() {
        assertEquals(Main.USAGE, cli.run("mnist", "--engine", "cuda"));
        cli.assertOneLine("no engine named 'cuda'", "ref");
    }

    @Test
    void badNumbersAndSettingsAreUsageErrors() {
        assertEquals(Main.USAGE, cli.run("mnist", "--epochs", "zero"));
        cli.assertOneLine("--epochs", "whole number");
        assertEquals(Main.USAGE, cli.run("mnist", "--eta", "-1"));
        cli.assertOneLine("learning rate", "-1.0");
        assertEquals(Main.USAGE, cli.run("mnist", "--activation", "softmax"));
        cli.assertOneLine("output layers only", "--cost");
        assertEquals(Main.USAGE, cli.run("frobnicate"));
        cli.assertOneLine("unknown command", "mnist, train, predict, evaluate, export, import, engines, reproduce, report, help");
        assertEquals(Main.USAGE, cli.run());
        cli.assertOneLine("name a command", "mnist");
    }

    @Test
    void aDataDirectoryWithoutMnistFilesIsAFailureNamingTheFile() {
        assertEquals(Main.FAILED, cli.run("mnist", "--data", dir.toString()));
        cli.assertOneLine("train-images-idx3-ubyte", dir.toString());
    }

    @Test
    void evaluateRejectsAFileThatIsNotAModel() throws Exception {
        Path junk = dir.resolve("junk.npz");
        Files.writeString(junk, "not a zip");
        assertEquals(Main.FAILED, cli.run("evaluate", "--model", junk.toString()));
        cli.assertOneLine("junk.npz", "zip");
    }

    @Test
    void helpListsEveryCommand() {
        assertEquals(Main.OK, cli.run("help"));
        for (String word : new String[] {"mnist", "engines", "evaluate", "--preset", "--save"}) {
            assertTrue(cli.out().contains(word), word);
        }
    }

}
