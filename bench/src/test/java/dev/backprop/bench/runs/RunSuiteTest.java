package dev.backprop.bench.runs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.bench.report.Csv;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run-level suite: how it reads its processes' epoch lines, the order in which variants take
 * turns, and one real round (two fresh JVMs of the reference engine on the bundled digits, and a
 * cold start), whose CSV rows must hold what the processes printed.
 */
class RunSuiteTest {
    @TempDir
    Path dir;

    @Test
    void readsTheEpochLinesOfBothSides() {
        WholeProcess java = new WholeProcess(1, 0, List.of("load 0.5", "epoch 1 0.250000", "epoch 2 0.125000",
                "accuracy 88.1"), "");
        assertArrayEquals(new double[] {0.25, 0.125}, RunSuite.epochs(java));
        WholeProcess peer = new WholeProcess(1, 0, List.of("[numpy-batch/deb/1t] python 3.11 | numpy 1.24",
                "[numpy-batch/deb/1t] ch1-30 seed 1 epoch 1/2: test accuracy 79.10 %, 0.402 s",
                "[numpy-batch/deb/1t] ch1-30 seed 1 epoch 2/2: test accuracy 81.00 %, 0.398 s"), "");
        assertArrayEquals(new double[] {0.402, 0.398}, RunSuite.epochs(peer));
    }

    @Test
    void variantsTakeEveryPlaceInTurn() {
        List<String> v = List.of("a", "b", "c");
        assertEquals(List.of("a", "b", "c"), RunSuite.rotated(v, 1));
        assertEquals(List.of("b", "c", "a"), RunSuite.rotated(v, 2));
        assertEquals(List.of("c", "a", "b"), RunSuite.rotated(v, 3));
        assertEquals(List.of("a", "b", "c"), RunSuite.rotated(v, 4));
    }

    @Test
    void oneRoundOfWholeProcessesIsRecorded() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // This JVM's class path holds the bench classes and the engines, as backprop.jar does.
        RunSuite.main(new String[] {"--java", java, "--classpath", System.getProperty("java.class.path"), "--data",
                Path.of("../data/mnist10k").toAbsolutePath().toString(), "--rounds", "1", "--epochs", "2",
                "--experiments", "ch1-30", "--engines", "ref", "--cold-engines", "ref", "--cold-rounds", "1",
                "--out", dir.toString()});
        List<Map<String, String>> train = Csv.read(dir.resolve("runs-train.csv"));
        assertEquals(1, train.size());
        Map<String, String> row = train.get(0);
        String[] epochs = row.get("epochs").split(";");
        assertEquals(2, epochs.length, row.toString());
        assertEquals(Double.parseDouble(epochs[0]), Double.parseDouble(row.get("first_epoch")), 1e-4);
        assertTrue(Double.parseDouble(row.get("process_seconds")) > Double.parseDouble(row.get("epochs_seconds")),
                "the whole process took less than its own epochs: " + row);
        List<Map<String, String>> cold = Csv.read(dir.resolve("runs-cold.csv"));
        assertEquals(List.of("first-gradient", "first-prediction"), cold.stream().map(r -> r.get("mode")).toList());
        for (Map<String, String> r : cold) {
            assertTrue(Double.parseDouble(r.get("process_ms")) > Double.parseDouble(r.get("in_process_ms")), r.toString());
        }
    }
}
