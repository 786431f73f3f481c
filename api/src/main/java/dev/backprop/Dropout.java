package dev.backprop;

import java.util.Random;

/**
 * Dropout's masks (chapter 3), drawn from the api's seeded generator so that every engine gets
 * the same data: for each hidden neuron of each example, r = 0 with probability p (dropped),
 * else 1/(1 − p), the "inverted" scaling that keeps each activation's expected value, so the full
 * network runs unchanged at test time. {@link Backpropagation#feedforward(float[], int, int,
 * float[][])} applies r after Eq. 25 and again after BP2.
 */
final class Dropout {
    private Dropout() {
    }

    /**
     * Fills {@code masks[l][0 … rows × width_l)} of every hidden layer, layer after layer, row
     * after row, one {@code nextFloat()} per neuron: dropped when it is below p.
     *
     * @param masks one array per hidden layer, at least rows × width long
     */
    static void draw(Random random, double p, Network network, int rows, float[][] masks) {
        float kept = (float) (1 / (1 - p));
        for (int l = 0; l < network.depth() - 1; l++) {
            float[] mask = masks[l];
            int n = rows * network.layer(l).width();
            for (int i = 0; i < n; i++) {
                mask[i] = random.nextFloat() < p ? 0f : kept;
            }
        }
    }

    /** Throws unless {@code masks} is null or one array (or null) of at least rows × width per hidden layer. */
    static void checkMasks(Network network, float[][] masks, int rows) {
        if (masks == null) {
            return;
        }
        int hidden = network.depth() - 1;
        if (masks.length != hidden) {
            throw new IllegalArgumentException("dropout needs one mask (or null) per hidden layer: " + network + " has "
                    + hidden + ", got " + masks.length);
        }
        for (int l = 0; l < hidden; l++) {
            int size = rows * network.layer(l).width();
            if (masks[l] != null && masks[l].length < size) {
                throw new IllegalArgumentException("the dropout mask of layer " + (l + 2) + " must hold at least " + rows
                        + " × " + network.layer(l).width() + " = " + size + " floats, got " + masks[l].length);
            }
        }
    }
}
