package dev.backprop.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.TrainingState;
import dev.backprop.io.Checkpoint;
import dev.backprop.io.ModelFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The resumable run, end to end: {@code backprop mnist} with a checkpoint directory is
 * killed ({@link Process#destroyForcibly()}, no shutdown hook runs) once a checkpoint after epoch
 * 2 exists and while it still trains; {@code --resume} then finishes the run, and its model holds
 * exactly the bits of the same command run without interruption.
 */
class ResumeAfterKillTest {
    private static final int EPOCHS = 10;

    @TempDir
    Path dir;

    /** The settings that carry state between epochs: momentum, dropout, validation and the halving schedule. */
    private static List<String> command(String... more) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "mnist", "--engine", "simd", "--epochs",
                Integer.toString(EPOCHS), "--limit", "4000", "--hidden", "30", "--cost", "cross-entropy", "--init", "scaled",
                "--eta", "0.1", "--optimizer", "momentum", "--dropout", "0.3", "--validation", "0.1", "--schedule",
                "halving:2"));
        command.addAll(List.of(more));
        return command;
    }

    @Test
    void aKilledRunResumedGivesTheBitsOfTheRunThatWasNeverStopped() throws Exception {
        Path full = dir.resolve("full.npz");
        assertEquals(0, run(command("--save", full.toString()), "full.log"), log("full.log"));

        Path checkpoints = dir.resolve("run");
        Process interrupted = new ProcessBuilder(command("--checkpoint", checkpoints.toString()))
                .redirectErrorStream(true).redirectOutput(dir.resolve("killed.log").toFile()).start();
        int epoch = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (epoch < 2 && System.nanoTime() < deadline && interrupted.isAlive()) {
            Thread.sleep(10);
            epoch = savedEpoch(checkpoints);
        }
        boolean stillTraining = interrupted.isAlive();
        interrupted.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        assertTrue(stillTraining, "the run ended before it could be killed mid-run: " + log("killed.log"));
        int killedAfter = savedEpoch(checkpoints);
        assertTrue(killedAfter >= 2 && killedAfter < EPOCHS, "killed after epoch " + killedAfter);

        Path resumed = dir.resolve("resumed.npz");
        assertEquals(0, run(command("--resume", checkpoints.toString(), "--save", resumed.toString()), "resumed.log"),
                log("resumed.log"));
        assertTrue(log("resumed.log").contains("resumed  after epoch " + killedAfter), log("resumed.log"));
        assertEquals(ModelFile.load(full).parameters(), ModelFile.load(resumed).parameters(),
                "killed after epoch " + killedAfter + ", resumed: " + log("resumed.log") + "\nuninterrupted: " + log("full.log"));
    }

    /** The epoch of the checkpoint in {@code directory}, 0 when there is none (yet). */
    private static int savedEpoch(Path directory) {
        if (!Checkpoint.exists(directory)) {
            return 0;
        }
        try {
            TrainingState state = Checkpoint.load(directory);
            return state.epoch();
        } catch (IOException e) {
            return 0; // replaced while it was read: the next poll reads the new one
        }
    }

    private int run(List<String> command, String log) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve(log).toFile()).start();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -2;
        }
        return p.exitValue();
    }

    private String log(String name) throws IOException {
        Path file = dir.resolve(name);
        return Files.exists(file) ? Files.readString(file) : "(no " + name + ")";
    }
}
