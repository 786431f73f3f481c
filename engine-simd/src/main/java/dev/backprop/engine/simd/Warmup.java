package dev.backprop.engine.simd;

/**
 * Decides, per family of kernels, whether a call takes the vector kernels or their plain-loop
 * twins ({@link ScalarKernels}, the same bits): the first {@value #BRIDGE_CALLS} calls of each
 * family in a JVM take the twins, every later call the vector kernels.
 *
 * <p>Why: until the JIT has compiled it, the Vector API is interpreted code that boxes every
 * vector into a heap object. The book's Eq. 25 for ten examples took 70–90 ms interpreted against
 * 4 µs compiled by C2, so a program's first gradient or prediction (a cold start) was mostly that.
 * The twins cost some 5 ms interpreted. A program that goes on calling soon makes the JIT compile
 * the vector kernels, and it is their own calls, on the program's own shapes, that make the JIT
 * compile them best; so the twins bridge only the first few calls.
 *
 * <p>Tried and left out, measured on the two-core development machine while other jobs kept its
 * load average at 2–4: a thread that called the vector kernels on small inputs of its own and
 * switched each family to them once they beat the twins, to bridge the whole warm-up. It made the
 * first training epoch of Fashion-MNIST slower (2.6–4.7 s against 1.8–2.4 s without it): C2 is
 * the bottleneck during warm-up (with four compiler threads instead of the default two the first
 * epoch took 2.3 s against 3.5–4 s in the same minutes; lowering the compile thresholds changed
 * nothing), and the warming thread added work to its queue and took the second core from it.
 *
 * <p>The same call never mixes paths within an element, and both paths give the same bits, so
 * when the switch happens changes no result; counters shared by threads may miss an increment,
 * which only lengthens the bridge by a call.
 */
final class Warmup {
    /** Eq. 25's dot products when L divides k (blocks of five rows). */
    static final int DOT = 0;
    /** Eq. 25's dot products otherwise, with a partial last vector. */
    static final int DOT_EDGES = 1;
    /** BP2's Δ·W. */
    static final int BROADCAST = 2;
    /** BP4's Δᵀ·A. */
    static final int TRANSPOSED = 3;
    /** BP4 fused with the update. */
    static final int DESCEND = 4;
    /** σ, σ′, BP1, BP3, the update: the element-wise work and the products' finishes. */
    static final int ELEMENT_WISE = 5;
    private static final int FAMILIES = 6;
    /** Calls of each family that take the twins: a cold start's gradient or prediction, and a few more. */
    static final int BRIDGE_CALLS = 16;

    /** Calls so far per family, up to {@link #BRIDGE_CALLS}. */
    private static final int[] calls = new int[FAMILIES];
    /** A test's choice: null to count calls, true to run the scalar path always, false never. */
    private static volatile Boolean forcedCold;
    private static volatile boolean warm;
    /**
     * True once every family is past its bridge and no test forces a path: then {@link #cold}
     * is one plain read. Not volatile: a thread that sees it late takes the counting path, which
     * answers the same.
     */
    private static boolean settled;

    private Warmup() {
    }

    /** Whether a call of {@code family} should take the scalar twins; counts the call. */
    static boolean cold(int family) {
        if (settled) {
            return false;
        }
        Boolean forced = forcedCold;
        if (forced != null) {
            return forced;
        }
        if (calls[family] >= BRIDGE_CALLS) {
            if (!warm) {
                goingWarm();
            }
            settled = allPast();
            return false;
        }
        calls[family]++;
        return true;
    }

    /**
     * The program computes on: the native call that reads array addresses ({@link Alignment},
     * some 40–50 ms to link in a fresh JVM) is linked on a thread of its own rather than on the
     * caller's, and matrices are moved onto cache lines at their first use after.
     */
    private static synchronized void goingWarm() {
        if (warm) {
            return;
        }
        warm = true;
        Thread t = new Thread(Alignment::available, "backprop-alignment-link");
        t.setDaemon(true);
        t.start();
    }

    private static boolean allPast() {
        for (int count : calls) {
            if (count < BRIDGE_CALLS) {
                return false;
            }
        }
        return forcedCold == null;
    }

    /** For tests: {@code true} runs every call on the scalar path, {@code false} on the vector path, null counts. */
    static void force(Boolean cold) {
        forcedCold = cold;
        settled = false;
    }
}
