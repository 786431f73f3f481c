package dev.backprop.data;

import static dev.backprop.data.IdxBytes.gzip;
import static dev.backprop.data.IdxBytes.idx;
import static dev.backprop.data.IdxBytes.images;
import static dev.backprop.data.IdxBytes.labels;
import static dev.backprop.data.IdxBytes.ramp;
import static dev.backprop.data.IdxBytes.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeout;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

class IdxTest {
    @TempDir
    Path dir;

    // --- good files ---

    @Test
    void pixelsAreBytesOver255Exactly() throws Exception {
        byte[] pixels = {0, (byte) 128, (byte) 255, 1, 17, (byte) 254};
        Idx.Images images = Idx.readImages(write(dir, "img", images(1, 2, 3, pixels)));

        assertEquals(1, images.count());
        assertEquals(2, images.rows());
        assertEquals(3, images.cols());
        assertEquals(6, images.imageSize());
        assertEquals(0f, images.pixels()[0]);
        assertEquals(128 / 255f, images.pixels()[1]);
        assertEquals(1.0f, images.pixels()[2]);
        for (int i = 0; i < pixels.length; i++) {
            assertEquals((pixels[i] & 0xFF) / 255f, images.pixels()[i], "pixel " + i);
        }
    }

    @Test
    void plainAndGzipReadTheSame() throws Exception {
        byte[] file = images(3, 4, 5, ramp(60));
        Idx.Images plain = Idx.readImages(write(dir, "img", file));
        Idx.Images gz = Idx.readImages(write(dir, "img.gz", gzip(file)));
        assertEquals(plain.count(), gz.count());
        assertEquals(plain.rows(), gz.rows());
        assertEquals(plain.cols(), gz.cols());
        assertArrayEquals(plain.pixels(), gz.pixels());

        byte[] labels = labels(3, 1, 4, 1, 5, 9, 2, 6);
        assertArrayEquals(Idx.readLabels(write(dir, "lab", labels)), Idx.readLabels(write(dir, "lab.gz", gzip(labels))));
    }

    @Test
    void gzipIsRecognisedByContentNotByName() throws Exception {
        byte[] file = images(2, 2, 2, ramp(8));
        Idx.Images expected = Idx.readImages(write(dir, "a", file));
        assertArrayEquals(expected.pixels(), Idx.readImages(write(dir, "compressed-without-suffix", gzip(file))).pixels());
        assertArrayEquals(expected.pixels(), Idx.readImages(write(dir, "already-unpacked.gz", file)).pixels());
    }

    @Test
    void labelsComeBackRawEvenAboveNine() throws Exception {
        assertArrayEquals(new int[] {0, 9, 10, 255}, Idx.readLabels(write(dir, "lab", labels(0, 9, 10, 255))));
    }

    @Test
    void zeroImagesIsAnEmptyFileNotAnError() throws Exception {
        Idx.Images images = Idx.readImages(write(dir, "img", images(0, 28, 28, new byte[0])));
        assertEquals(0, images.count());
        assertEquals(0, images.pixels().length);
        assertEquals(0, Idx.readLabels(write(dir, "lab", labels())).length);
    }

    @Test
    void largerThanOneChunkGzipReadsWhole() throws Exception {
        // 3 MiB crosses the first 1 MiB buffer and two doublings.
        int count = 3 * 1024 * 4;
        byte[] pixels = ramp(count * 16 * 16);
        Idx.Images images = Idx.readImages(write(dir, "big.gz", gzip(images(count, 16, 16, pixels))));
        assertEquals(count, images.count());
        assertEquals(255 / 255f, images.pixels()[pixels.length - 1]);
        assertEquals(1 / 255f, images.pixels()[pixels.length - 255]);
    }

    // --- bad headers ---

    @Test
    void wrongMagic() {
        Path file = write(dir, "not-idx.png", idx(0x89504E47, new int[] {1, 1, 1}, new byte[1]));
        assertIdxError(() -> Idx.readImages(file), file, 0, false,
                "expected magic 0x00000803 (unsigned bytes, 3 dimensions)", "got 0x89504E47", "not an IDX file");
    }

    @Test
    void wrongDataType() {
        Path file = write(dir, "floats", idx(0x00000D03, new int[] {1, 1, 1}, new byte[4]));
        assertIdxError(() -> Idx.readImages(file), file, 2, false,
                "expected magic 0x00000803", "got 0x00000D03 (32-bit floats, 3 dimensions)", "only unsigned-byte");
    }

    @Test
    void labelFileReadAsImages() {
        Path file = write(dir, "train-labels-idx1-ubyte.gz", gzip(labels(1, 2)));
        assertIdxError(() -> Idx.readImages(file), file, 3, true,
                "expected magic 0x00000803 (unsigned bytes, 3 dimensions)",
                "got 0x00000801 (unsigned bytes, 1 dimension)", "looks like a label file");
    }

    @Test
    void imageFileReadAsLabels() {
        Path file = write(dir, "img", images(1, 1, 1, new byte[1]));
        assertIdxError(() -> Idx.readLabels(file), file, 3, false,
                "expected magic 0x00000801 (unsigned bytes, 1 dimension)", "got 0x00000803", "looks like an image file");
    }

    @Test
    void emptyFile() {
        Path file = write(dir, "empty", new byte[0]);
        assertIdxError(() -> Idx.readImages(file), file, 0, false,
                "truncated header: expected 16 header bytes", "file ends after 0 bytes");
    }

    @Test
    void truncatedHeader() {
        Path file = write(dir, "short", Arrays.copyOf(images(1, 28, 28, new byte[784]), 10));
        assertIdxError(() -> Idx.readImages(file), file, 10, false,
                "truncated header: expected 16 header bytes (magic, image count, rows, columns)",
                "file ends after 10 bytes");
    }

    @Test
    void truncatedHeaderGzip() {
        Path file = write(dir, "short.gz", gzip(Arrays.copyOf(labels(1, 2, 3), 6)));
        assertIdxError(() -> Idx.readLabels(file), file, 6, true,
                "truncated header: expected 8 header bytes (magic, label count)", "decompressed data ends after 6 bytes");
    }

    @Test
    void negativeCount() {
        Path file = write(dir, "neg", images(-1, 28, 28, new byte[0]));
        assertIdxError(() -> Idx.readImages(file), file, 4, false, "expected image count of at least 0, got -1");
    }

    @Test
    void zeroColumns() {
        Path file = write(dir, "zero", images(1, 28, 0, new byte[0]));
        assertIdxError(() -> Idx.readImages(file), file, 12, false, "expected columns of at least 1, got 0");
    }

    // --- payload not matching the header ---

    @Test
    void truncatedPayload() {
        Path file = write(dir, "cut", Arrays.copyOf(images(2, 2, 2, ramp(8)), 21));
        assertIdxError(() -> Idx.readImages(file), file, 21, false,
                "truncated: header declares 8 bytes of pixels at offset 16", "file ends after 21 bytes", "3 missing");
    }

    @Test
    void truncatedPayloadGzip() {
        Path file = write(dir, "cut.gz", gzip(Arrays.copyOf(images(2, 2, 2, ramp(8)), 21)));
        assertIdxError(() -> Idx.readImages(file), file, 21, true,
                "truncated: header declares 8 bytes of pixels at offset 16", "decompressed data ends after 21 bytes");
    }

    @Test
    void truncatedLabels() {
        Path file = write(dir, "labels-cut", Arrays.copyOf(labels(1, 2, 3, 4), 10));
        assertIdxError(() -> Idx.readLabels(file), file, 10, false,
                "truncated: header declares 4 bytes of labels at offset 8", "file ends after 10 bytes");
    }

    @Test
    void extraBytesAfterPayload() {
        Path file = write(dir, "long", images(2, 2, 2, ramp(9)));
        assertIdxError(() -> Idx.readImages(file), file, 24, false,
                "expected end of data at offset 24", "8 bytes of pixels as image count × rows × columns", "found more bytes");
    }

    @Test
    void extraBytesAfterPayloadGzip() {
        byte[] plain = labels(1, 2, 3, 4, 5);
        plain[7] = 4; // the header now says 4 labels; 5 follow
        Path file = write(dir, "long.gz", gzip(plain));
        assertIdxError(() -> Idx.readLabels(file), file, 12, true, "expected end of data at offset 12", "found more bytes");
    }

    @Test
    void damagedGzipStream() {
        byte[] gz = gzip(images(4, 28, 28, ramp(4 * 784)));
        Path file = write(dir, "damaged.gz", Arrays.copyOf(gz, gz.length - 12));
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> Idx.readImages(file));
        assertTrue(e.getMessage().contains("gzip data is damaged or cut short"), e.getMessage());
        assertTrue(e.getMessage().contains("(decompressed)"), e.getMessage());
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }

    @Test
    void missingFileIsNoSuchFile() {
        assertThrows(NoSuchFileException.class, () -> Idx.readImages(dir.resolve("absent")));
    }

    // --- a header that lies about its size must not cost memory ---

    @Test
    void sizeBeyondAnyArrayIsRejectedBeforeReading() {
        // 2^30 × 28 × 28 = 842 billion pixels, declared by a 16-byte file.
        Path file = write(dir, "absurd", images(1 << 30, 28, 28, new byte[0]));
        assertIdxError(() -> Idx.readImages(file), file, 4, false,
                "header declares 1073741824 × 28 × 28 = 841813590016 pixels", "at most 2147483639");
    }

    @Test
    void sizeBeyondAnyArrayDoesNotOverflowWithHugeDimensions() {
        int max = Integer.MAX_VALUE;
        Path file = write(dir, "absurd", images(max, max, max, new byte[0]));
        IdxFormatException e = assertIdxError(() -> Idx.readImages(file), file, 4, false, "at most 2147483639");
        assertTrue(e.getMessage().contains("= 9903520300447984150353281023 pixels"), e.getMessage());
    }

    @Test
    void largeDeclaredSizeInTinyFilesFailsAsTruncatedWithoutAllocatingIt() {
        // 2^21 × 28 × 28 ≈ 1.6 GB fits an array, so only reading can expose the lie.
        byte[] lie = images(1 << 21, 28, 28, ramp(14));
        long declared = (1L << 21) * 28 * 28;
        Path plain = write(dir, "lie", lie);
        Path gz = write(dir, "lie.gz", gzip(lie));
        for (Path file : new Path[] {plain, gz}) {
            long allocated = allocatedBytes(() -> assertTimeout(Duration.ofSeconds(10), () ->
                    assertIdxError(() -> Idx.readImages(file), file, 30, file == gz,
                            "truncated: header declares " + declared + " bytes of pixels at offset 16",
                            "ends after 30 bytes")));
            assertTrue(allocated < 64L << 20, file + ": reading allocated " + allocated + " bytes");
        }
    }

    // Bytes allocated by this thread while running the check, where the JVM can count them.
    private static long allocatedBytes(Executable check) {
        var bean = ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(bean instanceof com.sun.management.ThreadMXBean counting
                        && counting.isThreadAllocatedMemorySupported() && counting.isThreadAllocatedMemoryEnabled(),
                "this JVM cannot count a thread's allocations");
        var counting = (com.sun.management.ThreadMXBean) bean;
        long before = counting.getCurrentThreadAllocatedBytes();
        try {
            check.execute();
        } catch (Error | RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
        return counting.getCurrentThreadAllocatedBytes() - before;
    }

    static IdxFormatException assertIdxError(Executable read, Path file, long offset, boolean decompressed,
            String... fragments) {
        IdxFormatException e = assertThrows(IdxFormatException.class, read);
        String message = e.getMessage();
        assertEquals(file, e.file(), message);
        assertEquals(offset, e.offset(), message);
        assertTrue(message.contains(file.getFileName().toString()), message);
        assertTrue(message.contains("offset " + offset + (decompressed ? " (decompressed):" : ":")), message);
        for (String fragment : fragments) {
            assertTrue(message.contains(fragment), () -> "expected \"" + fragment + "\" in: " + message);
        }
        return e;
    }
}
