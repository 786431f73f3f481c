package dev.backprop.engine.simd;

import dev.backprop.spi.Availability;
import dev.backprop.spi.Engine;
import dev.backprop.spi.EngineProvider;

/**
 * The SIMD engine: {@code jdk.incubator.vector} kernels, several cores for large products.
 *
 * <p>This class never mentions a vector type (docs/toolchain.md, "A provider class names no
 * vector type"): the incubator module is not resolved unless the JVM was started with
 * {@code --add-modules=jdk.incubator.vector}, and a provider that linked against it would fail
 * to load instead of saying what to add. The module is looked up in the boot layer first; only
 * then is {@link VectorProbe}, the first class that touches {@code FloatVector}, loaded.
 *
 * <p>Threads: at most {@value #THREADS_PROPERTY} (a system property, default: the available
 * processors), never more than the processors there are.
 *
 * <p>Native access ({@code --enable-native-access=ALL-UNNAMED}) is optional: with it, matrices
 * start on cache lines ({@link Alignment}); without it the engine is as correct, a little slower
 * on small batches, and prints no warning. The description says which.
 */
public final class SimdEngineProvider implements EngineProvider {
    /** Above the reference engine (0), so this engine wins wherever the Vector API is usable. */
    public static final int PRIORITY = 100;
    /** System property capping the threads an engine uses, e.g. {@code -Dbackprop.simd.threads=1}. */
    public static final String THREADS_PROPERTY = "backprop.simd.threads";

    private static final String MODULE = "jdk.incubator.vector";
    private static final String FLAG = "start the JVM with --add-modules=jdk.incubator.vector";
    /** How the matrices lie, for the description (see {@link Alignment}). */
    static final String ALIGNED = "rows aligned to cache lines";
    static final String UNALIGNED = "rows not aligned (--enable-native-access=ALL-UNNAMED aligns them: "
            + "small batches run up to a third faster)";

    /**
     * For {@link java.util.ServiceLoader}; does nothing: the module, the threads and the vectors
     * are looked at only when {@link #availability()} is asked.
     */
    public SimdEngineProvider() {
    }

    @Override
    public String name() {
        return "simd";
    }

    @Override
    public int priority() {
        return PRIORITY;
    }

    @Override
    public Availability availability() {
        if (ModuleLayer.boot().findModule(MODULE).isEmpty()) {
            return Availability.unavailable("module " + MODULE + " is not resolved", FLAG);
        }
        String threadProblem = threadProblem();
        if (threadProblem != null) {
            return Availability.unavailable(threadProblem, "set -D" + THREADS_PROPERTY
                    + " to a whole number from 1 up, or leave it unset to use every processor");
        }
        String vectors;
        try {
            vectors = VectorProbe.problem();
            if (vectors == null) {
                return Availability.available(VectorProbe.describe() + ", " + plural(threads(), "thread") + ", "
                        + (Alignment.possible() ? ALIGNED : UNALIGNED));
            }
        } catch (LinkageError | RuntimeException e) {
            vectors = "the Vector API is unusable on this JVM (" + e + ")";
        }
        return Availability.unavailable(vectors, "use another engine, e.g. -Dbackprop.engine=ref");
    }

    @Override
    public Engine open() {
        Availability availability = availability();
        if (!availability.available()) {
            throw new IllegalStateException("engine 'simd' is unavailable: " + availability.detail());
        }
        return new SimdEngine(threads());
    }

    /** The thread cap from {@value #THREADS_PROPERTY}, at most the available processors. */
    static int threads() {
        int processors = Runtime.getRuntime().availableProcessors();
        String value = System.getProperty(THREADS_PROPERTY);
        if (value == null || value.isBlank()) {
            return processors;
        }
        return Math.min(processors, Integer.parseInt(value.trim()));
    }

    /** Why {@value #THREADS_PROPERTY} cannot be used, or null when it is absent or fine. */
    private static String threadProblem() {
        String value = System.getProperty(THREADS_PROPERTY);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            if (Integer.parseInt(value.trim()) >= 1) {
                return null;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        return "system property " + THREADS_PROPERTY + " is '" + value + "', not a thread count";
    }

    private static String plural(int n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}
