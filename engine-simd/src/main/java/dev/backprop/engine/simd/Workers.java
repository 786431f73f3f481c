package dev.backprop.engine.simd;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * The engine's own threads: {@code parts − 1} daemon workers plus the calling thread, which
 * always runs part 0. A {@link Job} is split into exactly {@code parts} pieces by the job itself,
 * from the shape alone, so which thread computes what never depends on timing; the pool only
 * hands out part numbers and waits.
 *
 * <p>Why not an {@code ExecutorService}: submitting allocates futures per call, and a hand-off
 * through a queue costs tens of microseconds; here a call writes two fields, bumps a volatile
 * generation and unparks the workers. Workers spin briefly before parking because products of
 * one training step follow each other within microseconds; the spin is bounded in time so that
 * idle workers do not steal a shared machine's cores.
 *
 * <p>Used by one thread at a time (the engine is not thread-safe, as the SPI allows).
 */
final class Workers {
    /** A piece of work cut into {@code parts()} pieces by part number. */
    interface Job {
        void run(int part);
    }

    /** How long a waiting thread spins before it parks. */
    private static final long SPIN_NANOS = TimeUnit.MICROSECONDS.toNanos(50);

    private final int parts;
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private Thread[] threads;
    private volatile Thread caller;
    private volatile boolean closed;
    /** Written by the caller before {@link #generation}; read by workers after it. */
    private Job job;
    private volatile int generation;

    Workers(int parts) {
        if (parts < 1) {
            throw new IllegalArgumentException("thread count must be at least 1, got " + parts);
        }
        this.parts = parts;
    }

    /** The number of parts every job is cut into: the engine's thread count. */
    int parts() {
        return parts;
    }

    /** Runs part 0 here and parts 1 … parts−1 on the workers; returns when all are done. */
    void run(Job work) {
        if (parts == 1) {
            work.run(0);
            return;
        }
        start();
        caller = Thread.currentThread();
        failure.set(null);
        job = work;
        // Every worker acknowledges every generation, so none can lag behind into the next job.
        pending.set(parts - 1);
        generation++;
        for (Thread t : threads) {
            LockSupport.unpark(t);
        }
        try {
            work.run(0);
        } catch (Throwable t) {
            failure.compareAndSet(null, t);
        }
        long start = System.nanoTime();
        while (pending.get() != 0) {
            if (System.nanoTime() - start < SPIN_NANOS) {
                Thread.onSpinWait();
            } else {
                LockSupport.park(this);
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
        Thread[] started = threads;
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

    /** Threads start on the first parallel job, so an engine used only for small work has none. */
    private void start() {
        if (threads != null) {
            return;
        }
        if (closed) {
            throw new IllegalStateException("the simd engine's threads are stopped");
        }
        threads = new Thread[parts - 1];
        for (int i = 0; i < threads.length; i++) {
            int part = i + 1;
            Thread t = new Thread(() -> loop(part), "backprop-simd-" + part);
            t.setDaemon(true);
            threads[i] = t;
            t.start();
        }
    }

    private void loop(int part) {
        int seen = 0;
        while (true) {
            long start = System.nanoTime();
            int current;
            while ((current = generation) == seen && !closed) {
                if (System.nanoTime() - start < SPIN_NANOS) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.park(this);
                }
            }
            if (closed) {
                return;
            }
            seen = current;
            try {
                job.run(part);
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            }
            if (pending.decrementAndGet() == 0) {
                LockSupport.unpark(caller);
            }
        }
    }
}
