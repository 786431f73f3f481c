package dev.backprop;

import dev.backprop.internal.FisherYates;

import java.util.Random;

/**
 * The order in which mini-batch SGD visits the training examples, as {@link Trainer} does: a
 * {@link SeededRandom} (java.util.Random's sequence, with a state that can be saved) seeded once
 * per run, before each epoch a Fisher–Yates shuffle of the previous
 * epoch's order in place (network.py's {@code random.shuffle}), then mini-batches of
 * m = min(miniBatchSize, n) consecutive places, the last one smaller when m does not divide n.
 *
 * <pre>{@code
 * TrainingOrder order = new TrainingOrder(training.size(), 10, seed);
 * for (int epoch = 1; epoch <= epochs; epoch++) {
 *     int[] examples = order.nextEpoch();                 // a permutation of 0 … n−1
 *     for (int b = 0; b < order.batches(); b++) {
 *         // examples[order.batchStart(b)] … examples[order.batchEnd(b) − 1] form mini-batch b
 *     }
 * }
 * }</pre>
 *
 * <p>Written once so that whoever must visit the examples exactly as {@code Trainer} does (the
 * Spark module's synchronous mode, whose single-partition run equals local training bit for
 * bit) follows the same sequence of random numbers. A checkpoint saves {@link #state()}, and
 * {@link #restore} continues the sequence where it stopped.
 *
 * <p><b>Thread safety.</b> Not thread-safe: {@link #nextEpoch} shuffles one array in place and
 * advances one random sequence. One training run, one thread (or guard it yourself); the
 * permutation it returns is live and changes at the next epoch.
 */
public final class TrainingOrder {
    private final int[] order;
    private final int miniBatchSize;
    private final SeededRandom random;
    private int epoch;

    /**
     * The order of {@code size} examples, not shuffled yet: the first {@link #nextEpoch()}
     * shuffles 0 … n−1.
     *
     * @param size n, the number of training examples, at least 1
     * @param miniBatchSize the requested m, at least 1; a larger m than n means one batch of n
     * @param seed the seed of the shuffling
     */
    public TrainingOrder(int size, int miniBatchSize, long seed) {
        if (size < 1) {
            throw new IllegalArgumentException("the training set must hold at least 1 example, got " + size);
        }
        if (miniBatchSize < 1) {
            throw new IllegalArgumentException("the mini-batch size must be at least 1, got " + miniBatchSize);
        }
        this.order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        this.miniBatchSize = Math.min(miniBatchSize, size);
        this.random = new SeededRandom(seed);
    }

    /**
     * Shuffles the previous epoch's order and returns a copy of it: entry i is the index of the
     * example visited i-th in the next epoch.
     *
     * @return a permutation of 0 … n−1, the caller's to keep
     */
    public int[] nextEpoch() {
        shuffle(order, random);
        epoch++;
        return order.clone();
    }

    /**
     * Where the sequence stands: the order of the last epoch, the number of epochs started and the
     * generator's state.
     *
     * @param order the last epoch's order (the next shuffle permutes it in place)
     * @param epoch the epochs started
     * @param random the generator's state
     */
    public record State(int[] order, int epoch, SeededRandom.State random) {
        /**
         * Copies the order after checking it.
         *
         * @throws IllegalArgumentException if {@code order} is not a permutation of 0 … n−1, or
         *     {@code epoch} is negative
         */
        public State {
            order = order.clone();
            boolean[] seen = new boolean[order.length];
            for (int i : order) {
                if (i < 0 || i >= order.length || seen[i]) {
                    throw new IllegalArgumentException("the saved order is not a permutation of 0 … " + (order.length - 1)
                            + ": it holds " + i + (i >= 0 && i < order.length ? " twice" : ""));
                }
                seen[i] = true;
            }
            if (epoch < 0) {
                throw new IllegalArgumentException("the saved epoch must be at least 0, got " + epoch);
            }
            java.util.Objects.requireNonNull(random, "random");
        }

        /**
         * The last epoch's order.
         *
         * @return a copy
         */
        @Override
        public int[] order() {
            return order.clone();
        }
    }

    /**
     * The state to save in a checkpoint.
     *
     * @return a copy of the order, the epochs started and the generator's state
     */
    public State state() {
        return new State(order, epoch, random.state());
    }

    /**
     * Continues from a saved state: the next {@link #nextEpoch()} is the one that followed it.
     *
     * @param state a state of an order of the same size
     * @throws IllegalArgumentException if the saved order has another size
     */
    public void restore(State state) {
        int[] saved = state.order();
        if (saved.length != order.length) {
            throw new IllegalArgumentException("the saved order has " + saved.length + " examples, this one "
                    + order.length);
        }
        System.arraycopy(saved, 0, order, 0, saved.length);
        epoch = state.epoch();
        random.restore(state.random());
    }

    /**
     * How many epochs {@link #nextEpoch()} has started.
     *
     * @return 0 before the first
     */
    public int epoch() {
        return epoch;
    }

    /**
     * The number of examples.
     *
     * @return n
     */
    public int size() {
        return order.length;
    }

    /**
     * The examples per mini-batch.
     *
     * @return m = min(requested mini-batch size, n)
     */
    public int miniBatchSize() {
        return miniBatchSize;
    }

    /**
     * The mini-batches (steps) per epoch.
     *
     * @return ⌈n / m⌉
     */
    public int batches() {
        return (order.length + miniBatchSize - 1) / miniBatchSize;
    }

    /**
     * Where a mini-batch starts.
     *
     * @param batch 0 … batches() − 1
     * @return the first place of mini-batch {@code batch} in an epoch's order
     * @throws IndexOutOfBoundsException if {@code batch} is not a mini-batch of an epoch
     */
    public int batchStart(int batch) {
        checkBatch(batch);
        return batch * miniBatchSize;
    }

    /**
     * Where a mini-batch ends.
     *
     * @param batch 0 … batches() − 1
     * @return one past the last place of mini-batch {@code batch}: the last batch may hold fewer than m
     * @throws IndexOutOfBoundsException if {@code batch} is not a mini-batch of an epoch
     */
    public int batchEnd(int batch) {
        checkBatch(batch);
        return Math.min(order.length, (batch + 1) * miniBatchSize);
    }

    /**
     * Fisher–Yates, in place, so each epoch permutes the previous order (as network.py's
     * random.shuffle): from the end, swap place i with nextInt(i + 1).
     *
     * @param order the array to permute
     * @param random the generator (a {@link SeededRandom} in training)
     */
    public static void shuffle(int[] order, Random random) {
        FisherYates.shuffle(order, random);
    }

    private void checkBatch(int batch) {
        if (batch < 0 || batch >= batches()) {
            throw new IndexOutOfBoundsException("mini-batch " + batch + " of an epoch of " + batches()
                    + " (n = " + order.length + ", m = " + miniBatchSize + ")");
        }
    }
}
