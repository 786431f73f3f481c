package dev.backprop.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.Init;
import dev.backprop.Network;
import dev.backprop.Parameters;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Saves that die midway never cost the previous model, and their temporary files do not pile up:
 * the next save deletes every temporary file of the same target that no live writer holds.
 */
class AtomicSaveTest {
    private static final Network BIG = Network.of(784, 300, 10);

    @TempDir
    Path dir;

    /** Saves the same model file over and over until killed. */
    public static final class SaveForever {
        public static void main(String[] args) throws IOException {
            Network network = Network.of(784, 300, 10);
            Parameters parameters = Parameters.initialize(network, Init.STANDARD_NORMAL, 1);
            System.out.println("saving");
            System.out.flush();
            while (true) {
                ModelFile.save(network, parameters, Path.of(args[0]));
            }
        }
    }

    @Test
    void killedSavesKeepTheOldModelAndTheirLeftoversAreCleanedByTheNextSave() throws Exception {
        Path file = dir.resolve("model.npz");
        Parameters first = Parameters.initialize(BIG, Init.STANDARD_NORMAL, 1);
        ModelFile.save(BIG, first, file);
        String java = ProcessHandle.current().info().command().orElse("java");
        int leftovers = 0;
        for (int kill = 0; kill < 6 && leftovers < 2; kill++) {
            Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    SaveForever.class.getName(), file.toString()).redirectErrorStream(true).start();
            String line = new String(p.getInputStream().readNBytes(7), StandardCharsets.UTF_8);
            assertEquals("saving\n".substring(0, 7).strip(), line.strip(), "child started");
            Thread.sleep(300 + 150 * kill);
            p.destroyForcibly();                 // SIGKILL: no shutdown hook, no finally
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            leftovers = temporaries().size();
            // Whatever moment it died at, the file is a complete model.
            assertEquals(first, ModelFile.load(file).parameters());
        }
        // A kill mid-write leaves a temporary file (the test needs at least one to mean anything).
        org.junit.jupiter.api.Assumptions.assumeTrue(leftovers > 0,
                "no kill landed mid-write in 6 tries; nothing to clean up");
        ModelFile.save(BIG, first, file);
        assertEquals(List.of(), temporaries(), "the save removed its dead predecessors' files");
    }

    @Test
    void aTemporaryFileThatALiveWriterHoldsIsLeftAlone() throws IOException {
        Path file = dir.resolve("model.npz");
        Path busy = dir.resolve("model.npz.abc123.tmp");
        Path stale = dir.resolve("model.npz.zz9.tmp");
        Path unrelated = dir.resolve("other.npz.abc123.tmp");
        Files.write(stale, new byte[10]);
        Files.write(unrelated, new byte[10]);
        Parameters parameters = Parameters.initialize(Network.of(3, 2), Init.STANDARD_NORMAL, 1);
        try (FileChannel channel = FileChannel.open(busy, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
             FileLock lock = channel.lock()) {
            ModelFile.save(Network.of(3, 2), parameters, file);
            assertTrue(Files.exists(busy), "a locked temporary file belongs to a live writer");
            assertTrue(Files.notExists(stale), "an unlocked one is a dead writer's");
            assertTrue(Files.exists(unrelated), "another target's files are not touched");
        }
        assertEquals(parameters, ModelFile.load(file).parameters());
    }

    private List<Path> temporaries() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
        }
    }
}
