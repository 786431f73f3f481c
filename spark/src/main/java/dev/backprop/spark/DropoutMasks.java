package dev.backprop.spark;

import dev.backprop.Network;
import dev.backprop.SeededRandom;

/**
 * Chapter 3's dropout masks as {@link dev.backprop.Trainer} draws them, so that one partition
 * gives its bits: from the api's {@link SeededRandom}, seeded with the trainer's seed the way
 * the api's training loop seeds its dropout stream, one {@code nextFloat()} per hidden neuron
 * and example, layer after layer, row after row; r = 0 when it falls below p, else 1/(1 − p).
 * The api keeps that loop package-private, so its two constants are repeated here; the tests
 * that compare one partition with {@code Trainer} under dropout (both modes) fail if they drift.
 *
 * <p>Mode 1 draws the masks of each global mini-batch on the driver from that one stream, and
 * every partition takes the rows of its examples, by their places in the batch: what a given
 * example sees does not depend on the partitioning. Mode 2 gives each partition a stream of its
 * own (partition 0's is the trainer's), which the driver advances by what each partition draws
 * in a round, so a task gets the state to start from as data and stays a pure function.
 */
final class DropoutMasks {
    /** The api's training loop seeds its dropout stream with seed · this + 1, apart from the shuffle's. */
    private static final long STREAM = 0x9E3779B97F4A7C15L;
    /** Spreads the partitions' streams over the generator's cycle (an odd constant, Weyl-style). */
    private static final long PARTITION_STREAM = 0xD1B54A32D192ED03L;

    private DropoutMasks() {
    }

    /** The trainer's dropout stream for {@code seed}: mode 1's, and partition 0's in mode 2. */
    static SeededRandom generator(long seed) {
        return new SeededRandom(seed * STREAM + 1);
    }

    /** Mode 2: partition {@code partition}'s own stream; partition 0's is {@link #generator}'s. */
    static SeededRandom generator(long seed, int partition) {
        return new SeededRandom(seed * STREAM + 1 + partition * PARTITION_STREAM);
    }

    /** A generator that continues from {@code state}, a {@link SeededRandom.State#seed()}. */
    static SeededRandom continuing(long state) {
        SeededRandom random = new SeededRandom(0);
        random.restore(new SeededRandom.State(state, false, 0));
        return random;
    }

    /** One array per hidden layer, {@code rows} × its width. */
    static float[][] allocate(Network network, int rows) {
        float[][] masks = new float[network.depth() - 1][];
        for (int l = 0; l < masks.length; l++) {
            masks[l] = new float[rows * network.layer(l).width()];
        }
        return masks;
    }

    /** The values one example's masks draw: one per hidden neuron. */
    static int drawsPerExample(Network network) {
        int draws = 0;
        for (int l = 0; l < network.depth() - 1; l++) {
            draws += network.layer(l).width();
        }
        return draws;
    }

    /**
     * Fills the first rows × width values of each hidden layer's mask, layer after layer, row
     * after row: 0 (dropped) with probability p, else 1/(1 − p), the inverted scaling that keeps
     * each activation's expectation, so the full network runs unchanged at test time.
     */
    static void draw(SeededRandom random, double p, Network network, int rows, float[][] masks) {
        float kept = (float) (1 / (1 - p));
        for (int l = 0; l < masks.length; l++) {
            float[] mask = masks[l];
            int n = rows * network.layer(l).width();
            for (int i = 0; i < n; i++) {
                mask[i] = random.nextFloat() < p ? 0f : kept;
            }
        }
    }

    /** Moves {@code random} on by {@code draws} values, as {@link #draw} would. */
    static void skip(SeededRandom random, long draws) {
        for (long i = 0; i < draws; i++) {
            random.nextFloat();
        }
    }

    /**
     * The rows of a mini-batch's masks at {@code places} (each an example's place in the batch),
     * in that order: a partition's share of mode 1's global masks.
     */
    static float[][] select(float[][] masks, int[] places, Network network) {
        float[][] selected = allocate(network, places.length);
        for (int l = 0; l < masks.length; l++) {
            int width = network.layer(l).width();
            for (int r = 0; r < places.length; r++) {
                System.arraycopy(masks[l], places[r] * width, selected[l], r * width, width);
            }
        }
        return selected;
    }
}
