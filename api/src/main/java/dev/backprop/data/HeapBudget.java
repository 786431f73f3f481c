package dev.backprop.data;

import dev.backprop.internal.Heap;

/**
 * What is left of the heap, asked before a reader allocates an array whose size comes from the
 * data: {@link Runtime#maxMemory()} less what is in use. "In use" counts garbage not yet
 * collected, so the answer is pessimistic; before refusing, the check asks for one collection
 * and looks again, rather than turn away data that fits.
 */
final class HeapBudget {
    /** A limit set by a caller (tests, or a reader told to stay under a budget), or -1. */
    private final long limit;
    /** Bytes the reader using this budget holds, counted against {@link #limit}. */
    private long held;

    private HeapBudget(long limit) {
        this.limit = limit;
    }

    /** The heap as the JVM reports it. */
    static HeapBudget ofRuntime() {
        return new HeapBudget(-1);
    }

    /** At most {@code bytes} in total, or the heap if that is less. */
    static HeapBudget of(long bytes) {
        return new HeapBudget(bytes);
    }

    /** Records that the reader now holds {@code bytes} more (counted against an explicit limit). */
    void hold(long bytes) {
        held += bytes;
    }

    /**
     * Refuses to go on unless {@code bytes} more fit now.
     *
     * @throws DataTooLargeException when they do not fit
     */
    void require(long bytes, String what, String advice) throws DataTooLargeException {
        if (limit >= 0 && held + bytes > limit) {
            throw new DataTooLargeException(what, held + bytes, Math.max(0, limit - held), advice);
        }
        if (!Heap.fits(bytes)) {
            throw new DataTooLargeException(what, bytes, Heap.left(), advice);
        }
    }
}
