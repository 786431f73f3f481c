package dev.backprop.io;

import dev.backprop.Network;
import dev.backprop.OptimizerState;
import dev.backprop.Parameters;

import java.io.IOException;

/**
 * Reads a {@link Checkpoint}'s own arrays, each checked on its header (dtype, shape, size)
 * before its data are read, against what the network already read from the same file implies.
 */
final class CheckpointReader {
    /** Strings and scalars are small; a larger header is a corrupt file. */
    private static final long METADATA_LIMIT = 1 << 20;

    private final NpzReader npz;
    private final Network network;
    private final CheckedArrays checked;

    CheckpointReader(NpzReader npz, Network network) {
        this.npz = npz;
        this.network = network;
        this.checked = new CheckedArrays(npz, network, "a checkpoint (checkpoint_format " + Checkpoint.FORMAT_VERSION
                + ") needs settings, epoch, optimizer, optimizer_steps, order, order_epoch, random_seeds, "
                + "random_gaussians, random_have_gaussians, progress and history");
    }

    int[] ints(String key, int[] shape) throws IOException {
        return checked.array(key, NpyArray.INT32, shape, METADATA_LIMIT).ints();
    }

    long[] longs(String key, int[] shape) throws IOException {
        return checked.array(key, NpyArray.INT64, shape, METADATA_LIMIT).longs();
    }

    double[] doubles(String key, int[] shape) throws IOException {
        return checked.array(key, NpyArray.FLOAT64, shape, 8L * count(shape)).doubles();
    }

    String string(String key) throws IOException {
        return checked.string(key, METADATA_LIMIT);
    }

    /** A 1-d int32 array of any length (the heap is asked before it is allocated). */
    int[] vector(String key) throws IOException {
        return checked.array(key, NpyArray.INT32, null, Npy.MAX_BYTES).ints();
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
            throw new ModelFormatException(npz.file(), "optimizer_state_" + count, "expected a multiple of " + 2 * depth
                    + " state matrices (per layer the same number for weights and biases), found " + count);
        }
        int k = count / (2 * depth);
        float[][] arrays = new float[count][];
        for (int i = 0; i < count; i++) {
            int layer = i / (2 * k);
            boolean weights = i % (2 * k) < k;
            int size = network.layer(layer).width() * (weights ? network.fanIn(layer) : 1);
            String key = "optimizer_state_" + i;
            arrays[i] = finite(key, checked.array(key, NpyArray.FLOAT32, new int[] {size}, 4L * size).floats());
        }
        if (steps < 0) {
            throw new ModelFormatException(npz.file(), "optimizer_steps", "expected at least 0 steps, got " + steps);
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
            w[l] = finite(wKey, checked.array(wKey, NpyArray.FLOAT32, new int[] {out, in}, 4L * out * in).floats());
            b[l] = finite(bKey, checked.array(bKey, NpyArray.FLOAT32, new int[] {out}, 4L * out).floats());
        }
        return Parameters.of(network, w, b);
    }

    private float[] finite(String key, float[] values) throws ModelFormatException {
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new ModelFormatException(npz.file(), key, "value [" + i + "] is " + values[i]
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

}
