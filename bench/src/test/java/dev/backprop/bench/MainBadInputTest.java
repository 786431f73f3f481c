package dev.backprop.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.Init;
import dev.backprop.Network;
import dev.backprop.Parameters;
import dev.backprop.io.ModelFile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line against bad input: each mistake or damaged file is one printable line on
 * stderr that names the problem, with exit code 2 for a command-line mistake and 1 for a file or
 * data problem; never a stack trace, a raw control character or "(null)".
 */
class MainBadInputTest {
    @TempDir
    Path dir;

    private final InProcessCli cli = new InProcessCli();

    @Test
    void hiddenWidthsWithEmptyPartsAreUsageErrors() {
        for (String hidden : new String[] {",", "30,", ",30", "30,,10", ""}) {
            assertEquals(Main.USAGE, cli.run("mnist", "--hidden", hidden), "--hidden '" + hidden + "'");
            cli.assertOneLine("--hidden", "widths like 30 or 100,30");
        }
    }

    @Test
    void hiddenWidthsTooLargeForOneArrayAreUsageErrorsNotCrashes() {
        assertEquals(Main.USAGE, cli.run("mnist", "--hidden", "3000000", "--epochs", "1"));
        cli.assertOneLine("layer 2", "3000000 × 784", "more than the 2147483639");
    }

    @Test
    void idxFilesWithZeroExamplesAreAFailureSayingSo() throws IOException {
        Path data = Files.createDirectory(dir.resolve("empty"));
        write(data, "train-images-idx3-ubyte", idx(0x803, new int[] {0, 28, 28}, new byte[0]));
        write(data, "train-labels-idx1-ubyte", idx(0x801, new int[] {0}, new byte[0]));
        write(data, "t10k-images-idx3-ubyte", idx(0x803, new int[] {0, 28, 28}, new byte[0]));
        write(data, "t10k-labels-idx1-ubyte", idx(0x801, new int[] {0}, new byte[0]));
        assertEquals(Main.FAILED, cli.run("mnist", "--data", data.toString(), "--epochs", "1"));
        cli.assertOneLine("training files hold 0 examples");
        Path model = saveModel(Network.of(784, 5, 10));
        assertEquals(Main.FAILED, cli.run("evaluate", "--model", model.toString(), "--data", data.toString()));
        cli.assertOneLine("0 examples");
    }

    @Test
    void anUnreadableFileSaysPermissionDenied() throws IOException {
        // Checked on the message itself, because as root (CI) no file is unreadable.
        assertEquals("cannot read data/x: permission denied", Problems.describe(new AccessDeniedException("data/x")));
        Path model = saveModel(Network.of(784, 5, 10));
        Assumptions.assumeTrue(model.getFileSystem().supportedFileAttributeViews().contains("posix"), "needs POSIX permissions");
        Files.setPosixFilePermissions(model, PosixFilePermissions.fromString("---------"));
        Assumptions.assumeFalse(Files.isReadable(model), "running as a user who reads anything (root?)");
        assertEquals(Main.FAILED, cli.run("evaluate", "--model", model.toString()));
        cli.assertOneLine("cannot read " + model, "permission denied");
    }

    @Test
    void aModelWhoseHeaderLiesShowsNoRawBytes() throws IOException {
        Path model = saveModel(Network.of(784, 5, 10));
        byte[] zip = Files.readAllBytes(model);
        // Rebuild the zip with w2's header length raised by 40: the parser then reads NULs of the data.
        Path lie = dir.resolve("lie.npz");
        try (var in = new java.util.zip.ZipFile(model.toFile());
             var zout = new java.util.zip.ZipOutputStream(Files.newOutputStream(lie))) {
            for (var entry : java.util.Collections.list(in.entries())) {
                byte[] bytes = in.getInputStream(entry).readAllBytes();
                if (entry.getName().equals("w2.npy")) {
                    int length = (bytes[8] & 0xFF) | (bytes[9] & 0xFF) << 8;
                    bytes[8] = (byte) (length + 40);
                    bytes[9] = (byte) ((length + 40) >>> 8);
                }
                zout.putNextEntry(new java.util.zip.ZipEntry(entry.getName()));
                zout.write(bytes);
                zout.closeEntry();
            }
        }
        assertTrue(zip.length > 0);
        assertEquals(Main.FAILED, cli.run("evaluate", "--model", lie.toString()));
        cli.assertOneLine("lie.npz", "array 'w2'", "malformed header", "\\x0a");
    }

    @Test
    void aDamagedGzipNeverReads_null() throws IOException {
        Path data = Files.createDirectory(dir.resolve("damaged"));
        byte[] images = gzip(idx(0x803, new int[] {2, 28, 28}, new byte[2 * 784]));
        images[images.length - 6] ^= 0x10;               // the CRC-32 in the gzip trailer
        write(data, "train-images-idx3-ubyte.gz", images);
        write(data, "train-labels-idx1-ubyte", idx(0x801, new int[] {2}, new byte[] {1, 2}));
        write(data, "t10k-images-idx3-ubyte", idx(0x803, new int[] {2, 28, 28}, new byte[2 * 784]));
        write(data, "t10k-labels-idx1-ubyte", idx(0x801, new int[] {2}, new byte[] {1, 2}));
        assertEquals(Main.FAILED, cli.run("mnist", "--data", data.toString(), "--epochs", "1"));
        cli.assertOneLine("train-images-idx3-ubyte.gz", "gzip data is damaged");
        assertFalse(cli.err().contains("null"), cli.err());
    }

    /** Damaged copies of a small data set and of a model, each evaluated: one clear line or the truth. */
    @Test
    void aGeneratedCorpusOfDamagedFilesGivesOneClearLineEach() throws IOException {
        Random random = new Random(5);
        byte[] images = idx(0x803, new int[] {4, 28, 28}, pixels(4 * 784, random));
        byte[] labels = idx(0x801, new int[] {4}, new byte[] {3, 1, 4, 1});
        Path model = saveModel(Network.of(784, 5, 10));
        byte[] modelBytes = Files.readAllBytes(model);
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            Path data = Files.createDirectory(dir.resolve("corpus" + i));
            byte[] damagedImages = damage(i % 2 == 0 ? gzip(images) : images, random);
            write(data, "t10k-images-idx3-ubyte" + (i % 2 == 0 ? ".gz" : ""), damagedImages);
            write(data, "t10k-labels-idx1-ubyte", i % 3 == 0 ? damage(labels, random) : labels);
            write(data, "train-images-idx3-ubyte", images);
            write(data, "train-labels-idx1-ubyte", labels);
            Path damagedModel = write(data, "model.npz", i % 4 == 0 ? damage(modelBytes, random) : modelBytes);
            int code = cli.run("evaluate", "--model", damagedModel.toString(), "--data", data.toString());
            String text = cli.err().strip();
            if (code == Main.OK) {
                continue;   // a flipped pixel of a plain file is a valid file
            }
            if (code != Main.FAILED || text.contains("\n") || text.contains("Exception") || text.contains("null")
                    || !text.chars().allMatch(c -> c >= 0x20 && c != 0x7f) || !text.startsWith("backprop: ")) {
                problems.add("case " + i + " (exit " + code + "): " + text);
            }
        }
        assertEquals(List.of(), problems);
    }

    private Path saveModel(Network network) throws IOException {
        Path model = dir.resolve("model-" + network.parameterCount() + ".npz");
        ModelFile.save(network, Parameters.initialize(network, Init.STANDARD_NORMAL, 1), model);
        return model;
    }

    private static byte[] damage(byte[] original, Random random) {
        byte[] copy = random.nextBoolean() ? Arrays.copyOf(original, random.nextInt(original.length)) : original.clone();
        if (copy.length > 0) {
            copy[random.nextInt(copy.length)] ^= (byte) (1 << random.nextInt(8));
        }
        return copy;
    }

    private static byte[] pixels(int n, Random random) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private static byte[] idx(int magic, int[] dims, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + payload.length);
        b.putInt(magic);
        for (int d : dims) {
            b.putInt(d);
        }
        return b.put(payload).array();
    }

    private static byte[] gzip(byte[] plain) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(plain);
        }
        return bytes.toByteArray();
    }

    private static Path write(Path dir, String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }
}
