package dev.backprop.engine.simd;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * The engine's own threads: up to {@code threads − 1} daemon workers beside the calling thread.
 * A {@link Job} is cut into a number of parts that its caller decides from the shape alone; the
 * parts are then <em>claimed</em>, one at a time from a shared counter, by whichever thread is
 * free, the caller included. So what a part computes never depends on which thread runs it or
 * when, and a worker that the operating system has not scheduled (a busy neighbour on its core,
 * another program's threads) never makes the caller wait: the caller claims the parts itself and
 * waits only for parts that a worker has already begun.
 *
 * <p>Why claiming and not one fixed band per thread: with a band per thread, the caller finished
 * its band and then waited until the kernel ran the other thread, a scheduler time slice (some
 * milliseconds) whenever another process kept that core busy; measured on two cores with one kept
 * busy, epochs took four times as long as on one core alone. With claiming, a descheduled worker
 * costs at most the part it holds.
 *
 * <p>Why not an {@code ExecutorService}: submitting allocates futures per call, and a hand-off
 * through a queue costs tens of microseconds; here a call writes two fields, publishes one atomic
 * word and unparks the workers. Workers spin briefly before parking because the products of one
 * training step follow each other within microseconds; the spin is bounded in time so that idle
 * workers do not keep a shared machine's cores.
 *
 * <p>Used by one thread at a time (the engine is not thread-safe, as the SPI allows).
 */
final class Workers {
    /** A piece of work cut into parts by part number. */
    interface Job {
        /**
         * Computes part {@code part}. {@code thread} (0 for the caller, 1 … threads − 1 for the
         * workers) names the scratch the part may use: no two parts run on one thread at once.
         */
        void run(int part, int thread);
    }

    /** How long a waiting thread spins before it parks. */
    private static final long SPIN_NANOS = TimeUnit.MICROSECONDS.toNanos(50);
    private static final long PART_MASK = 0xFFFF_FFFFL;

    private final int threads;
    /**
     * The job in progress: its generation in the high 32 bits, the next unclaimed part in the low
     * 32. A part is claimed by moving this word from (g, p) to (g, p + 1), so a thread that read
     * an old generation can never claim a part of a newer job.
     */
    private final AtomicLong claims = new AtomicLong();
    /** Parts of the job in progress that are finished. */
    private final AtomicInteger finished = new AtomicInteger();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private Thread[] workers;
    private volatile Thread caller;
    private volatile boolean callerWaiting;
    private volatile boolean closed;
    /** Written by the caller before {@link #claims} is published; read by workers after it. */
    private Job job;
    private int parts;
    private int generation;

    Workers(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("thread count must be at least 1, got " + threads);
        }
        this.threads = threads;
    }

    /** The most threads that work on one job at once, the caller's included. */
    int threads() {
        return threads;
    }

    /**
     * Runs parts 0 … {@code parts} − 1 of {@code work}, each once, on the calling thread and on
     * any worker that is free; returns when all are done. The first failure is rethrown here.
     */
    void run(Job work, int parts) {
        if (parts < 1) {
            throw new IllegalArgumentException("a job needs at least one part, got " + parts);
        }
        if (threads == 1 || parts == 1) {
            for (int p = 0; p < parts; p++) {
                work.run(p, 0);
            }
            return;
        }
        start();
        caller = Thread.currentThread();
        failure.set(null);
        job = work;
        this.parts = parts;
        finished.set(0);
        generation++;
        long published = (long) generation << 32;
        claims.set(published);
        // Only as many workers as there are parts beside the caller's first.
        for (int i = 0; i < Math.min(workers.length, parts - 1); i++) {
            LockSupport.unpark(workers[i]);
        }
        int done = 0;
        long word;
        while ((int) ((word = claims.get()) & PART_MASK) < parts) {
            if (claims.compareAndSet(word, word + 1)) {
                runPart(work, (int) (word & PART_MASK), 0);
                done++;
            }
        }
        // Every part is claimed; wait only for those a worker is still computing.
        if (finished.addAndGet(done) < parts) {
            long start = System.nanoTime();
            while (finished.get() < parts) {
                if (System.nanoTime() - start < SPIN_NANOS) {
                    Thread.onSpinWait();
                } else {
                    callerWaiting = true;
                    if (finished.get() < parts) {
                        LockSupport.park(this);
                    }
                    callerWaiting = false;
                }
            }
        }
        job = null;
        Throwable t = failure.getAndSet(null);
        if (t instanceof RuntimeException e) {
            throw e;
        }
        if (t instanceof Error e) {
            throw e;
        }
        if (t != null) {
            throw new IllegalStateException(t);
        }
    }

    /** Stops the workers; waits briefly for them to leave. Later calls do nothing. */
    void close() {
        closed = true;
        Thread[] started = workers;
        if (started == null) {
            return;
        }
        for (Thread t : started) {
            LockSupport.unpark(t);
        }
        for (Thread t : started) {
            try {
                t.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void runPart(Job work, int part, int thread) {
        try {
            work.run(part, thread);
        } catch (Throwable t) {
            failure.compareAndSet(null, t);
        }
    }

    /** Threads start on the first parallel job, so an engine used only for small work has none. */
    private void start() {
        if (workers != null) {
            return;
        }
        if (closed) {
            throw new IllegalStateException("the simd engine's threads are stopped");
        }
        workers = new Thread[threads - 1];
        for (int i = 0; i < workers.length; i++) {
            int thread = i + 1;
            Thread t = new Thread(() -> loop(thread), "backprop-simd-" + thread);
            t.setDaemon(true);
            workers[i] = t;
            t.start();
        }
    }

    private void loop(int thread) {
        int seen = 0;
        while (true) {
            long start = System.nanoTime();
            long word;
            while ((int) ((word = claims.get()) >>> 32) == seen && !closed) {
                if (System.nanoTime() - start < SPIN_NANOS) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.park(this);
                }
            }
            if (closed) {
                return;
            }
            seen = (int) (word >>> 32);
            // Read after the generation: the caller wrote them before publishing it. A claim below
            // succeeds only while this generation is in progress, so they are still its own.
            Job work = job;
            int total = parts;
            int done = 0;
            while ((int) (word & PART_MASK) < total && (int) (word >>> 32) == seen) {
                if (claims.compareAndSet(word, word + 1)) {
                    runPart(work, (int) (word & PART_MASK), thread);
                    done++;
                }
                word = claims.get();
            }
            if (done > 0 && finished.addAndGet(done) == total && callerWaiting) {
                LockSupport.unpark(caller);
            }
        }
    }
}
