package dev.backprop.internal;

import java.util.Locale;

/**
 * Whether an allocation about to be made fits the heap this JVM may still use, asked before a
 * reader allocates what a file declares or a network needs, so that a hostile or honest-but-huge
 * size fails with a sentence naming the size and {@code -Xmx} instead of an
 * {@link OutOfMemoryError} thrown from wherever the heap happens to run out.
 *
 * <p>"Still use" is the maximum heap minus what is allocated now. Garbage counts as allocated
 * until a collection, so when an allocation seems not to fit, one collection is requested before
 * refusing (only then: a load that fits never pays for it).
 */
public final class Heap {
    /** The most elements a Java array may hold on common JVMs. */
    public static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

    private Heap() {
    }

    /** Bytes the heap may still grow by: its maximum minus what is allocated now. */
    public static long left() {
        Runtime runtime = Runtime.getRuntime();
        long max = runtime.maxMemory();
        return max == Long.MAX_VALUE ? Long.MAX_VALUE : max - (runtime.totalMemory() - runtime.freeMemory());
    }

    /** Whether {@code bytes} fit what is left, collecting garbage once before saying no. */
    public static boolean fits(long bytes) {
        if (bytes <= left()) {
            return true;
        }
        System.gc(); // only on the way to refusing: what is "in use" may be mostly garbage
        return bytes <= left();
    }

    /**
     * Why {@code bytes} more cannot be allocated, or null when they fit.
     *
     * @param bytes how many bytes the allocation needs, at its peak
     * @param what  what needs them, as the subject of the sentence:
     *              "the header declares 2700000 × 28 × 28 = 2116800000 pixels, which as bytes and then values"
     */
    public static String shortfall(long bytes, String what) {
        if (fits(bytes)) {
            return null;
        }
        return what + " need " + human(bytes) + " of heap, but this JVM has " + human(left()) + " left of its maximum "
                + maximum() + "; give it more with -Xmx (for example -Xmx" + suggestedXmx(bytes) + ") or use a smaller input";
    }

    /** The maximum heap, "6.0 GiB (-Xmx)". */
    public static String maximum() {
        long max = Runtime.getRuntime().maxMemory();
        return max == Long.MAX_VALUE ? "(unlimited)" : human(max) + " (-Xmx)";
    }

    /** A heap size that would hold what is in use plus {@code needed} twice over: "4g", "512m". */
    public static String suggestedXmx(long needed) {
        Runtime runtime = Runtime.getRuntime();
        long want = 2 * needed + (runtime.totalMemory() - runtime.freeMemory());
        long gib = 1L << 30;
        return want >= gib ? (want + gib - 1) / gib + "g" : (want + (1 << 20) - 1) / (1 << 20) + "m";
    }

    /** "12.3 MiB", "1.5 GiB", "512 bytes". */
    public static String human(long bytes) {
        if (bytes >= 1L << 30) {
            return String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
        }
        if (bytes >= 1L << 20) {
            return String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1L << 20));
        }
        return bytes + " bytes";
    }
}
