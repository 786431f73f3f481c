package dev.backprop;

import dev.backprop.data.Dataset;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

/**
 * Gathers the mini-batches of an epoch (the inputs and targets of the shuffled examples, copied
 * into contiguous rows) for {@link Trainer}, either on the training thread or ahead on a thread
 * of its own.
 *
 * <p>Why a thread: the book's data set is 188 MB of floats, far larger than the caches, and a
 * shuffled mini-batch reads ten rows from ten random places in memory. Measured on the
 * development machine for [784, 30, 10] at batch 10 with the SIMD engine: 5 µs of gathering per
 * mini-batch against 16 µs of arithmetic, a quarter of the epoch spent waiting for memory. The
 * engine runs products this small on the calling thread, so a second core is idle and can wait
 * for memory instead.
 *
 * <p>Why the trainer never waits for that thread: each batch is <em>claimed</em> (one atomic
 * counter) by whoever gathers it. The gatherer claims batches in order and fills a ring of
 * slots; when the trainer reaches a batch that is not ready, it claims and gathers the batch
 * itself, into a slot of its own, or, if the gatherer is already at it, waits a few microseconds
 * for it and then gathers it itself anyway. So a gatherer that the operating system does not run
 * (another process keeping its core busy) costs the trainer nothing but the gathering it would
 * have done alone. Measured before this design, on two cores with one kept busy by another
 * process: the trainer waited for the gatherer's time slices and epochs took four times as long
 * as on one core.
 *
 * <p>Why a ring: the gatherer fills all free slots, spins briefly for the next one to free up
 * (the trainer frees one every few microseconds), and when none does parks until half of them
 * are free again, so it is woken once per several batches rather than once per batch (a wake-up
 * is a system call on the trainer's path).
 *
 * <p>Which example lands in which row is fixed by the order alone, so training gives the same
 * bits with or without the thread, whoever gathered each batch. Nothing is allocated per
 * mini-batch.
 */
final class BatchGatherer implements AutoCloseable {
    /** The most bytes of slots in the ring: enough batches ahead, without a large copy of the data set. */
    private static final long RING_BYTES = 4L << 20;
    /** The most slots in the ring. */
    private static final int RING_SLOTS = 16;
    /** How long the gatherer spins for the trainer's next release before it parks. */
    private static final long SPIN_NANOS = TimeUnit.MICROSECONDS.toNanos(50);
    /** How long the trainer waits for a batch the gatherer is in the middle of before gathering it itself. */
    private static final long WAIT_NANOS = TimeUnit.MICROSECONDS.toNanos(20);
    private static final long BATCH_MASK = 0xFFFF_FFFFL;

    private final Dataset data;
    private final int batchSize;
    /** Slots 0 … ring − 1 belong to the ring, slot {@code ring} to the trainer. */
    private final int ring;
    private final float[][] inputs;
    private final float[][] targets;
    /** Per ring slot: (epoch << 32) | batch of the batch it holds, written after the slot. */
    private final AtomicLong[] ready;
    private final Thread thread;

    /** (epoch << 32) | the next batch no one has claimed; a claim moves it by one. */
    private final AtomicLong claims = new AtomicLong();
    // The epoch in progress: written by the trainer before it publishes the epoch in claims.
    private int[] order;
    private int batches;
    private int epoch;
    /** Batches of the current epoch the trainer is done with (written by the trainer). */
    private volatile int released;
    /** The release count at which a parked gatherer wants to be woken; MAX_VALUE when running. */
    private volatile int wakeAt = Integer.MAX_VALUE;
    private volatile Throwable failure;
    private volatile boolean closed;

    /**
     * @param ahead whether to gather on a thread of its own, ahead of the trainer; otherwise each
     *     batch is gathered when it is asked for
     */
    BatchGatherer(Dataset data, int batchSize, boolean ahead) {
        this(data, batchSize, ahead ? BatchGatherer::daemon : null);
    }

    /**
     * @param threads makes the gathering thread from its task (a test may hold it back, as a busy
     *     machine would); null to gather each batch when it is asked for
     */
    BatchGatherer(Dataset data, int batchSize, Function<Runnable, Thread> threads) {
        boolean ahead = threads != null;
        this.data = data;
        this.batchSize = batchSize;
        long slotBytes = (long) batchSize * (data.inputWidth() + data.outputWidth()) * Float.BYTES;
        this.ring = ahead ? (int) Math.max(2, Math.min(RING_SLOTS, RING_BYTES / Math.max(1, slotBytes))) : 0;
        inputs = new float[ring + 1][];
        targets = new float[ring + 1][];
        for (int s = 0; s <= ring; s++) {
            inputs[s] = new float[batchSize * data.inputWidth()];
            targets[s] = new float[batchSize * data.outputWidth()];
        }
        ready = new AtomicLong[ring];
        for (int s = 0; s < ring; s++) {
            ready[s] = new AtomicLong(-1);
        }
        if (ahead) {
            thread = threads.apply(this::gatherAhead);
            thread.start();
        } else {
            thread = null;
        }
    }

    private static Thread daemon(Runnable task) {
        Thread t = new Thread(task, "backprop-gather");
        t.setDaemon(true);
        return t;
    }

    /** Whether a processor is free to gather ahead: never on a single core. */
    static boolean worthAThread() {
        return Runtime.getRuntime().availableProcessors() > 1;
    }

    /**
     * Starts an epoch over {@code order}, a permutation of the data set's indices that must not
     * change until the epoch's last batch is released, which must happen before the next epoch.
     */
    void startEpoch(int[] order) {
        if (order.length != data.size()) {
            throw new IllegalArgumentException("the order has " + order.length + " indices for a data set of "
                    + data.size() + " examples");
        }
        if (this.order != null && released < batches) {
            throw new IllegalStateException("a new epoch started after " + released + " of " + batches
                    + " batches of the last one were released; the gatherer may still be filling them");
        }
        this.order = order;
        this.batches = (order.length + batchSize - 1) / batchSize;
        released = 0;
        epoch++;
        claims.set((long) epoch << 32);
        wake();
    }

    /** The rows of batch {@code b}: {@code rows(b)} examples from index 0 of {@link #inputs(int)}. */
    int rows(int b) {
        return Math.min(batchSize, order.length - b * batchSize);
    }

    /**
     * Batch {@code b} of the epoch, gathered by the thread or here: returns its slot. Never waits
     * more than a few microseconds for the gatherer.
     */
    int take(int b) {
        rethrowFailure();
        if (thread == null) {
            gather(order, b, ring);
            return ring;
        }
        int slot = b % ring;
        long mine = (long) epoch << 32 | b;
        if (ready[slot].get() == mine) {
            return slot;
        }
        // Not ready: claim it, unless the gatherer has, and gather it in the trainer's own slot.
        if (!claims.compareAndSet(mine, mine + 1)) {
            long start = System.nanoTime();
            while (System.nanoTime() - start < WAIT_NANOS) {
                if (ready[slot].get() == mine) {
                    return slot;
                }
                Thread.onSpinWait();
            }
        }
        gather(order, b, ring);
        return ring;
    }

    float[] inputs(int slot) {
        return inputs[slot];
    }

    float[] targets(int slot) {
        return targets[slot];
    }

    /** The trainer is done with batch {@code b} and every batch before it: their slots may be refilled. */
    void release(int b) {
        released = b + 1;
        if (b + 1 >= wakeAt) {
            wake();
        }
    }

    @Override
    public void close() {
        closed = true;
        if (thread != null) {
            LockSupport.unpark(thread);
            try {
                thread.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void wake() {
        if (thread != null && wakeAt != Integer.MAX_VALUE) {
            wakeAt = Integer.MAX_VALUE;
            LockSupport.unpark(thread);
        }
    }

    private void gather(int[] order, int b, int slot) {
        int from = b * batchSize;
        int rows = Math.min(batchSize, order.length - from);
        for (int r = 0; r < rows; r++) {
            data.copyInput(order[from + r], inputs[slot], r * data.inputWidth());
            data.copyTarget(order[from + r], targets[slot], r * data.outputWidth());
        }
    }

    private void gatherAhead() {
        try {
            while (!closed) {
                long word = claims.get();
                int b = (int) (word & BATCH_MASK);
                // Read after the claim word: the trainer wrote them before publishing the epoch, and a
                // claim below succeeds only while that epoch is in progress, so they are its own.
                int[] current = order;
                int count = batches;
                if (current == null || b >= count) {
                    sleepUntil(Integer.MAX_VALUE - 1, Integer.MAX_VALUE - 1, word);
                    continue;
                }
                // Slot b mod ring held batch b − ring: free once the trainer released it.
                int free = b - ring + 1;
                if (released < free) {
                    sleepUntil(free, Math.min(count, free + ring / 2), word);
                    continue;
                }
                if (claims.compareAndSet(word, word + 1)) {
                    int slot = b % ring;
                    gather(current, b, slot);
                    ready[slot].set(word);
                }
            }
        } catch (Throwable t) {
            failure = t;
        }
    }

    /**
     * Waits until the trainer has released {@code releases} batches or starts another epoch (the
     * claim word moves past {@code word}'s epoch): spinning for up to {@link #SPIN_NANOS}, since the
     * trainer releases a batch every few microseconds while it trains (and on a virtual machine a
     * parked thread's idle processor can take a hundred microseconds to come back), then parked
     * until {@code wakeAt} batches are released, so that the trainer wakes it once per several.
     * Measured on two cores: the book's epoch took 1.19 of the time with a gatherer that parked at
     * once.
     */
    private void sleepUntil(int releases, int parkUntil, long word) {
        long start = System.nanoTime();
        while (released < releases && claims.get() >>> 32 == word >>> 32 && !closed) {
            if (System.nanoTime() - start > SPIN_NANOS) {
                park(parkUntil, word);
                return;
            }
            Thread.onSpinWait();
        }
    }

    private void park(int releases, long word) {
        wakeAt = releases;
        // Checked again after announcing the wish: a release or epoch that came in between would
        // otherwise have found wakeAt unset and not woken this thread.
        if (released < releases && claims.get() >>> 32 == word >>> 32 && !closed) {
            LockSupport.park(this);
        }
        wakeAt = Integer.MAX_VALUE;
    }

    private void rethrowFailure() {
        Throwable t = failure;
        if (t instanceof RuntimeException e) {
            throw e;
        }
        if (t instanceof Error e) {
            throw e;
        }
        if (t != null) {
            throw new IllegalStateException("gathering a mini-batch failed", t);
        }
    }
}
