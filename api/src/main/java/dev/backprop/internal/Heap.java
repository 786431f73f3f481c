package dev.backprop.internal;

/**
 * Whether an allocation about to be made fits the heap this JVM may still use, asked before a
 * reader allocates what a file declares or a network needs, so that a hostile or honest-but-huge
 * size fails with a sentence naming the size and {@code -Xmx} instead of an
 * {@link OutOfMemoryError} thrown from wherever the heap happens to run out.
 *
 * <p>"Still use" is the maximum heap minus what is allocated now, garbage included: the estimate
 * errs towards refusing, and the message says how to give the JVM more.
 */
public final class Heap {
    /** The most elements a Java array may hold on common JVMs. */
    public static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

    private Heap() {
    }

    /**
     * Why {@code bytes} more cannot be allocated, or null when they fit.
     *
     * @param bytes how many bytes the allocation needs, at its peak
     * @param what  what needs them, for the message: "2700000 images of 28 × 28 pixels as floats"
     */
    public static String shortfall(long bytes, String what) {
        Runtime runtime = Runtime.getRuntime();
        long max = runtime.maxMemory();
        if (max == Long.MAX_VALUE) {
            return null;
        }
        long used = runtime.totalMemory() - runtime.freeMemory();
        if (bytes <= max - used) {
            return null;
        }
        long suggested = Math.max(1, (used + bytes) / (1L << 30) + 1);
        return what + " need " + mebibytes(bytes) + " of heap, but this JVM may use at most " + mebibytes(max)
                + " (-Xmx) and " + mebibytes(used) + " are in use; give it more with -Xmx (for example -Xmx"
                + suggested + "g) or use a smaller input";
    }

    /** "12.3 MiB". */
    public static String mebibytes(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / (double) (1L << 20));
    }
}
