package dev.backprop.engine.simd;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * Float arrays whose first element lies on a 64-byte boundary, so that no 512-bit load or store
 * of a row straddles two cache lines.
 *
 * <p>Why: a vector that straddles a line costs two cache accesses, and the book's first layer is
 * bound by them. Its rows are 784 floats, a whole number of lines, so a row's vectors are either
 * all aligned or all split, as the array's start falls: the Eq. 25 kernel alone ran 35 % faster
 * on aligned x and W than on split ones (same process, alternating), feedforward 15 % and BP4
 * with the update 9 % (engine calls on the book's first layer). The JVM places an array where its
 * allocator is, 8-byte aligned, so 7 times in 8 a row's vectors were split, and which arrays
 * were lucky changed from run to run.
 *
 * <p>Java cannot ask where an array lies, except through the foreign-function API: a "critical"
 * downcall may take a heap array, and C's {@code memmove(p, p, 0)} returns the pointer it got.
 * That is a restricted method, so this is used only when the JVM lets this code call native
 * functions ({@code --enable-native-access=ALL-UNNAMED}, or the engine's module); otherwise
 * arrays are allocated as usual, with no warning. Alignment never changes a result: the
 * arithmetic is the same, only faster.
 *
 * <p>An aligned array is made by placing a filler array before it: the JVM places new arrays one
 * after another, so the filler's size decides where the next array starts. This is a best
 * effort (another header layout or allocator can defeat it, see {@link #allocate}), and a
 * collection may later move the array anyway, which is why {@link AlignedMatrix} checks again
 * before large work.
 *
 * <p>Linking the native call costs some 40–50 ms in a fresh JVM (the foreign linker generates its
 * classes), so it is not done where an engine is asked for its availability or opened: the
 * engine's warm-up thread links it ({@link #available()}), and until then arrays are allocated as
 * usual and {@link AlignedMatrix} moves them onto a boundary at their first use after.
 */
final class Alignment {
    /** The alignment sought: a cache line, and the size of a 512-bit vector. */
    static final int BYTES = 64;
    /** Floats from which arrays are not aligned: 512 KiB, see {@link #allocate}. */
    static final int LARGEST_ALIGNED = 128 * 1024;
    /** Whether this code may call native functions, so that addresses could be read once linked. */
    private static final boolean NATIVE_ACCESS = Alignment.class.getModule().isNativeAccessEnabled();
    /** {@code memmove(void*, void*, size_t)} returning its first argument as a long; null until linked, or when unusable. */
    private static volatile MethodHandle identity;
    private static boolean linkTried;
    /** Keeps the last filler reachable, so that the JIT cannot drop its allocation. */
    @SuppressWarnings("unused")
    private static volatile Object filler;

    private Alignment() {
    }

    /**
     * Whether arrays will be aligned here: this code may call native functions. Cheap: nothing is
     * linked (see {@link #available()}).
     */
    static boolean possible() {
        return NATIVE_ACCESS;
    }

    /** Whether array addresses can be read here, and so arrays aligned; links the native call on first use. */
    static boolean available() {
        if (identity == null) {
            link();
        }
        return identity != null;
    }

    /** Whether the native call is linked already (never links). */
    static boolean linked() {
        return identity != null;
    }

    /**
     * Bytes from the last 64-byte boundary to {@code a}'s first element: 0 when it is aligned,
     * and 0 as well when addresses cannot be read (nothing would be done about it anyway).
     */
    static int misalignment(float[] a) {
        return identity == null ? 0 : misalignment(MemorySegment.ofArray(a));
    }

    /**
     * A view of {@code a} to keep beside it for {@link #misalignment(MemorySegment)}; null where
     * addresses can never be read.
     */
    static MemorySegment view(float[] a) {
        return NATIVE_ACCESS ? MemorySegment.ofArray(a) : null;
    }

    /**
     * {@link #misalignment(float[])} of the array behind {@code array}, a {@link #view} (0 for
     * null, and before the native call is linked): one kept with its array saves the segment
     * object that each call would otherwise allocate where the JIT does not remove it.
     */
    static int misalignment(MemorySegment array) {
        MethodHandle memmove = identity;
        if (memmove == null || array == null) {
            return 0;
        }
        try {
            return (int) ((long) memmove.invokeExact(array, array, 0L) & (BYTES - 1));
        } catch (Throwable t) {
            throw new IllegalStateException("reading the address of a " + array + " failed", t);
        }
    }

    /**
     * A zero-filled float[n] whose first element is 64-byte aligned where that can be arranged;
     * else a plain float[n]. Arrays of {@value #LARGEST_ALIGNED} floats or more are plain: the
     * G1 collector puts an array of half a region (512 KiB at least) at the start of regions of
     * its own, 16 bytes before its first element, and never moves it, so nothing would align it.
     * A few tries at most: with a header that is not a multiple of 8 bytes, or an allocator that
     * does not place arrays one after another, the plain array is returned.
     */
    static float[] allocate(int n) {
        float[] a = new float[n];
        if (n >= LARGEST_ALIGNED || identity == null) {
            return a;
        }
        // Bytes the model below misses: objects allocated in between (reading an address
        // allocates a small segment object where the JIT has not removed it). Learnt per try:
        // each try aims at 0 and lands at the new offset.
        int missed = 0;
        for (int attempt = 0; attempt < 6; attempt++) {
            int off = misalignment(a);
            if (off == 0 || off % 8 != 0) {
                return a;
            }
            if (attempt > 0) {
                missed = (missed + off) % BYTES;
            }
            // An array too large for the thread's allocation buffer is placed outside it, and
            // so must its filler be: from the fourth try on, the filler is as large as the array.
            boolean large = attempt >= 3;
            if (attempt == 3) {
                missed = 0;
            }
            int base = large ? (n + 1) & ~1 : 0;
            // Arrays are placed one after another: a ends at its first element + 4n rounded up
            // to 8 (object alignment), a filler of f floats follows (16-byte header), then the
            // next array's header and first element: off + align8(4n) + 32 + 4f past a boundary.
            // f is chosen to make that a multiple of 64.
            int end = off + ((4 * n + 7) & ~7) + 32 + 4 * base + missed;
            filler = new float[base + Math.floorMod(-end, BYTES) / 4];
            a = new float[n];
        }
        return a;
    }

    private static synchronized void link() {
        if (linkTried) {
            return;
        }
        linkTried = true;
        if (!NATIVE_ACCESS) {
            return;
        }
        try {
            Linker linker = Linker.nativeLinker();
            MemorySegment memmove = linker.defaultLookup().find("memmove").orElse(null);
            if (memmove == null) {
                return;
            }
            identity = linker.downcallHandle(memmove,
                    FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG),
                    Linker.Option.critical(true));
        } catch (RuntimeException | LinkageError e) {
            // No native linker on this platform, or a JVM that refuses: plain arrays then.
        }
    }
}
