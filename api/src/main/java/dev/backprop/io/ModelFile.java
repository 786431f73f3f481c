package dev.backprop.io;

import dev.backprop.Activation;
import dev.backprop.Activations;
import dev.backprop.Cost;
import dev.backprop.Costs;
import dev.backprop.Network;
import dev.backprop.Parameters;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.zip.ZipEntry;
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
 *
 * <p>Thread-safe: both methods may be called from any thread. Two saves of the same file at once
 * both complete atomically; the later rename wins.
 */
public final class ModelFile {
    /** The layout version stored under {@code format}; a loader refuses versions it does not know. */
    public static final int FORMAT_VERSION = 1;

    private ModelFile() {
    }

    /**
     * A network and its parameters, as read from a file.
     *
     * @param network    the architecture, rebuilt from built-in activations and cost
     * @param parameters the weights and biases; {@code parameters.network()} equals {@code network}
     */
    public record Loaded(Network network, Parameters parameters) {
        /**
         * Checks that the parameters are the network's.
         *
         * @throws IllegalArgumentException if {@code parameters.network()} differs from
         *     {@code network}
         * @throws NullPointerException if either is null
         */
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
     * mid-save. A JVM killed mid-save leaves its {@code file.<random>.tmp} behind; the next save of
     * the same file deletes such leftovers (those no live writer holds a lock on). On a file system
     * without atomic rename the replacement is an ordinary move.
     *
     * @param network the architecture, stored as {@code sizes}, {@code activations} and
     *     {@code cost}; only built-in activations and costs can be stored
     * @param parameters the weights and biases of {@code network}, all finite; stored as
     *     {@code w2}, {@code b2}, … float32 arrays, not modified
     * @param file where to write; its directory must exist. The name is used as given (numpy's
     *     convention is the {@code .npz} suffix)
     * @throws IllegalArgumentException when the parameters belong to another network, contain NaN
     *                                  or infinity, or the network uses a custom activation or cost
     *                                  (which a file cannot recreate)
     * @throws IOException              when the file cannot be written; the old file is then
     *                                  untouched and no temporary file is left behind
     */
    public static void save(Network network, Parameters parameters, Path file) throws IOException {
        save(network, parameters, file, zip -> { });
    }

    /** Arrays a format built on the model file (a tabular model's schema) adds beside the model's. */
    interface ExtraArrays {
        void writeTo(ZipOutputStream zip) throws IOException;
    }

    /** {@link #save(Network, Parameters, Path)} with {@code extra} arrays written into the same zip. */
    static void save(Network network, Parameters parameters, Path file, ExtraArrays extra) throws IOException {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(parameters, "parameters");
        Objects.requireNonNull(file, "file");
        checkSavable(network, parameters);
        AtomicFile.write(file, out -> {
            try (ZipOutputStream zip = new ZipOutputStream(out)) {
                writeEntries(network, parameters, zip);
                extra.writeTo(zip);
            }
        });
    }

    /**
     * Reads a model saved by {@link #save} (or written by numpy in the same layout, with numpy's
     * default int64 and float64 dtypes converted).
     *
     * @param file an .npz file in the layout of the {@linkplain dev.backprop.io package
     *     documentation}
     * @return the network rebuilt from its built-in activations and cost, and its parameters,
     *     all finite
     * @throws ModelFormatException naming the file, the array and what was expected, when the file
     *                              is not a zip, an entry's CRC-32 or length does not match the
     *                              zip's record, an array is missing, has a wrong dtype or shape,
     *                              holds NaN or infinity or does not fit the heap, or the file
     *                              names a custom activation or cost
     * @throws IOException          when the file cannot be read
     */
    public static Loaded load(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        try (NpzReader npz = NpzReader.open(file)) {
            return new ModelReader(npz).read();
        }
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
            return Activations.byId(f.id()) == f;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean isBuiltin(Cost cost) {
        try {
            return Costs.byId(cost.id()) == cost;
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
        write(zip, ModelReader.FORMAT, NpyArray.scalar(FORMAT_VERSION));
        write(zip, ModelReader.SIZES, NpyArray.of(sizes, sizes.length));
        write(zip, ModelReader.ACTIVATIONS, NpyArray.of(activations, activations.length));
        write(zip, ModelReader.COST, NpyArray.scalar(network.cost().id()));
        for (int l = 0; l < network.depth(); l++) {
            int out = network.layer(l).width();
            write(zip, ModelReader.weightsKey(l), NpyArray.of(parameters.weights(l), out, network.fanIn(l)));
            write(zip, ModelReader.biasesKey(l), NpyArray.of(parameters.biases(l), out));
        }
    }

    /** Writes {@code array} as the zip entry {@code key.npy}, as np.savez does. */
    static void write(ZipOutputStream zip, String key, NpyArray array) throws IOException {
        zip.putNextEntry(new ZipEntry(key + NpzReader.SUFFIX));
        Npy.write(array, zip);
        zip.closeEntry();
    }
}
