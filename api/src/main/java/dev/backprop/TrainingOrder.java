package dev.backprop;

import java.util.Random;

/**
 * The order in which mini-batch SGD visits the training examples, as {@link Trainer} does: a
 * {@link Random} seeded once per run, before each epoch a Fisher–Yates shuffle of the previous
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
 * bit) follows the same sequence of random numbers.
 */
public final class TrainingOrder {
    private final int[] order;
    private final int miniBatchSize;
    private final Random random;
    private int epoch;

    /**
     * The order of a run of {@code size} examples in mini-batches of {@code miniBatchSize}, shuffled
     * by a {@link Random} seeded with {@code seed}; no epoch has started yet.
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
        this.random = new Random(seed);
    }

    /**
     * Shuffles the previous epoch's order and returns a copy of it: entry i is the index of the
     * example visited i-th in the next epoch.
     *
     * @return a new array, a permutation of 0 … n−1
     */
    public int[] nextEpoch() {
        shuffle(order, random);
        epoch++;
        return order.clone();
    }

    /**
     * How many epochs have started.
     *
     * @return the number of {@link #nextEpoch()} calls so far, 0 before the first
     */
    public int epoch() {
        return epoch;
    }

    /**
     * The training set's size.
     *
     * @return n
     */
    public int size() {
        return order.length;
    }

    /**
     * The mini-batch size used.
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
     * Where a mini-batch starts in an epoch's order.
     *
     * @param batch the mini-batch, 0 to {@link #batches()} − 1
     * @return the first place of mini-batch {@code batch}: batch · m
     * @throws IndexOutOfBoundsException if there is no such mini-batch
     */
    public int batchStart(int batch) {
        checkBatch(batch);
        return batch * miniBatchSize;
    }

    /**
     * Where a mini-batch ends in an epoch's order.
     *
     * @param batch the mini-batch, 0 to {@link #batches()} − 1
     * @return one past its last place: min(n, (batch + 1) · m), so the last batch may hold fewer than m
     * @throws IndexOutOfBoundsException if there is no such mini-batch
     */
    public int batchEnd(int batch) {
        checkBatch(batch);
        return Math.min(order.length, (batch + 1) * miniBatchSize);
    }

    /**
     * Fisher–Yates, in place, so each epoch permutes the previous order (as network.py's
     * {@code random.shuffle}).
     *
     * @param order  the order to permute, changed in place
     * @param random the generator: {@code order.length − 1} calls of {@code nextInt}
     */
    public static void shuffle(int[] order, Random random) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }

    private void checkBatch(int batch) {
        if (batch < 0 || batch >= batches()) {
            throw new IndexOutOfBoundsException("mini-batch " + batch + " of an epoch of " + batches()
                    + " (n = " + order.length + ", m = " + miniBatchSize + ")");
        }
    }
}
