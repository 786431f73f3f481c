package dev.backprop.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.Activation;
import dev.backprop.Init;
import dev.backprop.Network;
import dev.backprop.Parameters;
import dev.backprop.Activations;
import dev.backprop.Costs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFileTest {
    private static final Network BOOK = Network.of(784, 30, 10);

    @TempDir
    Path dir;

    private Path saveBook() throws IOException {
        Path file = dir.resolve("book.npz");
        ModelFile.save(BOOK, Parameters.initialize(BOOK, Init.STANDARD_NORMAL, 1), file);
        return file;
    }

    /** Saves the book's network, lets {@code edit} change its arrays, and loads the result. */
    private ModelFormatException loadEdited(java.util.function.Consumer<Map<String, byte[]>> edit) throws IOException {
        Path file = saveBook();
        Map<String, byte[]> entries = TestFiles.entries(file);
        edit.accept(entries);
        TestFiles.writeZip(file, entries);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFile.load(file));
        assertEquals(file, e.file());
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        return e;
    }

    private static byte[] npy(NpyArray array) {
        try {
            return TestFiles.npy(array);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void assertMentions(Exception e, String... parts) {
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), () -> "expected '" + part + "' in: " + e.getMessage());
        }
    }

    private static void assertBitwiseEqual(Parameters expected, Parameters actual) {
        assertEquals(expected, actual);
        for (int l = 0; l < expected.network().depth(); l++) {
            assertArrayEquals(rawBits(expected.weights(l)), rawBits(actual.weights(l)), "weights of layer " + (l + 2));
            assertArrayEquals(rawBits(expected.biases(l)), rawBits(actual.biases(l)), "biases of layer " + (l + 2));
        }
    }

    private static int[] rawBits(float[] values) {
        int[] bits = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            bits[i] = Float.floatToRawIntBits(values[i]);
        }
        return bits;
    }

    private List<Path> temporaryFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
        }
    }

    // ---- round trips ----

    @Test
    void bookNetworkRoundTripsBitwise() throws IOException {
        Parameters parameters = Parameters.initialize(BOOK, Init.STANDARD_NORMAL, 1);
        Path file = dir.resolve("book.npz");
        ModelFile.save(BOOK, parameters, file);
        ModelFile.Loaded loaded = ModelFile.load(file);
        assertEquals(BOOK, loaded.network());
        assertBitwiseEqual(parameters, loaded.parameters());
        assertEquals(List.of(), temporaryFiles());
    }

    @Test
    void builderNetworkWithSoftmaxAndLogLikelihoodRoundTrips() throws IOException {
        Network network = Network.builder(20).layer(16, Activations.TANH).layer(12, Activations.RELU)
                .layer(5, Activations.SOFTMAX).cost(Costs.LOG_LIKELIHOOD).build();
        Parameters parameters = Parameters.initialize(network, Init.SCALED_NORMAL, 7);
        Path file = dir.resolve("deep.npz");
        ModelFile.save(network, parameters, file);
        ModelFile.Loaded loaded = ModelFile.load(file);
        assertEquals(network, loaded.network());
        assertEquals(Activations.SOFTMAX, loaded.network().layer(2).activation());
        assertEquals(Costs.LOG_LIKELIHOOD, loaded.network().cost());
        assertBitwiseEqual(parameters, loaded.parameters());
    }

    @Test
    void fileHoldsTheDocumentedArrays() throws IOException {
        Path file = saveBook();
        Parameters parameters = Parameters.initialize(BOOK, Init.STANDARD_NORMAL, 1);
        Map<String, byte[]> entries = TestFiles.entries(file);
        assertEquals(List.of("format", "sizes", "activations", "cost", "w2", "b2", "w3", "b3"), List.copyOf(entries.keySet()));
        assertEquals(NpyArray.scalar(1), read(entries, "format"));
        assertEquals(NpyArray.of(new int[] {784, 30, 10}, 3), read(entries, "sizes"));
        assertEquals(NpyArray.of(new String[] {"sigmoid", "sigmoid"}, 2), read(entries, "activations"));
        assertEquals(new NpyArray("<U9", new int[0], new String[] {"quadratic"}), read(entries, "cost"));
        NpyArray w3 = read(entries, "w3");
        assertArrayEquals(new int[] {10, 30}, w3.shape());
        assertEquals(parameters.weights(1)[4 * 30 + 7], w3.floats()[4 * 30 + 7]);
        assertArrayEquals(new int[] {10}, read(entries, "b3").shape());
    }

    private static NpyArray read(Map<String, byte[]> entries, String key) throws IOException {
        byte[] bytes = entries.get(key);
        return Npy.read(new java.io.ByteArrayInputStream(bytes), bytes.length);
    }

    @Test
    void savingReplacesAnExistingFile() throws IOException {
        Path file = saveBook();
        Parameters other = Parameters.initialize(BOOK, Init.SCALED_NORMAL, 2);
        ModelFile.save(BOOK, other, file);
        assertBitwiseEqual(other, ModelFile.load(file).parameters());
        assertEquals(List.of(), temporaryFiles());
    }

    @Test
    void savedFileHasThePermissionsOfAnyNewFile() throws IOException {
        Assumptions.assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "needs POSIX permissions");
        Path file = saveBook();
        Path plain = Files.createFile(dir.resolve("plain"));
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(file));
    }

    // ---- bad input ----

    @Test
    void randomBytesAreNotAZip() throws IOException {
        Path file = dir.resolve("noise.npz");
        byte[] noise = new byte[4096];
        new Random(3).nextBytes(noise);
        Files.write(file, noise);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFile.load(file));
        assertMentions(e, file.toString(), "not an .npz (zip) file");
    }

    @Test
    void truncatedZipIsRejected() throws IOException {
        Path file = saveBook();
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFile.load(file));
        assertMentions(e, file.toString(), "not an .npz (zip) file");
    }

    @Test
    void missingArrayIsNamedWithTheArraysPresent() throws IOException {
        ModelFormatException e = loadEdited(entries -> entries.remove("b3"));
        assertEquals("b3", e.entry());
        assertMentions(e, "array 'b3': missing", "[activations, b2, cost, format, sizes, w2, w3]");
    }

    @Test
    void numpysDefaultDtypesLoadConvertedWithARangeCheck() throws IOException {
        // np.array([784, 30, 10]) is int64 and np.random.randn(...) float64: a model made in numpy.
        Path file = saveBook();
        Parameters saved = ModelFile.load(file).parameters();
        Map<String, byte[]> entries = TestFiles.entries(file);
        entries.put("sizes", TestFiles.rawNpy("{'descr': '<i8', 'fortran_order': False, 'shape': (3,), }",
                TestFiles.littleEndianLongs(784, 30, 10)));
        double[] w3 = new double[10 * 30];
        for (int i = 0; i < w3.length; i++) {
            w3[i] = saved.weights(1)[i] + 1e-12;   // below float32's resolution: rounds back to the float
        }
        entries.put("w3", TestFiles.rawNpy("{'descr': '<f8', 'fortran_order': False, 'shape': (10, 30), }",
                TestFiles.littleEndianDoubles(w3)));
        TestFiles.writeZip(file, entries);
        assertBitwiseEqual(saved, ModelFile.load(file).parameters());

        ModelFormatException tooLarge = loadEdited(e -> e.put("b3", TestFiles.rawNpy(
                "{'descr': '<f8', 'fortran_order': False, 'shape': (10,), }",
                TestFiles.littleEndianDoubles(new double[] {0, 0, 0, 1e300, 0, 0, 0, 0, 0, 0}))));
        assertMentions(tooLarge, "array 'b3'", "value [3] is 1.0E300", "float32 range");
        ModelFormatException wideSize = loadEdited(e -> e.put("sizes", TestFiles.rawNpy(
                "{'descr': '<i8', 'fortran_order': False, 'shape': (3,), }",
                TestFiles.littleEndianLongs(784, 1L << 33, 10))));
        assertMentions(wideSize, "array 'sizes'", "value [1] is 8589934592", "32-bit int");
    }

    @Test
    void int32WeightsAreRejectedAsTheWrongDtype() throws IOException {
        ModelFormatException e = loadEdited(entries -> entries.put("w2", npy(NpyArray.of(new int[30 * 784], 30, 784))));
        assertMentions(e, "array 'w2'", "expected dtype '<f4' or '<f8'", "got '<i4'");
    }

    @Test
    void transposedWeightsAreRejectedWithBothShapes() throws IOException {
        ModelFormatException e = loadEdited(entries -> entries.put("w3", npy(NpyArray.of(new float[300], 30, 10))));
        assertEquals("w3", e.entry());
        assertMentions(e, "array 'w3'", "expected shape (10, 30) from sizes [784, 30, 10], got (30, 10)");
    }

    @Test
    void weightsThatContradictSizesAreRejected() throws IOException {
        // sizes says 30 hidden neurons, w2 has 20 rows.
        ModelFormatException e = loadEdited(entries -> entries.put("w2", npy(NpyArray.of(new float[20 * 784], 20, 784))));
        assertMentions(e, "array 'w2'", "expected shape (30, 784)", "got (20, 784)");
    }

    @Test
    void activationsThatContradictSizesAreRejected() throws IOException {
        ModelFormatException e = loadEdited(entries -> entries.put("activations",
                npy(NpyArray.of(new String[] {"sigmoid", "sigmoid", "sigmoid"}, 3))));
        assertMentions(e, "array 'activations'", "expected shape (2,) from sizes [784, 30, 10]", "got (3,)");
    }

    @Test
    void arraysForLayersThatSizesLacksAreRejected() throws IOException {
        ModelFormatException e = loadEdited(entries -> entries.put("w4", npy(NpyArray.of(new float[10], 1, 10))));
        assertMentions(e, "array 'w4'", "layers 2 to 3", "w2, b2 … w3, b3 only");
    }

    @Test
    void nanInAWeightIsNamedWithItsIndex() throws IOException {
        ModelFormatException e = loadEdited(entries -> {
            float[] w = new float[30 * 784];
            w[5 * 784 + 7] = Float.NaN;
            entries.put("w2", npy(NpyArray.of(w, 30, 784)));
        });
        assertMentions(e, "array 'w2'", "value [3927] (row 5, column 7) is NaN");
    }

    @Test
    void infinityInABiasIsNamedWithItsIndex() throws IOException {
        ModelFormatException e = loadEdited(entries -> {
            float[] b = new float[10];
            b[9] = Float.NEGATIVE_INFINITY;
            entries.put("b3", npy(NpyArray.of(b, 10)));
        });
        assertMentions(e, "array 'b3'", "value [9] is -Infinity");
    }

    @Test
    void hugeShapeInATinyEntryFailsWithoutAllocating() throws IOException {
        // sizes and w2 agree on a 64 MB matrix (small enough for any test heap to pass the heap
        // check), but the entry holds 72 bytes of data: the read stops at what is there.
        ModelFormatException e = loadEdited(entries -> {
            entries.keySet().removeAll(List.of("w3", "b3"));
            entries.put("sizes", npy(NpyArray.of(new int[] {4000, 4000}, 2)));
            entries.put("activations", npy(NpyArray.of(new String[] {"sigmoid"}, 1)));
            entries.put("w2", TestFiles.rawNpy("{'descr': '<f4', 'fortran_order': False, 'shape': (4000, 4000), }",
                    new byte[72]));
        });
        assertMentions(e, "array 'w2'", "64000000 bytes of data", "72 bytes follow");
        // Sizes whose matrix could not be held in one array are refused before any entry is read.
        ModelFormatException tooLarge = loadEdited(entries -> {
            entries.keySet().removeAll(List.of("w3", "b3"));
            entries.put("sizes", npy(NpyArray.of(new int[] {1 << 20, 1 << 20}, 2)));
            entries.put("activations", npy(NpyArray.of(new String[] {"sigmoid"}, 1)));
            entries.put("w2", TestFiles.rawNpy("{'descr': '<f4', 'fortran_order': False, 'shape': (1048576, 1048576), }",
                    new byte[72]));
        });
        assertMentions(tooLarge, "sizes [1048576, 1048576]", "1048576 × 1048576 = 1099511627776 weights",
                "more than the 2147483639 one Java array holds");
        // Sizes whose int32 product overflows (the issue's [1610612735, 2147483647]).
        ModelFormatException overflow = loadEdited(entries -> {
            entries.keySet().removeAll(List.of("w3", "b3"));
            entries.put("sizes", npy(NpyArray.of(new int[] {1610612735, 2147483647}, 2)));
            entries.put("activations", npy(NpyArray.of(new String[] {"sigmoid"}, 1)));
        });
        assertMentions(overflow, "2147483647 × 1610612735 = 3458764510062444545 weights");
    }

    @Test
    void longerEntryThanTheHeaderDeclaresIsRejected() throws IOException {
        ModelFormatException e = loadEdited(entries -> entries.put("b2", TestFiles.rawNpy(
                "{'descr': '<f4', 'fortran_order': False, 'shape': (30,), }", new byte[120 + Npy.MAX_PREAMBLE])));
        assertMentions(e, "array 'b2'", "more than");
    }

    @Test
    void fortranOrderWeightsAreRejected() throws IOException {
        ModelFormatException e = loadEdited(entries -> entries.put("w2", TestFiles.rawNpy(
                "{'descr': '<f4', 'fortran_order': True, 'shape': (30, 784), }", new byte[4 * 30 * 784])));
        assertMentions(e, "array 'w2'", "fortran_order is True");
    }

    @Test
    void customActivationInTheFileCannotBeRecreated() throws IOException {
        ModelFormatException e = loadEdited(entries -> entries.put("activations",
                npy(NpyArray.of(new String[] {"swish", "sigmoid"}, 2))));
        assertMentions(e, "array 'activations'", "layer 2 uses 'swish'", "custom activation", "cannot recreate");
    }

    @Test
    void customCostInTheFileCannotBeRecreated() throws IOException {
        ModelFormatException e = loadEdited(entries -> entries.put("cost", npy(NpyArray.scalar("hinge"))));
        assertMentions(e, "array 'cost'", "'hinge'", "custom cost", "cannot recreate");
    }

    @Test
    void invalidArchitectureIsRejected() throws IOException {
        ModelFormatException e = loadEdited(entries -> entries.put("activations",
                npy(NpyArray.of(new String[] {"softmax", "sigmoid"}, 2))));
        assertMentions(e, "do not make a valid network", "layer 2");
    }

    @Test
    void newerLayoutIsRejected() throws IOException {
        ModelFormatException e = loadEdited(entries -> entries.put("format", npy(NpyArray.scalar(2))));
        assertMentions(e, "array 'format'", "expected layout version 1, got 2", "newer");
    }

    @Test
    void sizesOfTheWrongRankAreRejected() throws IOException {
        ModelFormatException e = loadEdited(entries -> entries.put("sizes", npy(NpyArray.scalar(784))));
        assertMentions(e, "array 'sizes'", "expected a 1-d array, got shape ()");
    }

    // ---- saving ----

    @Test
    void nanParametersAreRefusedAndTheOldFileSurvives() throws IOException {
        Path file = saveBook();
        Parameters a = Parameters.initialize(BOOK, Init.STANDARD_NORMAL, 1);
        Parameters b = a.copy();
        b.weights(1)[12] = Float.NaN;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelFile.save(BOOK, b, file));
        assertMentions(e, "weights of layer 3 [12]", "NaN");
        assertBitwiseEqual(a, ModelFile.load(file).parameters());
        assertEquals(List.of(), temporaryFiles());
    }

    @Test
    void failedMoveLeavesNoTemporaryFile() throws IOException {
        // The target is a directory that is not empty: everything is written, then the move fails.
        Path target = dir.resolve("occupied.npz");
        Files.createDirectory(target);
        Files.writeString(target.resolve("keep"), "x");
        Parameters parameters = Parameters.initialize(BOOK, Init.STANDARD_NORMAL, 1);
        assertThrows(IOException.class, () -> ModelFile.save(BOOK, parameters, target));
        assertEquals(List.of(), temporaryFiles());
        assertTrue(Files.isDirectory(target));
    }

    @Test
    void unwritableDirectoryFailsAndKeepsTheOldFile() throws IOException {
        Path locked = Files.createDirectory(dir.resolve("locked"));
        Path file = locked.resolve("model.npz");
        Parameters a = Parameters.initialize(BOOK, Init.STANDARD_NORMAL, 1);
        ModelFile.save(BOOK, a, file);
        Assumptions.assumeTrue(locked.getFileSystem().supportedFileAttributeViews().contains("posix"), "needs POSIX permissions");
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-x------"));
        try {
            Assumptions.assumeFalse(Files.isWritable(locked), "running as a user who can write anyway (root?)");
            Parameters b = Parameters.initialize(BOOK, Init.STANDARD_NORMAL, 2);
            assertThrows(IOException.class, () -> ModelFile.save(BOOK, b, file));
            assertBitwiseEqual(a, ModelFile.load(file).parameters());
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwx------"));
        }
        try (Stream<Path> files = Files.list(locked)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void parametersOfAnotherNetworkAreRefused() {
        Parameters other = Parameters.initialize(Network.of(784, 20, 10), Init.STANDARD_NORMAL, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelFile.save(BOOK, other, dir.resolve("x.npz")));
        assertMentions(e, "belong to");
        assertNotEquals(true, Files.exists(dir.resolve("x.npz")));
    }

    @Test
    void customActivationIsRefusedOnSaving() throws IOException {
        Activation swish = CustomActivation.SWISH;
        Network network = Network.builder(4).layer(3, swish).layer(2, Activations.SIGMOID).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelFile.save(network, Parameters.zeros(network), dir.resolve("swish.npz")));
        assertMentions(e, "layer 2", "custom activation 'swish'");
        assertEquals(List.of(), temporaryFiles());
    }
}
