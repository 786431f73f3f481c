package dev.backprop.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An honest IDX file too large for the heap (issue 14, item 5: "also an honest 2 GB file"): every
 * byte its header declares is there, so nothing is truncated or lies, and the refusal must come
 * from the heap check before any allocation, naming the sizes and {@code -Xmx}, not from an
 * {@code OutOfMemoryError}. The 2.1 GB image file is sparse (its length set, its bytes never
 * written), so it costs no disk; it is loaded in a JVM with a 64 MiB heap.
 */
class IdxLargeFileTest {
    private static final int IMAGES = 2_700_000;

    @TempDir
    Path dir;

    /** Loads the pair given as arguments and prints the outcome on one line. */
    public static final class LoadProbe {
        public static void main(String[] args) {
            try {
                System.out.println("LOADED " + Mnist.loadPair(Path.of(args[0]), Path.of(args[1]), 10).size());
            } catch (IOException | RuntimeException | Error e) {
                System.out.println(e.getClass().getName() + ": " + e.getMessage());
            }
        }
    }

    @Test
    void anHonestTwoGigabyteFileIsRefusedBeforeAllocatingIt() throws Exception {
        Path images = dir.resolve("train-images-idx3-ubyte");
        try (RandomAccessFile file = new RandomAccessFile(images.toFile(), "rw")) {
            file.write(ByteBuffer.allocate(16).putInt(0x803).putInt(IMAGES).putInt(28).putInt(28).array());
            file.setLength(16L + (long) IMAGES * 28 * 28);
        }
        Path labels = dir.resolve("train-labels-idx1-ubyte");
        byte[] labelFile = new byte[8 + IMAGES];
        ByteBuffer.wrap(labelFile).putInt(0x801).putInt(IMAGES);
        Files.write(labels, labelFile);

        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                LoadProbe.class.getName(), images.toString(), labels.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the probe did not finish in 60 s");
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.startsWith(IdxFormatException.class.getName() + ": ") || out.startsWith(DataTooLargeException.class.getName()),
                out);
        assertTrue(out.contains(images.toString()), "names the file: " + out);
        assertTrue(out.contains("2700000 × 28 × 28") && out.contains("-Xmx"), "names the sizes and -Xmx: " + out);
    }
}
