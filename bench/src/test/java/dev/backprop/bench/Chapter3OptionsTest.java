package dev.backprop.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.io.Checkpoint;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Chapter 3's command-line options, in-process: what they do on a small run, and the one-line refusals of mistakes. */
class Chapter3OptionsTest {
    @TempDir
    Path dir;

    private final InProcessCli cli = new InProcessCli();

    @Test
    void mnistTrainsWithEveryChapter3OptionAndLeavesItsFiles() throws Exception {
        Path plot = dir.resolve("curves.svg");
        Path run = dir.resolve("run");
        assertEquals(Main.OK, cli.run("mnist", "--epochs", "3", "--limit", "600", "--preset", "chapter3", "--hidden", "20",
                "--optimizer", "adam", "--eta", "0.001", "--l1", "0.5", "--dropout", "0.3", "--validation", "0.2",
                "--schedule", "halving:1", "--warmup", "1", "--early-stop", "2", "--plot", plot.toString(), "--checkpoint",
                run.toString()), cli.err());
        String text = cli.out();
        assertTrue(text.contains("optimizer adam(") && text.contains("dropout p = 0.3") && text.contains("L1 λ₁ = 0.5"), text);
        assertTrue(text.contains("validation accuracy"), text);
        assertTrue(text.contains("stopped  "), text);
        assertTrue(Files.readString(plot).startsWith("<svg"), "the plot");
        assertTrue(Checkpoint.exists(run), "the checkpoint");
    }

    @Test
    void trainOnATableWatchesItsValidationRows() {
        Path iris = Path.of("..", "data", "iris", "iris.csv");
        assertEquals(Main.OK, cli.run("train", "--csv", iris.toString(), "--label", "species", "--epochs", "30",
                "--optimizer", "momentum", "--eta", "0.3", "--validation", "0.2", "--early-stop", "5"), cli.err());
        assertTrue(cli.out().contains("validation accuracy") && cli.out().contains("stopped  "), cli.out());
    }

    @Test
    void mistakesAreOneLineUsageErrors() {
        assertEquals(Main.USAGE, cli.run("mnist", "--optimizer", "adagrad"));
        assertTrue(cli.err().contains("--optimizer adagrad: the optimizer must be sgd, momentum, nesterov, adam, adamw or rmsprop, got 'adagrad'"), cli.err());
        assertEquals(Main.USAGE, cli.run("mnist", "--optimizer", "momentum", "--momentum", "1.5"));
        assertTrue(cli.err().contains("μ must be in [0, 1)"), cli.err());
        assertEquals(Main.USAGE, cli.run("mnist", "--optimizer", "adam", "--momentum", "0.5"));
        assertTrue(cli.err().contains("--momentum is not a hyper-parameter of adam, which takes --beta1, --beta2, --epsilon;"),
                cli.err());
        assertEquals(Main.USAGE, cli.run("mnist", "--beta1", "0.5"));
        assertTrue(cli.err().contains("--beta1 is not a hyper-parameter of sgd, which takes none;"), cli.err());
        assertEquals(Main.USAGE, cli.run("mnist", "--schedule", "step:0:0.5"));
        assertTrue(cli.err().contains("--schedule step:0:0.5") && cli.err().contains("at least 1 epoch"), cli.err());
        assertEquals(Main.USAGE, cli.run("mnist", "--schedule", "cosine"));
        assertTrue(cli.err().contains("halving[:N]"), cli.err());
        assertEquals(Main.USAGE, cli.run("mnist", "--dropout", "1"));
        assertTrue(cli.err().contains("--dropout"), cli.err());
        assertEquals(Main.USAGE, cli.run("mnist", "--metric", "test-accuracy"));
        assertTrue(cli.err().contains("validation-accuracy"), cli.err());
        assertEquals(Main.USAGE, cli.run("mnist", "--resume", dir.resolve("none").toString()));
        assertTrue(cli.err().contains("no checkpoint.npz there"), cli.err());
        assertEquals(Main.USAGE, cli.run("mnist", "--epochs", "1", "--limit", "100", "--early-stop", "3"));
        assertTrue(cli.err().contains("--early-stop watches validation-accuracy: add --validation F"), cli.err());
        assertTrue(!cli.err().strip().contains("\n"), cli.err());
    }

    @Test
    void helpListsTheOptionsWithTheBooksDefaults() {
        assertEquals(Main.OK, cli.run("help"));
        for (String option : new String[] {"--optimizer NAME", "--momentum MU", "--l1 X", "--dropout P", "--schedule S",
            "--warmup N", "--validation F", "--early-stop N", "--metric NAME", "--checkpoint DIR", "--resume DIR",
            "--plot FILE", "(the book: 0.5", "halving[:N]"}) {
            assertTrue(cli.out().contains(option), option);
        }
    }
}
