package dev.backprop.data;

import static dev.backprop.data.IdxBytes.gzip;
import static dev.backprop.data.IdxBytes.images;
import static dev.backprop.data.IdxBytes.labels;
import static dev.backprop.data.IdxBytes.ramp;
import static dev.backprop.data.IdxBytes.write;
import static dev.backprop.data.IdxTest.assertIdxError;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MnistTest {
    @TempDir
    Path dir;

    /** Three 2×2 training images, two test images: a complete directory, mixing plain and gzip files. */
    private void writeSmallDirectory() {
        write(dir, "train-images-idx3-ubyte.gz", gzip(images(3, 2, 2, ramp(12))));
        write(dir, "train-labels-idx1-ubyte", labels(7, 0, 9));
        write(dir, "t10k-images-idx3-ubyte", images(2, 2, 2, new byte[] {0, 0, 0, (byte) 255, 1, 2, 3, 4}));
        write(dir, "t10k-labels-idx1-ubyte.gz", gzip(labels(3, 3)));
    }

    @Test
    void loadsADirectoryOfPlainAndGzipFiles() throws Exception {
        writeSmallDirectory();
        Mnist.Split split = Mnist.load(dir);

        Dataset training = split.training();
        assertEquals(3, training.size());
        assertEquals(4, training.inputWidth());
        assertEquals(10, training.outputWidth());
        assertEquals(9, training.label(2));
        assertArrayEquals(new float[] {8 / 255f, 9 / 255f, 10 / 255f, 11 / 255f}, training.input(2));
        float[] seven = new float[10];
        seven[7] = 1f;
        assertArrayEquals(seven, training.target(0));

        Dataset test = split.test();
        assertEquals(2, test.size());
        assertArrayEquals(new float[] {0, 0, 0, 1f}, test.input(0));
        assertEquals(3, test.label(1));
    }

    @Test
    void prefersThePlainFileWhenBothAreThere() throws Exception {
        writeSmallDirectory();
        write(dir, "train-labels-idx1-ubyte.gz", new byte[] {0x1f, (byte) 0x8b, 1}); // would fail if read
        assertEquals(3, Mnist.load(dir).training().size());
    }

    @Test
    void missingFileNamesTheDirectoryAndTheNamesLookedFor() throws Exception {
        writeSmallDirectory();
        Files.delete(dir.resolve("t10k-labels-idx1-ubyte.gz"));
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> Mnist.load(dir));
        assertTrue(e.getMessage().contains(dir.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("no MNIST test labels: expected t10k-labels-idx1-ubyte or "
                + "t10k-labels-idx1-ubyte.gz"), e.getMessage());
    }

    @Test
    void missingDirectory() {
        Path absent = dir.resolve("nowhere");
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> Mnist.load(absent));
        assertTrue(e.getMessage().contains(absent.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("train-images-idx3-ubyte"), e.getMessage());
    }

    @Test
    void countsOfImagesAndLabelsMustMatch() {
        Path images = write(dir, "img", images(3, 2, 2, ramp(12)));
        Path labels = write(dir, "lab.gz", gzip(labels(1, 2)));
        IdxFormatException e = assertIdxError(() -> Mnist.loadPair(images, labels, 10), labels, 4, true,
                "header declares 2 labels", "declares 3 images", "one label per image");
        assertTrue(e.getMessage().contains(images.toString()), e.getMessage());
    }

    @Test
    void labelOutOfRangeIsReportedWithItsOffset() {
        Path images = write(dir, "img", images(4, 1, 1, ramp(4)));
        Path labels = write(dir, "lab", labels(0, 9, 10, 1));
        assertIdxError(() -> Mnist.loadPair(images, labels, 10), labels, 10, false,
                "expected a label from 0 to 9, got 10 (label of example 2)");
    }

    @Test
    void labelOutOfRangeInADirectory() {
        writeSmallDirectory();
        Path labels = write(dir, "train-labels-idx1-ubyte", labels(7, 200, 9));
        assertIdxError(() -> Mnist.load(dir), labels, 9, false, "got 200 (label of example 1)");
    }

    @Test
    void labelOutOfRangeInGzipHasADecompressedOffset() {
        writeSmallDirectory();
        Path gz = write(dir, "lab.gz", gzip(labels(1, 2, 11)));
        Path images = dir.resolve("train-images-idx3-ubyte.gz");
        assertIdxError(() -> Mnist.loadPair(images, gz, 10), gz, 10, true, "got 11 (label of example 2)");
    }

    @Test
    void classesMustFitAByte() {
        Path images = write(dir, "img", images(1, 1, 1, ramp(1)));
        Path labels = write(dir, "lab", labels(0));
        assertThrows(IllegalArgumentException.class, () -> Mnist.loadPair(images, labels, 0));
        assertThrows(IllegalArgumentException.class, () -> Mnist.loadPair(images, labels, 257));
    }

    @Test
    void trainingAndTestImagesMustHaveOneSize() {
        writeSmallDirectory();
        write(dir, "t10k-images-idx3-ubyte", images(2, 3, 3, ramp(18)));
        IOException e = assertThrows(IOException.class, () -> Mnist.load(dir));
        assertTrue(e.getMessage().contains("expected images of 4 pixels"), e.getMessage());
        assertTrue(e.getMessage().contains("got 9"), e.getMessage());
    }

    /** The 10,000 digits bundled with the project; figures from data/mnist10k/README.md. */
    @Test
    void bundledMnist10k() throws Exception {
        Path bundled = Path.of("..", "data", "mnist10k");
        Assumptions.assumeTrue(Files.isDirectory(bundled),
                "the bundled data set is not next to this module (" + bundled.toAbsolutePath() + ")");
        Mnist.Split split = Mnist.load(bundled);
        assertEquals(8000, split.training().size());
        assertEquals(2000, split.test().size());
        assertEquals(784, split.training().inputWidth());
        assertEquals(784, split.test().inputWidth());
        assertEquals(10, split.training().outputWidth());

        int[] trainingCounts = classCounts(split.training());
        int[] testCounts = classCounts(split.test());
        for (int digit = 0; digit < 10; digit++) {
            assertTrue(trainingCounts[digit] >= 690 && trainingCounts[digit] <= 902,
                    "training images of " + digit + ": " + trainingCounts[digit]);
            assertTrue(testCounts[digit] >= 173 && testCounts[digit] <= 225,
                    "test images of " + digit + ": " + testCounts[digit]);
        }
        float[] pixels = split.training().input(0);
        for (float p : pixels) {
            assertTrue(p >= 0f && p <= 1f, "pixel " + p);
        }
    }

    private static int[] classCounts(Dataset set) {
        int[] counts = new int[10];
        for (int i = 0; i < set.size(); i++) {
            counts[set.label(i)]++; // an out-of-range label would throw here
        }
        return counts;
    }
}
