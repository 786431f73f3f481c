package dev.backprop.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.bench.report.EpochRow;
import dev.backprop.bench.svg.SvgXml;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code backprop reproduce} on tiny settings: it runs, prints the table and writes its files. Never timing. */
class ReproduceTest {
    @TempDir
    Path dir;

    private final InProcessCli cli = new InProcessCli();

    @Test
    void reproduceRunsEveryExperimentAndWritesCsvMarkdownAndSvg() throws Exception {
        // ref only: the rows and accuracies below are ref's (deterministic), whatever other engines are on the class path.
        int code = cli.run("reproduce", "--engines", "ref", "--epochs", "1", "--limit", "500", "--out", dir.toString());
        String text = cli.out();
        assertEquals(Main.OK, code, cli.err() + text);
        for (String id : new String[] {"ch1-30", "ch1-100", "ch3"}) {
            assertTrue(text.contains(id + " ref seed 1 epoch  1/1: test accuracy"), text);
        }
        assertTrue(text.contains("experiment") && text.contains("s/epoch"), "summary table: " + text);
        assertTrue(text.contains("for the full MNIST"), "says why the book's figures are not shown: " + text);

        List<EpochRow> rows = EpochRow.read(dir.resolve("reproduce.csv"));
        assertEquals(3, rows.size());
        for (EpochRow r : rows) {
            assertEquals("ref", r.engine());
            // One epoch on 500 digits is far from the book, but well above chance.
            assertTrue(r.accuracy() > 0.15 && r.accuracy() <= 1, r.toString());
        }
        String markdown = Files.readString(dir.resolve("reproduce.md"));
        assertTrue(markdown.contains("| ch3 | ref |") && markdown.contains("book, chapter 3"), markdown);
        assertTrue(SvgXml.texts(SvgXml.parse(Files.readString(dir.resolve("accuracy.svg")))).contains("ch1-30 · ref"));
        assertTrue(Files.readString(dir.resolve("reproduce.properties")).contains("fullMnist=false"));
    }

    /** "chapter3" names chapter 3's six experiments; each trains with its own settings and leaves its row. */
    @Test
    void chapter3RunsItsSixExperimentsWithTheirOwnSettings() throws Exception {
        int code = cli.run("reproduce", "--experiments", "chapter3", "--engines", "ref", "--epochs", "1", "--limit", "300",
                "--out", dir.toString());
        String text = cli.out();
        assertEquals(Main.OK, code, cli.err() + text);
        List<EpochRow> rows = EpochRow.read(dir.resolve("reproduce.csv"));
        List<String> ids = rows.stream().map(EpochRow::experiment).distinct().toList();
        assertEquals(List.of("ch3", "ch3-l1", "ch3-dropout", "ch3-momentum", "ch3-adam", "ch3-halving"), ids);
        for (EpochRow r : rows) {
            assertTrue(r.accuracy() > 0 && r.accuracy() <= 1, r.toString());
        }
        // Settings differ, so the runs do: six experiments from one seed cannot all give the same accuracy.
        assertTrue(rows.stream().map(EpochRow::accuracy).distinct().count() > 1, rows.toString());
        assertTrue(text.contains("ch3-halving ref seed 1: completed 1 epochs; best validation-accuracy"), "halving watches its validation rows: " + text);
    }

    @Test
    void anEngineThatIsNotThereIsSkippedWithItsReason() {
        int code = cli.run("reproduce", "--engines", "ref,cuda", "--experiments", "ch1-30", "--epochs", "1", "--limit", "200",
                "--seeds", "1,2", "--out", dir.toString());
        String text = cli.out();
        assertEquals(Main.OK, code, cli.err());
        assertTrue(text.contains("skipped  cuda: no engine named 'cuda'"), text);
        assertTrue(text.contains("ch1-30 ref seed 2 epoch"), text);
    }

    @Test
    void noEngineAtAllOrABadListIsAUsageError() {
        assertEquals(Main.USAGE, cli.run("reproduce", "--engines", "cuda", "--out", dir.toString()));
        String message = cli.err().strip();
        assertTrue(message.contains("no engine to run") && message.contains("cuda"), message);
        assertFalse(message.contains("\n"), message);
        assertEquals(Main.USAGE, cli.run("reproduce", "--experiments", "ch2"));
        assertTrue(cli.err().contains("ch1-30, ch1-100, ch3, ch3-l1, ch3-dropout, ch3-momentum, "
                + "ch3-adam and ch3-halving"), cli.err());
        assertEquals(Main.USAGE, cli.run("reproduce", "--seeds", "one"));
        assertTrue(cli.err().contains("--seeds"));
    }

    @Test
    void onTheFullMnistItTrainsOnTheBooks50000AndShowsTheBooksFigure() throws Exception {
        // The label counts are what identify the full MNIST; 1-pixel images keep the files small.
        Path data = Files.createDirectory(dir.resolve("mnist"));
        writeSet(data, "train", new int[] {5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949});
        writeSet(data, "t10k", new int[] {980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009});
        int code = cli.run("reproduce", "--engines", "ref", "--data", data.toString(), "--experiments", "ch1-30", "--epochs", "1",
                "--out", dir.resolve("out").toString());
        String text = cli.out();
        assertEquals(Main.OK, code, cli.err() + text);
        assertTrue(text.contains("training 50000 examples, test 10000; this is the full MNIST"), text);
        assertTrue(text.contains("book") && text.contains("95.42 %"), text);
        assertTrue(Files.readString(dir.resolve("out").resolve("reproduce.md")).contains("| 95.42 % |"));
    }

    /** IDX files with 1×1 images and the given number of labels per class. */
    private static void writeSet(Path dir, String prefix, int[] counts) throws Exception {
        int n = Arrays.stream(counts).sum();
        ByteBuffer images = ByteBuffer.allocate(16 + n).putInt(0x803).putInt(n).putInt(1).putInt(1);
        ByteBuffer labels = ByteBuffer.allocate(8 + n).putInt(0x801).putInt(n);
        for (int label = 0; label < counts.length; label++) {
            for (int i = 0; i < counts[label]; i++) {
                images.put((byte) (25 * label));
                labels.put((byte) label);
            }
        }
        Files.write(dir.resolve(prefix + "-images-idx3-ubyte"), images.array());
        Files.write(dir.resolve(prefix + "-labels-idx1-ubyte"), labels.array());
    }

    @Test
    void theBundledDataIsNotTakenForTheFullMnist() throws Exception {
        assertFalse(FullMnist.matches(dev.backprop.data.Mnist.load(BundledData.directory())));
    }
}
