package dev.backprop.data;

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
        if (bytes <= heapLeft()) {
            return;
        }
        System.gc(); // only on the way to refusing: "in use" may be mostly garbage
        long left = heapLeft();
        if (bytes > left) {
            throw new DataTooLargeException(what, bytes, left, advice);
        }
    }

    static long heapLeft() {
        Runtime runtime = Runtime.getRuntime();
        return runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory());
    }

    static String maximum() {
        long max = Runtime.getRuntime().maxMemory();
        return max == Long.MAX_VALUE ? "(unlimited)" : human(max) + " (-Xmx)";
    }

    /** A heap size that would hold {@code needed} twice over, in whole GiB or MiB: "4g", "512m". */
    static String suggestedXmx(long needed) {
        long used = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
        long want = 2 * needed + used;
        long gib = 1L << 30;
        return want >= gib ? (want + gib - 1) / gib + "g" : (want + (1 << 20) - 1) / (1 << 20) + "m";
    }

    static String human(long bytes) {
        if (bytes >= 1L << 30) {
            return String.format(java.util.Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
        }
        if (bytes >= 1L << 20) {
            return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / (double) (1L << 20));
        }
        return bytes + " bytes";
    }
}
