package dev.backprop.io;

import dev.backprop.Network;
import dev.backprop.Parameters;
import dev.backprop.data.FeatureScaling;
import dev.backprop.data.TabularData;
import dev.backprop.data.TabularSchema;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.zip.ZipOutputStream;

/**
 * A model file for a network trained on a table: the .npz of {@link ModelFile} plus the arrays of
 * its {@link TabularSchema}, so that a model loaded in another JVM takes raw rows and answers
 * with class names. {@link ModelFile#load} still reads such a file (it ignores the extra arrays),
 * and numpy reads every array.
 *
 * <pre>{@code
 * TabularModelFile.save(network, parameters, schema, Path.of("iris.npz"));
 * TabularModelFile.Loaded model = TabularModelFile.load(Path.of("iris.npz"));
 * try (TabularModel m = TabularModel.open(model.parameters(), model.schema())) { ... }
 * }</pre>
 *
 * <h2>The extra arrays (tabular format 1)</h2>
 * <table>
 *   <caption>Arrays a tabular model adds to a model file; d features, k outputs</caption>
 *   <tr><th>key</th><th>dtype</th><th>shape</th><th>holds</th></tr>
 *   <tr><td>{@code tabular_format}</td><td>{@code <i4}</td><td>{@code ()}</td><td>1</td></tr>
 *   <tr><td>{@code task}</td><td>{@code <U}</td><td>{@code ()}</td><td>{@code "classification"} or {@code "regression"}</td></tr>
 *   <tr><td>{@code features}</td><td>{@code <U}</td><td>{@code (d,)}</td><td>the feature columns' names, in input order</td></tr>
 *   <tr><td>{@code scaling}</td><td>{@code <U}</td><td>{@code ()}</td><td>{@code "none"}, {@code "standardize"} or {@code "min-max"}</td></tr>
 *   <tr><td>{@code scaling_center}, {@code scaling_divisor}</td><td>{@code <f4}</td><td>{@code (d,)}</td><td>x′ = (x − c) / s</td></tr>
 *   <tr><td>{@code targets}</td><td>{@code <U}</td><td>{@code (t,)}</td><td>the label column (t = 1) or the target columns (t = k)</td></tr>
 *   <tr><td>{@code classes}</td><td>{@code <U}</td><td>{@code (k,)}</td><td>class names in output order (classification only)</td></tr>
 *   <tr><td>{@code target_center}, {@code target_divisor}</td><td>{@code <f4}</td><td>{@code (k,)}</td><td>y = y′ · s + c
 *       (regression only)</td></tr>
 * </table>
 * A file without {@code tabular_format} is a plain model: {@link #load} returns it with no schema.
 */
public final class TabularModelFile {
    /** The version stored under {@code tabular_format}. */
    public static final int FORMAT_VERSION = 1;

    private static final String FORMAT = "tabular_format";
    private static final int METADATA_LIMIT = 1 << 24;

    private TabularModelFile() {
    }

    /**
     * A network, its parameters and, for a tabular model, its schema.
     *
     * @param network    the architecture, with built-in activations and cost
     * @param parameters the weights and biases of {@code network}
     * @param schema     the feature names, scaling and classes or targets; null for a plain
     *                   model file
     */
    public record Loaded(Network network, Parameters parameters, TabularSchema schema) {
        /**
         * Groups the parts; nothing is copied, nor checked against the other parts.
         *
         * @throws NullPointerException if {@code network} or {@code parameters} is null
         */
        public Loaded {
            Objects.requireNonNull(network, "network");
            Objects.requireNonNull(parameters, "parameters");
        }

        /**
         * Whether the file carried a schema, so that the model can be opened as a
         * {@link dev.backprop.TabularModel}.
         *
         * @return true when {@link #schema()} is not null
         */
        public boolean isTabular() {
            return schema != null;
        }
    }

    /**
     * Writes the model and its schema to {@code file}, replacing it atomically (as
     * {@link ModelFile#save}: the old file or the complete new one, never half written).
     *
     * @param network    the architecture; only built-in activations and costs can be stored
     * @param parameters the weights and biases of {@code network}, all finite; not modified
     * @param schema     the schema the network was trained with: as many features as the network
     *                   has inputs, as many classes or targets as it has outputs
     * @param file       where to write; its directory must exist ({@code .npz} by numpy's
     *                   convention)
     * @throws IllegalArgumentException as {@link ModelFile#save}, or when the schema does not fit the network
     * @throws NullPointerException     if {@code schema} is null
     * @throws IOException              when the file cannot be written; the old file is then
     *                                  untouched
     */
    public static void save(Network network, Parameters parameters, TabularSchema schema, Path file) throws IOException {
        Objects.requireNonNull(schema, "schema");
        if (network.inputWidth() != schema.features().size() || network.outputWidth() != schema.outputWidth()) {
            throw new IllegalArgumentException("the network " + network + " does not fit the schema's "
                    + schema.features().size() + " features and " + schema.outputWidth() + " outputs");
        }
        ModelFile.save(network, parameters, file, zip -> writeSchema(schema, zip));
    }

    /**
     * Reads a model file, with its schema when it has one.
     *
     * @param file an .npz written by {@link #save} or {@link ModelFile#save}, or by numpy in
     *             the same layout
     * @return the network and parameters, and the schema when the file has
     *     {@code tabular_format}; {@link Loaded#schema()} is null for a plain model file
     * @throws ModelFormatException naming the file and array when either part is damaged or they disagree
     * @throws IOException          when the file cannot be read
     */
    public static Loaded load(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        try (NpzReader npz = NpzReader.open(file)) {
            ModelFile.Loaded model = new ModelReader(npz).read();
            if (!npz.has(FORMAT)) {
                return new Loaded(model.network(), model.parameters(), null);
            }
            return new Loaded(model.network(), model.parameters(), new SchemaReader(npz, model.network()).read());
        }
    }

    private static void writeSchema(TabularSchema schema, ZipOutputStream zip) throws IOException {
        int d = schema.features().size();
        put(zip, FORMAT, NpyArray.scalar(FORMAT_VERSION));
        put(zip, "task", NpyArray.scalar(schema.isClassification() ? "classification" : "regression"));
        put(zip, "features", NpyArray.of(schema.features().toArray(new String[0]), d));
        put(zip, "scaling", NpyArray.scalar(schema.scaling().kind().id()));
        put(zip, "scaling_center", NpyArray.of(schema.scaling().centers(), d));
        put(zip, "scaling_divisor", NpyArray.of(schema.scaling().divisors(), d));
        put(zip, "targets", NpyArray.of(schema.targets().toArray(new String[0]), schema.targets().size()));
        if (schema.isClassification()) {
            put(zip, "classes", NpyArray.of(schema.classes().toArray(new String[0]), schema.classes().size()));
        } else {
            int k = schema.targets().size();
            put(zip, "target_center", NpyArray.of(schema.targetScaling().centers(), k));
            put(zip, "target_divisor", NpyArray.of(schema.targetScaling().divisors(), k));
        }
    }

    private static void put(ZipOutputStream zip, String key, NpyArray array) throws IOException {
        ModelFile.write(zip, key, array);
    }

    /** Reads and checks the schema's arrays against the network already loaded. */
    private static final class SchemaReader {
        private final Path file;
        private final Network network;
        private final CheckedArrays checked;

        SchemaReader(NpzReader npz, Network network) {
            this.file = npz.file();
            this.network = network;
            this.checked = new CheckedArrays(npz, network, "a tabular model file (tabular_format present) needs"
                    + " task, features, scaling, scaling_center, scaling_divisor, targets and classes or"
                    + " target_center and target_divisor");
        }

        TabularSchema read() throws IOException {
            int format = array(FORMAT, NpyArray.INT32, new int[0]).ints()[0];
            if (format != FORMAT_VERSION) {
                throw new ModelFormatException(file, FORMAT, "expected tabular format " + FORMAT_VERSION + ", got " + format
                        + (format > FORMAT_VERSION ? "; written by a newer backprop" : ""));
            }
            String task = string("task");
            int d = network.inputWidth();
            int k = network.outputWidth();
            List<String> features = List.of(array("features", NpyArray.UNICODE_PREFIX, new int[] {d}).strings());
            FeatureScaling.Kind kind;
            try {
                kind = FeatureScaling.Kind.of(string("scaling"));
            } catch (IllegalArgumentException e) {
                throw new ModelFormatException(file, "scaling", e.getMessage(), e);
            }
            FeatureScaling scaling = scaling(kind, "scaling_center", "scaling_divisor", d);
            try {
                switch (task) {
                    case "classification":
                        return new TabularSchema(features, scaling, TabularData.Kind.CLASSIFICATION,
                                List.of(array("targets", NpyArray.UNICODE_PREFIX, new int[] {1}).strings()),
                                List.of(array("classes", NpyArray.UNICODE_PREFIX, new int[] {k}).strings()), null);
                    case "regression":
                        return new TabularSchema(features, scaling, TabularData.Kind.REGRESSION,
                                List.of(array("targets", NpyArray.UNICODE_PREFIX, new int[] {k}).strings()), List.of(),
                                scaling(FeatureScaling.Kind.STANDARDIZE, "target_center", "target_divisor", k));
                    default:
                        throw new ModelFormatException(file, "task", "expected 'classification' or 'regression', got '"
                                + task + "'");
                }
            } catch (IllegalArgumentException e) {
                throw new ModelFormatException(file, null, "the tabular arrays do not make a valid schema: "
                        + e.getMessage(), e);
            }
        }

        private FeatureScaling scaling(FeatureScaling.Kind kind, String centerKey, String divisorKey, int width)
                throws IOException {
            float[] c = array(centerKey, NpyArray.FLOAT32, new int[] {width}).floats();
            float[] s = array(divisorKey, NpyArray.FLOAT32, new int[] {width}).floats();
            try {
                return FeatureScaling.of(kind, c, s);
            } catch (IllegalArgumentException e) {
                throw new ModelFormatException(file, centerKey, e.getMessage(), e);
            }
        }

        private String string(String key) throws IOException {
            return checked.string(key, METADATA_LIMIT);
        }

        /** Array {@code key}, its dtype and shape checked on its header and its CRC-32 on its bytes. */
        private NpyArray array(String key, String dtype, int[] shape) throws IOException {
            return checked.array(key, dtype, shape, METADATA_LIMIT);
        }
    }
}
