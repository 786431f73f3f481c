package dev.backprop.io;

import dev.backprop.Activation;
import dev.backprop.Cost;
import dev.backprop.Network;
import dev.backprop.Parameters;

import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Saves and loads a network and its parameters as an .npz file: numpy's zip of .npy arrays, so
 * that {@code np.load("model.npz")["w2"]} is the book's {@code net.weights[0]}. The layout is in
 * the {@linkplain dev.backprop.io package documentation}.
 *
 * <pre>{@code
 * ModelFile.save(network, parameters, Path.of("mnist.npz"));
 * ModelFile.Loaded model = ModelFile.load(Path.of("mnist.npz"));
 * Parameters p = model.parameters();                     // model.network() equals network
 * }</pre>
 */
public final class ModelFile {
    /** The layout version stored under {@code format}; a loader refuses versions it does not know. */
    public static final int FORMAT_VERSION = 1;

    private static final String FORMAT = "format";
    private static final String SIZES = "sizes";
    private static final String ACTIVATIONS = "activations";
    private static final String COST = "cost";
    /** np.savez stores array "w2" as the zip entry "w2.npy". */
    private static final String SUFFIX = ".npy";

    /** The most bytes read for {@code format}, {@code sizes}, {@code activations} or {@code cost}. */
    private static final int METADATA_LIMIT = 1 << 20;

    private ModelFile() {
    }

    /**
     * A network and its parameters, as read from a file.
     *
     * @param network    the architecture, rebuilt from built-in activations and cost
     * @param parameters the weights and biases; {@code parameters.network()} equals {@code network}
     */
    public record Loaded(Network network, Parameters parameters) {
        public Loaded {
            Objects.requireNonNull(network, "network");
            Objects.requireNonNull(parameters, "parameters");
            if (!parameters.network().equals(network)) {
                throw new IllegalArgumentException("parameters of " + parameters.network() + " do not fit " + network);
            }
        }
    }

    /**
     * Writes {@code network} and {@code parameters} to {@code file}, replacing it atomically: the
     * file is written under a temporary name next to it, forced to disk and renamed, so it is
     * either the old file or the complete new one, never half written, even if the JVM dies
     * mid-save (which may leave a stray {@code *.tmp} beside it). On a file system without atomic
     * rename the replacement is an ordinary move.
     *
     * @throws IllegalArgumentException when the parameters belong to another network, contain NaN
     *                                  or infinity, or the network uses a custom activation or cost
     *                                  (which a file cannot recreate)
     * @throws IOException              when the file cannot be written; the old file is then
     *                                  untouched and no temporary file is left behind
     */
    public static void save(Network network, Parameters parameters, Path file) throws IOException {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(parameters, "parameters");
        Objects.requireNonNull(file, "file");
        checkSavable(network, parameters);
        Path target = file.toAbsolutePath();
        Path temporary = createTemporary(target);
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE);
                 ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16))) {
                writeEntries(network, parameters, zip);
                zip.finish();
                zip.flush();
                // On disk before the rename: otherwise a crash could leave a renamed, empty file.
                channel.force(true);
            }
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (Throwable e) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /**
     * Reads a model saved by {@link #save} (or written by numpy in the same layout).
     *
     * @throws ModelFormatException naming the file, the array and what was expected, when the file
     *                              is not a zip, lacks an array, has a wrong dtype or shape, holds
     *                              NaN or infinity, or names a custom activation or cost
     * @throws IOException          when the file cannot be read
     */
    public static Loaded load(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile());
        } catch (ZipException e) {
            throw new ModelFormatException(file, null, "not an .npz (zip) file: " + e.getMessage()
                    + "; expected a file written by ModelFile.save or numpy's np.savez (truncated or corrupt?)", e);
        }
        try (zip) {
            return new ModelReader(file, entriesByKey(file, zip), zip).read();
        }
    }

    /**
     * A new, empty file next to {@code target}: in the same directory, so that the final move is
     * a rename within one file system, which is what makes it atomic. Not
     * {@code Files.createTempFile}: that creates the file rw------- on POSIX and the rename would
     * give the model those permissions; {@code createFile} honours the umask like any new file.
     */
    private static Path createTemporary(Path target) throws IOException {
        for (int attempt = 1; ; attempt++) {
            Path candidate = target.resolveSibling(target.getFileName() + "."
                    + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + ".tmp");
            try {
                return Files.createFile(candidate);
            } catch (FileAlreadyExistsException e) {
                if (attempt == 100) {
                    throw e;
                }
            }
        }
    }

    /** "w2" for layer index 0: the book numbers layers from the input, which is layer 1. */
    private static String weightsKey(int index) {
        return "w" + (index + 2);
    }

    private static String biasesKey(int index) {
        return "b" + (index + 2);
    }

    private static void checkSavable(Network network, Parameters parameters) {
        if (!parameters.network().equals(network)) {
            throw new IllegalArgumentException("the parameters belong to " + parameters.network() + ", not to " + network
                    + "; save them with the network they were made for");
        }
        String nonFinite = parameters.firstNonFinite();
        if (nonFinite != null) {
            throw new IllegalArgumentException("refusing to save parameters with a non-finite value: " + nonFinite
                    + "; training diverged (try a smaller learning rate), save an earlier snapshot instead");
        }
        for (int l = 0; l < network.depth(); l++) {
            Activation f = network.layer(l).activation();
            if (!isBuiltin(f)) {
                throw new IllegalArgumentException("layer " + (l + 2) + " uses the custom activation '" + f.id()
                        + "'; a model file stores built-in activations by id only, so load could not recreate it");
            }
            long bytes = 4L * parameters.weights(l).length;
            if (bytes > Npy.MAX_BYTES - Npy.MAX_PREAMBLE) {
                throw new IllegalArgumentException("the weights of layer " + (l + 2) + " take " + bytes
                        + " bytes, more than the " + (Npy.MAX_BYTES - Npy.MAX_PREAMBLE) + " that load reads per array");
            }
        }
        if (!isBuiltin(network.cost())) {
            throw new IllegalArgumentException("the network uses the custom cost '" + network.cost().id()
                    + "'; a model file stores built-in costs by id only, so load could not recreate it");
        }
    }

    private static boolean isBuiltin(Activation f) {
        try {
            return Activation.builtin(f.id()) == f;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean isBuiltin(Cost cost) {
        try {
            return Cost.builtin(cost.id()) == cost;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static void writeEntries(Network network, Parameters parameters, ZipOutputStream zip) throws IOException {
        String[] activations = new String[network.depth()];
        for (int l = 0; l < activations.length; l++) {
            activations[l] = network.layer(l).activation().id();
        }
        int[] sizes = network.sizes();
        write(zip, FORMAT, NpyArray.scalar(FORMAT_VERSION));
        write(zip, SIZES, NpyArray.of(sizes, sizes.length));
        write(zip, ACTIVATIONS, NpyArray.of(activations, activations.length));
        write(zip, COST, NpyArray.scalar(network.cost().id()));
        for (int l = 0; l < network.depth(); l++) {
            int out = network.layer(l).width();
            write(zip, weightsKey(l), NpyArray.of(parameters.weights(l), out, network.fanIn(l)));
            write(zip, biasesKey(l), NpyArray.of(parameters.biases(l), out));
        }
    }

    private static void write(ZipOutputStream zip, String key, NpyArray array) throws IOException {
        zip.putNextEntry(new ZipEntry(key + SUFFIX));
        Npy.write(array, zip);
        zip.closeEntry();
    }

    /** The entries by key: numpy's np.load names an entry "w2.npy" "w2". */
    private static Map<String, ZipEntry> entriesByKey(Path file, ZipFile zip) throws ModelFormatException {
        Map<String, ZipEntry> entries = new TreeMap<>();
        Enumeration<? extends ZipEntry> all = zip.entries();
        while (all.hasMoreElements()) {
            ZipEntry entry = all.nextElement();
            if (entry.isDirectory()) {
                continue;
            }
            String name = entry.getName();
            String key = name.endsWith(SUFFIX) ? name.substring(0, name.length() - SUFFIX.length()) : name;
            if (entries.put(key, entry) != null) {
                throw new ModelFormatException(file, key, "appears twice in the zip; the file is ambiguous");
            }
        }
        return entries;
    }

    /** Reads one file's arrays, checking each against what the earlier ones imply. */
    private static final class ModelReader {
        private final Path file;
        private final Map<String, ZipEntry> entries;
        private final ZipFile zip;

        ModelReader(Path file, Map<String, ZipEntry> entries, ZipFile zip) {
            this.file = file;
            this.entries = entries;
            this.zip = zip;
        }

        Loaded read() throws IOException {
            int format = array(FORMAT, NpyArray.INT32, new int[0], "", METADATA_LIMIT).ints()[0];
            if (format != FORMAT_VERSION) {
                throw new ModelFormatException(file, FORMAT, "expected layout version " + FORMAT_VERSION
                        + ", got " + format + "; " + (format > FORMAT_VERSION
                        ? "the file was written by a newer version of backprop, load it with that version"
                        : "the file was not written by backprop"));
            }
            int[] sizes = array(SIZES, NpyArray.INT32, null, "", METADATA_LIMIT).ints();
            if (sizes.length < 2) {
                throw problem(SIZES, "expected the widths of at least 2 layers (input first), got "
                        + Arrays.toString(sizes));
            }
            String origin = "from sizes " + Arrays.toString(sizes);
            String[] activations = array(ACTIVATIONS, NpyArray.UNICODE_PREFIX, new int[] {sizes.length - 1},
                    origin + " (one per layer after the input)", METADATA_LIMIT).strings();
            String cost = array(COST, NpyArray.UNICODE_PREFIX, new int[0], "", METADATA_LIMIT).strings()[0];
            Network network = network(sizes, activations, cost);
            checkNoExtraLayers(network, sizes);

            float[][] weights = new float[network.depth()][];
            float[][] biases = new float[network.depth()][];
            for (int l = 0; l < network.depth(); l++) {
                int out = network.layer(l).width();
                int in = network.fanIn(l);
                weights[l] = finite(weightsKey(l), in,
                        array(weightsKey(l), NpyArray.FLOAT32, new int[] {out, in}, origin, 4L * out * in).floats());
                biases[l] = finite(biasesKey(l), 0,
                        array(biasesKey(l), NpyArray.FLOAT32, new int[] {out}, origin, 4L * out).floats());
            }
            return new Loaded(network, Parameters.of(network, weights, biases));
        }

        private Network network(int[] sizes, String[] activations, String costId) throws ModelFormatException {
            Activation[] layers = new Activation[activations.length];
            for (int l = 0; l < layers.length; l++) {
                try {
                    layers[l] = Activation.builtin(activations[l]);
                } catch (IllegalArgumentException e) {
                    throw problem(ACTIVATIONS, "layer " + (l + 2) + " uses '" + activations[l]
                            + "', which is not a built-in activation: the model was saved with a custom activation that"
                            + " this loader cannot recreate (" + e.getMessage() + ")");
                }
            }
            Cost cost;
            try {
                cost = Cost.builtin(costId);
            } catch (IllegalArgumentException e) {
                throw problem(COST, "'" + costId + "' is not a built-in cost: the model was saved with a custom"
                        + " cost that this loader cannot recreate (" + e.getMessage() + ")");
            }
            try {
                Network.Builder builder = Network.builder(sizes[0]);
                for (int l = 0; l < layers.length; l++) {
                    builder.layer(sizes[l + 1], layers[l]);
                }
                return builder.cost(cost).build();
            } catch (IllegalArgumentException e) {
                throw new ModelFormatException(file, null, "sizes " + Arrays.toString(sizes) + ", activations "
                        + Arrays.toString(activations) + " and cost '" + costId + "' do not make a valid network: "
                        + e.getMessage(), e);
            }
        }

        /** A w5 in a file whose sizes describe layers 2 to 3 means sizes and arrays disagree. */
        private void checkNoExtraLayers(Network network, int[] sizes) throws ModelFormatException {
            for (String key : entries.keySet()) {
                if (key.matches("[wb][0-9]+")) {
                    String digits = key.substring(1);
                    boolean expected = digits.length() < 9 && Integer.parseInt(digits) >= 2
                            && Integer.parseInt(digits) <= network.depth() + 1 && !digits.startsWith("0");
                    if (!expected) {
                        int last = network.depth() + 1;
                        throw problem(key, "not expected: sizes " + Arrays.toString(sizes) + " describe layers 2 to "
                                + last + ", so the file should hold " + (last == 2 ? "w2 and b2" : "w2, b2 … w" + last
                                + ", b" + last) + " only; sizes and the arrays disagree");
                    }
                }
            }
        }

        /**
         * Reads array {@code key}, checking its dtype and shape before decoding it.
         *
         * @param dtype     the exact dtype, or {@link NpyArray#UNICODE_PREFIX} for any string width
         * @param shape     the expected shape, or null for any 1-d shape
         * @param origin    where the expected shape comes from, for the message
         * @param dataBytes the most data bytes the entry may hold; the read stops one byte after
         *                  that plus the header, so a forged entry size cannot make it allocate more
         */
        private NpyArray array(String key, String dtype, int[] shape, String origin, long dataBytes) throws IOException {
            ZipEntry entry = entries.get(key);
            if (entry == null) {
                throw problem(key, "missing; the file holds " + entries.keySet() + ", a model needs format, sizes,"
                        + " activations, cost and w2, b2 … per layer after the input");
            }
            long limit = dataBytes + Npy.MAX_PREAMBLE;
            if (limit > Npy.MAX_BYTES) {
                throw problem(key, "expected " + dataBytes + " bytes of data " + origin + ", more than the "
                        + (Npy.MAX_BYTES - Npy.MAX_PREAMBLE) + " this loader reads per array");
            }
            byte[] bytes;
            try (InputStream in = zip.getInputStream(entry)) {
                // readNBytes grows its buffer as bytes arrive: memory follows the real entry,
                // never its declared size or the limit.
                bytes = in.readNBytes((int) limit + 1);
            } catch (ZipException | EOFException e) {
                throw new ModelFormatException(file, key, "the zip entry is corrupt: " + e.getMessage(), e);
            }
            try {
                Npy.Header header = Npy.readHeader(bytes);
                check(key, header, dtype, shape, origin);
                if (bytes.length > limit) {
                    throw problem(key, "the entry holds more than " + limit + " bytes, more than its header's "
                            + header.describe() + " needs; the entry is corrupt");
                }
                return Npy.decode(header, bytes);
            } catch (ModelFormatException e) {
                throw e.file() == null ? e.locatedAt(file, key) : e;
            }
        }

        private void check(String key, Npy.Header header, String dtype, int[] shape, String origin)
                throws ModelFormatException {
            boolean dtypeFits = dtype.equals(NpyArray.UNICODE_PREFIX) ? header.dtype().startsWith(dtype)
                    : header.dtype().equals(dtype);
            if (!dtypeFits) {
                throw problem(key, "expected dtype " + dtypeName(dtype) + ", got '" + header.dtype() + "'");
            }
            int[] actual = header.shape();
            String got = NpyArray.shapeString(actual);
            if (shape == null) {
                if (actual.length != 1) {
                    throw problem(key, "expected a 1-d array, got shape " + got);
                }
            } else if (!Arrays.equals(shape, actual)) {
                throw problem(key, "expected shape " + NpyArray.shapeString(shape) + (origin.isEmpty() ? "" : " " + origin)
                        + ", got " + got);
            }
        }

        /** {@code values}, after checking that each is finite; {@code columns} 0 for a vector. */
        private float[] finite(String key, int columns, float[] values) throws ModelFormatException {
            for (int i = 0; i < values.length; i++) {
                if (!Float.isFinite(values[i])) {
                    String where = columns == 0 ? "" : " (row " + i / columns + ", column " + i % columns + ")";
                    throw problem(key, "value [" + i + "]" + where + " is " + values[i]
                            + "; a model with non-finite parameters predicts nothing, use an earlier file");
                }
            }
            return values;
        }

        private static String dtypeName(String dtype) {
            switch (dtype) {
                case NpyArray.FLOAT32:
                    return "'<f4' (float32; convert with a.astype(np.float32))";
                case NpyArray.INT32:
                    return "'<i4' (int32; convert with a.astype(np.int32))";
                default:
                    return "'<U…' (a unicode string)";
            }
        }

        private ModelFormatException problem(String key, String reason) {
            return new ModelFormatException(file, key, reason);
        }
    }
}
