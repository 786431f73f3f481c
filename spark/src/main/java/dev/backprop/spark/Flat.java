package dev.backprop.spark;

import dev.backprop.Network;
import dev.backprop.Parameters;

/**
 * Parameters (or a gradient of the same shape) as one float array, layer after layer, weights
 * W^l row-major then biases b^l: what is broadcast to the executors and what comes back.
 * One array is one Java-serialized block, written and read without per-layer overhead.
 */
final class Flat {
    private Flat() {
    }

    /** The number of floats of a network's parameters. */
    static int length(Network network) {
        return Math.toIntExact(network.parameterCount());
    }

    /** Copies {@code parameters} into a new array. */
    static float[] pack(Parameters parameters) {
        float[] flat = new float[length(parameters.network())];
        pack(parameters, flat);
        return flat;
    }

    /** Copies {@code parameters} into {@code flat}. */
    static void pack(Parameters parameters, float[] flat) {
        int at = 0;
        for (int l = 0; l < parameters.network().depth(); l++) {
            float[] w = parameters.weights(l);
            System.arraycopy(w, 0, flat, at, w.length);
            at += w.length;
            float[] b = parameters.biases(l);
            System.arraycopy(b, 0, flat, at, b.length);
            at += b.length;
        }
    }

    /** Copies {@code flat} into {@code destination}. */
    static void unpack(float[] flat, Parameters destination) {
        if (flat.length != length(destination.network())) {
            throw new IllegalArgumentException("expected " + length(destination.network()) + " parameters for "
                    + destination.network() + ", got " + flat.length);
        }
        int at = 0;
        for (int l = 0; l < destination.network().depth(); l++) {
            float[] w = destination.weights(l);
            System.arraycopy(flat, at, w, 0, w.length);
            at += w.length;
            float[] b = destination.biases(l);
            System.arraycopy(flat, at, b, 0, b.length);
            at += b.length;
        }
    }

    /** A new {@link Parameters} holding a copy of {@code flat}. */
    static Parameters unpack(float[] flat, Network network) {
        Parameters parameters = Parameters.zeros(network);
        unpack(flat, parameters);
        return parameters;
    }
}
