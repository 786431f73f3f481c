package dev.backprop.spark;

import dev.backprop.Network;
import dev.backprop.OptimizerState;
import dev.backprop.Parameters;

import java.util.Arrays;

/**
 * Parameters (or a gradient of the same shape) as one float array, layer after layer, weights
 * W^l row-major then biases b^l: what is broadcast to the executors and what comes back.
 * One array is one Java-serialized block, written and read without per-layer overhead. Mode 2
 * appends the optimiser's state to the parameters, its matrices one after another in
 * {@link OptimizerState}'s order, so both travel and are averaged as one array.
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
        copyLeading(flat, destination);
    }

    private static void copyLeading(float[] flat, Parameters destination) {
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

    /** A new {@link Parameters} holding the first {@link #length} values of {@code flat}; what follows is not read. */
    static Parameters leading(float[] flat, Network network) {
        Parameters parameters = Parameters.zeros(network);
        copyLeading(flat, parameters);
        return parameters;
    }

    /** The sizes of the state's matrices, in order. */
    static int[] lengths(OptimizerState state) {
        float[][] arrays = state.arrays();
        int[] lengths = new int[arrays.length];
        for (int i = 0; i < arrays.length; i++) {
            lengths[i] = arrays[i].length;
        }
        return lengths;
    }

    /** Copies the state's matrices, one after another, into {@code flat} from {@code offset}. */
    static void pack(OptimizerState state, float[] flat, int offset) {
        int at = offset;
        for (float[] array : state.arrays()) {
            System.arraycopy(array, 0, flat, at, array.length);
            at += array.length;
        }
    }

    /** The state packed in {@code flat} from {@code offset}, in matrices of {@code lengths}. */
    static OptimizerState state(float[] flat, int offset, int[] lengths, String optimizer, long steps) {
        float[][] arrays = new float[lengths.length][];
        int at = offset;
        for (int i = 0; i < lengths.length; i++) {
            arrays[i] = Arrays.copyOfRange(flat, at, at + lengths[i]);
            at += lengths[i];
        }
        return new OptimizerState(optimizer, steps, arrays);
    }
}
