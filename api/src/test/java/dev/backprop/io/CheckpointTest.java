package dev.backprop.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.EpochReport;
import dev.backprop.Init;
import dev.backprop.Network;
import dev.backprop.OptimizerState;
import dev.backprop.Parameters;
import dev.backprop.SeededRandom;
import dev.backprop.TrainingOrder;
import dev.backprop.TrainingOutcome;
import dev.backprop.TrainingState;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A checkpoint gives back every part of the state it was written from, and refuses a damaged or foreign file. */
class CheckpointTest {
    private static final Network NETWORK = Network.of(5, 4, 3);

    @TempDir
    Path dir;

    static TrainingState state(boolean withBest) {
        Parameters p = Parameters.initialize(NETWORK, Init.STANDARD_NORMAL, 3);
        float[][] adam = new float[2 * 2 * 2][];
        for (int i = 0; i < adam.length; i++) {
            int layer = i / 4;
            boolean weights = i % 4 < 2;
            adam[i] = new float[NETWORK.layer(layer).width() * (weights ? NETWORK.fanIn(layer) : 1)];
            adam[i][0] = i + 0.5f;
        }
        SeededRandom shuffle = new SeededRandom(9);
        shuffle.nextGaussian();
        List<EpochReport> history = List.of(
                new EpochReport(1, 8, 0.25, OptionalDouble.of(0.7), OptionalDouble.empty(), OptionalDouble.empty(),
                        OptionalDouble.of(0.81), OptionalDouble.of(0.66), OptionalDouble.of(0.8), 0.5),
                new EpochReport(2, 8, 0.5, OptionalDouble.of(0.6), OptionalDouble.empty(), OptionalDouble.empty(),
                        OptionalDouble.of(0.83), OptionalDouble.of(0.61), OptionalDouble.of(0.84), 0.25));
        return new TrainingState("network …, η = 0.5", 2, p, new OptimizerState("adam", 40, adam),
                new TrainingOrder.State(new int[] {3, 0, 2, 1}, 2, shuffle.state()), new SeededRandom(4).state(),
                new TrainingState.Progress(0.5, 0.84, 2, 0, 0, TrainingOutcome.Reason.EARLY_STOPPING),
                withBest ? p.copy() : null, history);
    }

    @Test
    void everyPartComesBack() throws IOException {
        for (boolean withBest : new boolean[] {true, false}) {
            TrainingState saved = state(withBest);
            Checkpoint.in(dir).save(saved);
            TrainingState loaded = Checkpoint.load(dir);
            assertEquals(saved.settings(), loaded.settings());
            assertEquals(saved.epoch(), loaded.epoch());
            assertEquals(saved.parameters(), loaded.parameters());
            assertEquals(saved.optimizer(), loaded.optimizer());
            assertArrayEquals(saved.order().order(), loaded.order().order());
            assertEquals(saved.order().epoch(), loaded.order().epoch());
            assertEquals(saved.order().random(), loaded.order().random());
            assertEquals(saved.dropout(), loaded.dropout());
            assertEquals(saved.progress(), loaded.progress());
            assertEquals(saved.best(), loaded.best());
            assertEquals(saved.history(), loaded.history());
            if (!withBest) {
                assertNull(loaded.best());
            }
        }
        assertTrue(Checkpoint.exists(dir));
    }

    @Test
    void aFlippedByteOrAWrongArrayIsRefusedWithItsName() throws IOException {
        Checkpoint.in(dir).save(state(true));
        Path file = dir.resolve(Checkpoint.FILE);
        Map<String, byte[]> entries = TestFiles.entries(file);

        Map<String, byte[]> wrongShape = new LinkedHashMap<>(entries);
        wrongShape.put("progress", TestFiles.npy(NpyArray.of(new double[] {1, 2, 3}, 3)));
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> Checkpoint.read(zip(wrongShape)));
        assertEquals("progress", e.entry());
        assertTrue(e.getMessage().contains("shape (6,)") && e.getMessage().contains("(3,)"), e.getMessage());

        Map<String, byte[]> wrongState = new LinkedHashMap<>(entries);
        wrongState.put("optimizer_state_1", TestFiles.npy(NpyArray.of(new float[7], 7)));
        e = assertThrows(ModelFormatException.class, () -> Checkpoint.read(zip(wrongState)));
        assertEquals("optimizer_state_1", e.entry());

        Map<String, byte[]> missing = new LinkedHashMap<>(entries);
        missing.remove("history");
        e = assertThrows(ModelFormatException.class, () -> Checkpoint.read(zip(missing)));
        assertTrue(e.getMessage().contains("history") && e.getMessage().contains("missing"), e.getMessage());

        Map<String, byte[]> notPermutation = new LinkedHashMap<>(entries);
        notPermutation.put("order", TestFiles.npy(NpyArray.of(new int[] {0, 0, 1, 2}, 4)));
        e = assertThrows(ModelFormatException.class, () -> Checkpoint.read(zip(notPermutation)));
        assertTrue(e.getMessage().contains("not a permutation") || e.getMessage().contains("training state"), e.getMessage());
    }

    @Test
    void aDirectoryThatDoesNotExistIsRefusedWhenTheStoreIsMade() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Checkpoint.in(dir.resolve("none")));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }

    private Path zip(Map<String, byte[]> entries) throws IOException {
        Path file = Files.createTempFile(dir, "changed", ".npz");
        TestFiles.writeZip(file, entries);
        return file;
    }
}
