package dev.backprop.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.backprop.bench.report.Csv;
import dev.backprop.bench.report.EpochRow;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Python peers run on tiny settings and write rows the report can read. Skipped (with the
 * reason) where the interpreter or its library is not installed: they are optional.
 */
class PeersScriptTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} with {1}")
    @CsvSource({"loop, python3, numpy", "batch, python3, numpy", "torch, /usr/bin/python3, torch"})
    void peerTrainsAnEpochAndTimesAGradient(String impl, String python, String module) throws Exception {
        assumeTrue(run(List.of(python, "-c", "import " + module)) == 0,
                python + " cannot import " + module + "; this peer is optional");
        Path epochs = dir.resolve("epochs.csv");
        Path throughput = dir.resolve("throughput.csv");
        Files.writeString(epochs, String.join(",", EpochRow.HEADER) + "\n");
        Files.writeString(throughput, "engine,benchmark,shape,batch,score,unit\n");
        Path data = Path.of("..", "data", "mnist10k").toAbsolutePath().normalize();
        int code = run(List.of(python, Path.of("peers", "peer.py").toString(), "--impl", impl, "--label", "test-" + impl,
                "--threads", "1", "--data", data.toString(), "--experiments", "ch1-30", "--epochs", "1", "--limit", "300",
                "--shapes", "784x30x10:10", "--seconds", "0.05", "--epochs-csv", epochs.toString(), "--throughput-csv",
                throughput.toString(), "--env-file", dir.resolve("env.txt").toString()));
        assertEquals(0, code, Files.readString(dir.resolve("log.txt")));
        List<EpochRow> rows = EpochRow.read(epochs);
        assertEquals(1, rows.size());
        assertTrue(rows.get(0).accuracy() > 0.1, rows.toString());
        List<Map<String, String>> points = Csv.read(throughput);
        assertTrue(points.stream().anyMatch(p -> p.get("benchmark").equals("gradient") && Double.parseDouble(p.get("score")) > 0),
                points.toString());
        assertTrue(Files.readString(dir.resolve("env.txt")).contains("test-" + impl + ": python"));
    }

    private int run(List<String> command) throws Exception {
        return ExternalProcess.run(command, dir.resolve("log.txt"));
    }
}
