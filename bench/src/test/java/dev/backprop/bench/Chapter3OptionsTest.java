package dev.backprop.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.io.Checkpoint;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Chapter 3's command-line options, in-process: what they do on a small run, and the one-line refusals of mistakes. */
class Chapter3OptionsTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        out.reset();
        err.reset();
        return new Main(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                false).run(args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8).strip();
    }

    @Test
    void mnistTrainsWithEveryChapter3OptionAndLeavesItsFiles() throws Exception {
        Path plot = dir.resolve("curves.svg");
        Path run = dir.resolve("run");
        assertEquals(Main.OK, run("mnist", "--epochs", "3", "--limit", "600", "--preset", "chapter3", "--hidden", "20",
                "--optimizer", "adam", "--eta", "0.001", "--l1", "0.5", "--dropout", "0.3", "--validation", "0.2",
                "--schedule", "halving:1", "--warmup", "1", "--early-stop", "2", "--plot", plot.toString(), "--checkpoint",
                run.toString()), err());
        String text = out();
        assertTrue(text.contains("optimizer adam(") && text.contains("dropout p = 0.3") && text.contains("L1 λ₁ = 0.5"), text);
        assertTrue(text.contains("validation accuracy"), text);
        assertTrue(text.contains("stopped  "), text);
        assertTrue(Files.readString(plot).startsWith("<svg"), "the plot");
        assertTrue(Checkpoint.exists(run), "the checkpoint");
    }

    @Test
    void trainOnATableWatchesItsValidationRows() {
        Path iris = Path.of("..", "data", "iris", "iris.csv");
        assertEquals(Main.OK, run("train", "--csv", iris.toString(), "--label", "species", "--epochs", "30",
                "--optimizer", "momentum", "--eta", "0.3", "--validation", "0.2", "--early-stop", "5"), err());
        assertTrue(out().contains("validation accuracy") && out().contains("stopped  "), out());
    }

    @Test
    void mistakesAreOneLineUsageErrors() {
        assertEquals(Main.USAGE, run("mnist", "--optimizer", "adagrad"));
        assertTrue(err().contains("--optimizer must be sgd, momentum, nesterov, adam, adamw or rmsprop"), err());
        assertEquals(Main.USAGE, run("mnist", "--optimizer", "momentum", "--momentum", "1.5"));
        assertTrue(err().contains("μ must be in [0, 1)"), err());
        assertEquals(Main.USAGE, run("mnist", "--schedule", "step:0:0.5"));
        assertTrue(err().contains("--schedule step:0:0.5") && err().contains("at least 1 epoch"), err());
        assertEquals(Main.USAGE, run("mnist", "--schedule", "cosine"));
        assertTrue(err().contains("halving[:N]"), err());
        assertEquals(Main.USAGE, run("mnist", "--dropout", "1"));
        assertTrue(err().contains("--dropout"), err());
        assertEquals(Main.USAGE, run("mnist", "--metric", "test-accuracy"));
        assertTrue(err().contains("validation-accuracy"), err());
        assertEquals(Main.USAGE, run("mnist", "--resume", dir.resolve("none").toString()));
        assertTrue(err().contains("no checkpoint.npz there"), err());
        assertEquals(Main.USAGE, run("mnist", "--epochs", "1", "--limit", "100", "--early-stop", "3"));
        assertTrue(err().contains("--early-stop watches validation-accuracy: add --validation F"), err());
        assertTrue(!err().contains("\n"), err());
    }

    @Test
    void helpListsTheOptionsWithTheBooksDefaults() {
        assertEquals(Main.OK, run("help"));
        for (String option : new String[] {"--optimizer NAME", "--momentum MU", "--l1 X", "--dropout P", "--schedule S",
            "--warmup N", "--validation F", "--early-stop N", "--metric NAME", "--checkpoint DIR", "--resume DIR",
            "--plot FILE", "(the book: 0.5", "halving[:N]"}) {
            assertTrue(out().contains(option), option);
        }
    }
}
