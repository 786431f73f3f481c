package dev.backprop.io;

import dev.backprop.Network;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The arrays of a part of an .npz that follows its model (a checkpoint's, a tabular schema's):
 * each must be there, and its header must declare the dtype, shape and size expected before a
 * byte of its data is read. What does not fit is a {@link ModelFormatException} naming the
 * array, what was expected (with the network it follows from) and what the header declares.
 */
final class CheckedArrays {
    private final NpzReader npz;
    private final Network network;
    private final String needs;

    /**
     * @param npz   the open file
     * @param network the network read from it, which the expected shapes follow
     * @param needs how a missing array's message ends: "a checkpoint (…) needs settings, epoch, …"
     */
    CheckedArrays(NpzReader npz, Network network, String needs) {
        this.npz = npz;
        this.network = network;
        this.needs = needs;
    }

    Path file() {
        return npz.file();
    }

    /**
     * Array {@code key}: its dtype ({@link NpyArray#UNICODE_PREFIX} for strings of any length),
     * its shape (any 1-d shape when null) and its size checked on the header first.
     */
    NpyArray array(String key, String dtype, int[] shape, long maxBytes) throws IOException {
        if (!npz.has(key)) {
            throw new ModelFormatException(file(), key, "missing; " + needs);
        }
        boolean unicode = dtype.equals(NpyArray.UNICODE_PREFIX);
        return npz.read(key, header -> {
            boolean dtypeFits = unicode ? header.dtype().startsWith(dtype) : header.dtype().equals(dtype);
            boolean shapeFits = shape == null ? header.shape().length == 1 : Arrays.equals(header.shape(), shape);
            if (!dtypeFits || !shapeFits || header.dataBytes() > maxBytes) {
                throw new ModelFormatException(file(), key, "expected dtype '" + dtype + (unicode ? "…'" : "'")
                        + " and shape " + (shape == null ? "(n,)" : NpyArray.shapeString(shape)) + " (the network is "
                        + network + "), got " + Printable.escape(header.describe()));
            }
        });
    }

    /** The scalar string {@code key}. */
    String string(String key, long maxBytes) throws IOException {
        return array(key, NpyArray.UNICODE_PREFIX, new int[0], maxBytes).strings()[0];
    }
}
