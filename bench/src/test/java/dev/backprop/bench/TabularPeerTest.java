package dev.backprop.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.backprop.data.Csv;
import dev.backprop.data.Split;
import dev.backprop.data.TabularData;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The PyTorch peer (bench/peers/tabular.py) measures on exactly backprop's split: its own copy
 * of java.util.Random and Split must pick the same test rows. Skipped where /usr/bin/python3 has
 * no torch (the peer is optional).
 */
class TabularPeerTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 42})
    void peerHoldsOutTheRowsBackpropHoldsOut(long seed) throws Exception {
        assumeTrue(run(List.of("/usr/bin/python3", "-c", "import torch, numpy")) == 0,
                "/usr/bin/python3 cannot import torch and numpy (apt-get install python3-torch); the peer is optional");
        Path iris = Path.of("..", "data", "iris", "iris.csv");
        assertEquals(0, run(List.of("/usr/bin/python3", "peers/tabular.py", "--csv", iris.toString(), "--label", "species",
                "--seeds", String.valueOf(seed), "--epochs", "1")), Files.readString(dir.resolve("log.txt")));
        TabularData table = Csv.classification("species").read(iris);
        assertEquals(testRows(Split.stratified(table.labels(), 0.2, 0.0, seed).test()), peerTestRows());

        Path penguins = Path.of("..", "data", "penguins", "penguins.csv");
        assertEquals(0, run(List.of("/usr/bin/python3", "peers/tabular.py", "--csv", penguins.toString(), "--label",
                "body_mass_g", "--regression", "--ignore", "species,island,sex", "--seeds", String.valueOf(seed), "--epochs",
                "1")), Files.readString(dir.resolve("log.txt")));
        assertEquals(testRows(Split.random(342, 0.2, 0.0, seed).test()), peerTestRows());
    }

    private static String testRows(int[] rows) {
        return Arrays.toString(rows).replaceAll("[\\[\\] ]", "");
    }

    private String peerTestRows() throws IOException {
        return Files.readAllLines(dir.resolve("log.txt")).stream().filter(l -> l.startsWith("test rows "))
                .map(l -> l.substring("test rows ".length())).findFirst().orElse("none");
    }

    private int run(List<String> command) throws Exception {
        return ExternalProcess.run(command, dir.resolve("log.txt"));
    }
}
