package dev.backprop.io;

import dev.backprop.Network;
import dev.backprop.OptimizerState;
import dev.backprop.Parameters;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads a {@link Checkpoint}'s own arrays, each checked on its header (dtype, shape, size)
 * before its data are read, against what the network already read from the same file implies.
 */
final class CheckpointReader {
    /** Strings and scalars are small; a larger header is a corrupt file. */
    private static final long METADATA_LIMIT = 1 << 20;

    private final Path file;
    private final NpzReader npz;
    private final Network network;

    CheckpointReader(NpzReader npz, Network network) {
        this.file = npz.file();
        this.npz = npz;
        this.network = network;
    }

    int[] ints(String key, int[] shape) throws IOException {
        return array(key, NpyArray.INT32, shape, METADATA_LIMIT).ints();
    }

    long[] longs(String key, int[] shape) throws IOException {
        return array(key, NpyArray.INT64, shape, METADATA_LIMIT).longs();
    }

    double[] doubles(String key, int[] shape) throws IOException {
        return array(key, NpyArray.FLOAT64, shape, 8L * count(shape)).doubles();
    }

    String string(String key) throws IOException {
        return array(key, NpyArray.UNICODE_PREFIX, new int[0], METADATA_LIMIT).strings()[0];
    }

    /** A 1-d int32 array of any length (the heap is asked before it is allocated). */
    int[] vector(String key) throws IOException {
        return array(key, NpyArray.INT32, null, Npy.MAX_BYTES).ints();
    }

    /** The optimiser's id, step count and every state matrix of its layers, in the order of {@link OptimizerState}. */
    OptimizerState optimizer() throws IOException {
        String id = string("optimizer");
        long steps = longs("optimizer_steps", new int[0])[0];
        int count = 0;
        while (npz.has("optimizer_state_" + count)) {
            count++;
        }
        int depth = network.depth();
        if (count % (2 * depth) != 0) {
            throw new ModelFormatException(file, "optimizer_state_" + count, "expected a multiple of " + 2 * depth
                    + " state matrices (per layer the same number for weights and biases), found " + count);
        }
        int k = count / (2 * depth);
        float[][] arrays = new float[count][];
        for (int i = 0; i < count; i++) {
            int layer = i / (2 * k);
            boolean weights = i % (2 * k) < k;
            int size = network.layer(layer).width() * (weights ? network.fanIn(layer) : 1);
            arrays[i] = finite("optimizer_state_" + i, array("optimizer_state_" + i, NpyArray.FLOAT32, new int[] {size},
                    4L * size).floats());
        }
        if (steps < 0) {
            throw new ModelFormatException(file, "optimizer_steps", "expected at least 0 steps, got " + steps);
        }
        return new OptimizerState(id, steps, arrays);
    }

    /** The best epoch's parameters, or null when the file has none. */
    Parameters best() throws IOException {
        if (!npz.has("best_" + ModelReader.weightsKey(0))) {
            return null;
        }
        int depth = network.depth();
        float[][] w = new float[depth][];
        float[][] b = new float[depth][];
        for (int l = 0; l < depth; l++) {
            int out = network.layer(l).width();
            int in = network.fanIn(l);
            String wKey = "best_" + ModelReader.weightsKey(l);
            String bKey = "best_" + ModelReader.biasesKey(l);
            w[l] = finite(wKey, array(wKey, NpyArray.FLOAT32, new int[] {out, in}, 4L * out * in).floats());
            b[l] = finite(bKey, array(bKey, NpyArray.FLOAT32, new int[] {out}, 4L * out).floats());
        }
        return Parameters.of(network, w, b);
    }

    private float[] finite(String key, float[] values) throws ModelFormatException {
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new ModelFormatException(file, key, "value [" + i + "] is " + values[i]
                        + "; a checkpoint holds only finite values, so the file is damaged");
            }
        }
        return values;
    }

    private static long count(int[] shape) {
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    /** Array {@code key}: its dtype, its shape (any 1-d shape when null) and its size checked on the header first. */
    private NpyArray array(String key, String dtype, int[] shape, long maxBytes) throws IOException {
        if (!npz.has(key)) {
            throw new ModelFormatException(file, key, "missing; a checkpoint (checkpoint_format " + Checkpoint.FORMAT_VERSION
                    + ") needs settings, epoch, optimizer, optimizer_steps, order, order_epoch, random_seeds, "
                    + "random_gaussians, random_have_gaussians, progress and history");
        }
        return npz.read(key, header -> {
            boolean dtypeFits = dtype.equals(NpyArray.UNICODE_PREFIX) ? header.dtype().startsWith(dtype)
                    : header.dtype().equals(dtype);
            boolean shapeFits = shape == null ? header.shape().length == 1 : Arrays.equals(header.shape(), shape);
            if (!dtypeFits || !shapeFits || header.dataBytes() > maxBytes) {
                throw new ModelFormatException(file, key, "expected dtype '" + dtype
                        + (dtype.equals(NpyArray.UNICODE_PREFIX) ? "…'" : "'") + " and shape "
                        + (shape == null ? "(n,)" : NpyArray.shapeString(shape)) + " (the network is " + network
                        + "), got '" + Printable.escape(header.dtype()) + "' and " + NpyArray.shapeString(header.shape()));
            }
        });
    }
}
