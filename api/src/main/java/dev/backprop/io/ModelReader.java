package dev.backprop.io;

import dev.backprop.Activation;
import dev.backprop.Activations;
import dev.backprop.Cost;
import dev.backprop.Costs;
import dev.backprop.Network;
import dev.backprop.Parameters;
import dev.backprop.internal.Ids;

import java.io.IOException;
import java.util.Arrays;

/**
 * Reads one model file's arrays, checking each against what the earlier ones imply: the metadata
 * first (format, sizes, activations, cost), then every weight and bias array, whose header must
 * declare exactly the shape {@code sizes} gives before a byte of its data is read.
 *
 * <p>Accepts what numpy writes by default as well as what {@link ModelFile#save} writes: int64
 * sizes and float64 arrays are converted, with a range check, so that a model made or edited in
 * numpy ({@code np.array([784, 30, 10])}, {@code np.random.randn(30, 784)}) loads.
 */
final class ModelReader {
    static final String FORMAT = "format";
    static final String SIZES = "sizes";
    static final String ACTIVATIONS = "activations";
    static final String COST = "cost";

    /** The most bytes of data read for {@code format}, {@code sizes}, {@code activations} or {@code cost}. */
    private static final long METADATA_LIMIT = 1 << 20;

    private final NpzReader npz;

    ModelReader(NpzReader npz) {
        this.npz = npz;
    }

    /** "w2" for layer index 0: the book numbers layers from the input, which is layer 1. */
    static String weightsKey(int index) {
        return "w" + (index + 2);
    }

    static String biasesKey(int index) {
        return "b" + (index + 2);
    }

    ModelFile.Loaded read() throws IOException {
        int[] formats = integers(FORMAT, new int[0], "");
        int format = formats[0];
        if (format != ModelFile.FORMAT_VERSION) {
            throw problem(FORMAT, "expected layout version " + ModelFile.FORMAT_VERSION + ", got " + format + "; "
                    + (format > ModelFile.FORMAT_VERSION
                    ? "the file was written by a newer version of backprop, load it with that version"
                    : "the file was not written by backprop"));
        }
        int[] sizes = integers(SIZES, null, "");
        if (sizes.length < 2) {
            throw problem(SIZES, "expected the widths of at least 2 layers (input first), got " + Arrays.toString(sizes));
        }
        String origin = "from sizes " + Arrays.toString(sizes);
        String[] activations = strings(ACTIVATIONS, new int[] {sizes.length - 1},
                origin + " (one per layer after the input)");
        String cost = strings(COST, new int[0], "")[0];
        Network network = network(sizes, activations, cost);
        checkNoExtraLayers(network, sizes);

        float[][] weights = new float[network.depth()][];
        float[][] biases = new float[network.depth()][];
        for (int l = 0; l < network.depth(); l++) {
            int out = network.layer(l).width();
            int in = network.fanIn(l);
            weights[l] = finite(weightsKey(l), in, floats(weightsKey(l), new int[] {out, in}, origin));
            biases[l] = finite(biasesKey(l), 0, floats(biasesKey(l), new int[] {out}, origin));
        }
        return new ModelFile.Loaded(network, Parameters.of(network, weights, biases));
    }

    private Network network(int[] sizes, String[] activations, String costId) throws ModelFormatException {
        Activation[] layers = new Activation[activations.length];
        for (int l = 0; l < layers.length; l++) {
            try {
                layers[l] = Activations.byId(activations[l]);
            } catch (IllegalArgumentException e) {
                throw problem(ACTIVATIONS, "layer " + (l + 2) + " uses '" + Printable.escape(activations[l])
                        + "', which is not a built-in activation: the model was saved with a custom activation that"
                        + " this loader cannot recreate (the built-ins are "
                        + Ids.list(Activations.values(), Activations::id, ", ") + ")");
            }
        }
        Cost cost;
        try {
            cost = Costs.byId(costId);
        } catch (IllegalArgumentException e) {
            throw problem(COST, "'" + Printable.escape(costId) + "' is not a built-in cost: the model was saved with a"
                    + " custom cost that this loader cannot recreate (the built-ins are "
                    + Ids.list(Costs.values(), Costs::id, ", ") + ")");
        }
        for (int l = 0; l < sizes.length; l++) {
            if (sizes[l] < 1) {
                throw problem(SIZES, "expected every width to be at least 1, got " + sizes[l] + " at index " + l
                        + " of " + Arrays.toString(sizes));
            }
        }
        try {
            Network.Builder builder = Network.builder(sizes[0]);
            for (int l = 0; l < layers.length; l++) {
                builder.layer(sizes[l + 1], layers[l]);
            }
            return builder.cost(cost).build();
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(npz.file(), null, "sizes " + Arrays.toString(sizes) + ", activations "
                    + Printable.escape(Arrays.toString(activations)) + " and cost '" + Printable.escape(costId)
                    + "' do not make a valid network: " + e.getMessage(), e);
        }
    }

    /** A w5 in a file whose sizes describe layers 2 to 3 means sizes and arrays disagree. */
    private void checkNoExtraLayers(Network network, int[] sizes) throws ModelFormatException {
        for (String key : npz.keys()) {
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

    /** An int32 or int64 array; int64 values must fit an int. */
    private int[] integers(String key, int[] shape, String origin) throws IOException {
        NpyArray array = array(key, Kind.INTEGER, shape, origin, METADATA_LIMIT);
        if (array.data() instanceof int[] ints) {
            return ints;
        }
        long[] longs = array.longs();
        int[] ints = new int[longs.length];
        for (int i = 0; i < longs.length; i++) {
            if (longs[i] < Integer.MIN_VALUE || longs[i] > Integer.MAX_VALUE) {
                throw problem(key, "value [" + i + "] is " + longs[i] + ", which does not fit a 32-bit int");
            }
            ints[i] = (int) longs[i];
        }
        return ints;
    }

    private String[] strings(String key, int[] shape, String origin) throws IOException {
        return array(key, Kind.STRING, shape, origin, METADATA_LIMIT).strings();
    }

    /** A float32 or float64 array; float64 values are rounded to float32 and must fit its range. */
    private float[] floats(String key, int[] shape, String origin) throws IOException {
        long count = 1;
        for (int d : shape) {
            count *= d;
        }
        NpyArray array = array(key, Kind.FLOAT, shape, origin, 8 * count);
        if (array.data() instanceof float[] floats) {
            return floats;
        }
        double[] doubles = array.doubles();
        float[] floats = new float[doubles.length];
        for (int i = 0; i < doubles.length; i++) {
            floats[i] = (float) doubles[i];
            if (Double.isFinite(doubles[i]) && !Float.isFinite(floats[i])) {
                throw problem(key, "value [" + i + "] is " + doubles[i] + ", beyond the float32 range (±"
                        + Float.MAX_VALUE + ") backprop computes in");
            }
        }
        return floats;
    }

    /** The dtypes a model file's arrays may take. */
    private enum Kind {
        INTEGER("'<i4' or '<i8' (an integer array)"),
        FLOAT("'<f4' or '<f8' (a float array; float64 is rounded to float32)"),
        STRING("'<U…' (a unicode string)");

        final String description;

        Kind(String description) {
            this.description = description;
        }

        boolean accepts(String dtype) {
            switch (this) {
                case INTEGER:
                    return dtype.equals(NpyArray.INT32) || dtype.equals(NpyArray.INT64);
                case FLOAT:
                    return dtype.equals(NpyArray.FLOAT32) || dtype.equals(NpyArray.FLOAT64);
                default:
                    return dtype.startsWith(NpyArray.UNICODE_PREFIX);
            }
        }
    }

    /**
     * Reads array {@code key}, checking its dtype, shape and size on the header, before its data.
     *
     * @param shape     the expected shape, or null for any 1-d shape
     * @param origin    where the expected shape comes from, for the message
     * @param dataBytes the most data bytes the array may declare
     */
    private NpyArray array(String key, Kind kind, int[] shape, String origin, long dataBytes) throws IOException {
        if (!npz.has(key)) {
            throw problem(key, "missing; the file holds " + npz.keys() + ", a model needs format, sizes,"
                    + " activations, cost and w2, b2 … per layer after the input");
        }
        return npz.read(key, header -> {
            if (!kind.accepts(header.dtype())) {
                throw problem(key, "expected dtype " + kind.description + ", got '" + Printable.escape(header.dtype()) + "'");
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
            if (header.dataBytes() > dataBytes) {
                throw problem(key, "its header declares " + header.describe() + ", more than the " + dataBytes
                        + " bytes such an array may hold");
            }
        });
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

    private ModelFormatException problem(String key, String reason) {
        return new ModelFormatException(npz.file(), key, reason);
    }
}
