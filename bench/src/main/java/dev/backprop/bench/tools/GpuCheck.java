package dev.backprop.engine.opencl;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.backprop.Activation;
import dev.backprop.Activations;
import dev.backprop.Costs;
import dev.backprop.Cost;
import dev.backprop.engine.ref.RefEngineProvider;
import dev.backprop.spi.Availability;
import dev.backprop.spi.Engine;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleSupplier;

/**
 * The OpenCL engine's checks as a plain main, for a machine with a GPU but without Maven or JUnit
 * (run by {@code engine-gpu-opencl/gpu-check.sh}): the platforms and devices found, the same
 * comparisons with the reference engine as {@code OpenClEngineTest} (via {@link EngineComparison}),
 * every matrix-product block, a leak check, then {@link GradientThroughput}.
 *
 * <pre>
 * java --enable-native-access=ALL-UNNAMED -Dbackprop.opencl.device=gpu -cp 'lib/*' \
 *      dev.backprop.engine.opencl.GpuCheck [seconds per throughput run] [platforms]
 * </pre>
 * Exit status: 0 all passed, 1 a check failed, 2 OpenCL unavailable.
 */
public final class GpuCheck {
    private static int failures;
    private static int passed;

    private GpuCheck() {
    }

    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 5;
        boolean platformsOnly = args.length > 1 && args[1].equals("platforms");
        System.out.println("java " + System.getProperty("java.version") + " on " + System.getProperty("os.arch") + ", "
                + Runtime.getRuntime().availableProcessors() + " CPUs");
        printPlatforms();
        OpenClEngineProvider provider = new OpenClEngineProvider();
        Availability availability = provider.availability();
        System.out.println("availability: " + availability.available() + ", priority " + provider.priority());
        System.out.println("detail: " + availability.detail());
        if (!availability.available() || platformsOnly) {
            System.exit(availability.available() ? 0 : 2);
        }
        long start = System.nanoTime();
        try (OpenClEngine engine = (OpenClEngine) provider.open(); Engine ref = new RefEngineProvider().open()) {
            System.out.printf(Locale.ROOT, "opened in %.0f ms: %s%n", (System.nanoTime() - start) / 1e6, engine.describe());
            correctness(new EngineComparison(engine, ref));
        }
        blocks();
        leaks(provider);
        System.out.printf(Locale.ROOT, "correctness: %d passed, %d failed (%.1f s)%n", passed, failures,
                (System.nanoTime() - start) / 1e9);
        System.out.println("throughput (feedforward + BP1-BP4, no update; x and y written per mini-batch):");
        int[][] sizes = {{784, 1024, 1024, 10}, {784, 30, 10}};
        int[] batches = {1000, 10};
        for (int c = 0; c < sizes.length; c++) {
            System.out.println("  " + GradientThroughput.measure(provider, sizes[c], batches[c], seconds));
            // The reference engine needs seconds per [784,1024,1024,10] mini-batch: one or two are enough.
            System.out.println("  " + GradientThroughput.measure(new RefEngineProvider(), sizes[c], batches[c],
                    c == 0 ? Math.min(seconds, 2) : seconds));
        }
        System.exit(failures == 0 ? 0 : 1);
    }

    private static void correctness(EngineComparison compare) {
        int[] sizes = {1, 2, 3, 7, 16, 17, 31, 33, 64, 127, 257};
        Activation[] elementwise = {Activations.SIGMOID, Activations.TANH, Activations.RELU,
            Activations.IDENTITY};
        List<int[]> shapes = new ArrayList<>();
        for (int s : sizes) {
            shapes.add(new int[] {s, s, s});
            shapes.add(new int[] {s, 17, 3});
            shapes.add(new int[] {7, s, 5});
            shapes.add(new int[] {3, 2, s});
        }
        shapes.add(new int[] {100, 784, 300});
        shapes.add(new int[] {1000, 784, 1024});
        shapes.add(new int[] {1000, 1024, 10});
        int index = 0;
        for (int[] s : shapes) {
            Activation f = elementwise[index++ % elementwise.length];
            String shape = "m=" + s[0] + " in=" + s[1] + " out=" + s[2];
            boolean large = (long) s[0] * s[1] * s[2] > 50_000_000L; // the reference needs seconds there
            check("feedforward " + f + " " + shape, () -> compare.feedforward(s[0], s[1], s[2], f, index(s)));
            check("backpropagate " + f + " " + shape, () -> compare.backpropagate(s[0], s[1], s[2], f, index(s)));
            check("weightGradient " + shape, () -> compare.weightGradient(s[0], s[2], s[1], index(s)));
            if (!large) {
                check("biasGradient " + shape, () -> compare.biasGradient(s[0], s[2], index(s)));
                check("update " + shape, () -> compare.update(s[0], s[1], 0.5f, 0.001f, index(s)));
            }
        }
        for (Activations f : Activations.values()) {
            check("feedforward " + f + " m=33 in=257 out=10", () -> compare.feedforward(33, 257, 10, f, 5));
        }
        Object[][] legal = {{Costs.QUADRATIC, Activations.SIGMOID}, {Costs.QUADRATIC, Activations.TANH},
            {Costs.QUADRATIC, Activations.RELU}, {Costs.QUADRATIC, Activations.IDENTITY},
            {Costs.CROSS_ENTROPY, Activations.SIGMOID}, {Costs.LOG_LIKELIHOOD, Activations.SOFTMAX}};
        for (Object[] pair : legal) {
            Cost c = (Cost) pair[0];
            Activation f = (Activation) pair[1];
            for (int[] s : new int[][] {{1, 1}, {3, 10}, {100, 10}, {31, 257}, {1000, 10}}) {
                check("outputError " + c + "+" + f + " m=" + s[0] + " out=" + s[1],
                        () -> compare.outputError(c, f, s[0], s[1], s[0] + s[1]));
                check("cost " + c + "+" + f + " m=" + s[0] + " out=" + s[1], () -> compare.cost(c, f, s[0], s[1], s[1]));
            }
        }
    }

    /** The fallback blocks for smaller devices, each forced once. */
    private static void blocks() {
        try (Engine ref = new RefEngineProvider().open()) {
            for (String tile : new String[] {"32x16x2", "32x8x4", "16x8x2", "8x8x1", "4x4x1"}) {
                System.setProperty(Tile.PROPERTY, tile);
                try (OpenClEngine engine = (OpenClEngine) new OpenClEngineProvider().open()) {
                    EngineComparison compare = new EngineComparison(engine, ref);
                    check("block " + tile + " products", () -> Math.max(compare.feedforward(70, 33, 129,
                            Activations.SIGMOID, 1), Math.max(compare.backpropagate(70, 33, 129,
                            Activations.TANH, 2), compare.weightGradient(70, 33, 129, 3))));
                } catch (RuntimeException e) {
                    fail("block " + tile, e);
                } finally {
                    System.clearProperty(Tile.PROPERTY);
                }
            }
        }
    }

    private static void leaks(OpenClEngineProvider provider) {
        Cl cl = Probe.get().cl;
        int before = cl.liveObjects();
        for (int i = 0; i < 50; i++) {
            try (Engine e = provider.open()) {
                e.write(e.allocate(100, 100), new float[10_000]);
            }
        }
        check("50 open/close cycles release every OpenCL object", () -> cl.liveObjects() == before ? 0 : 2);
    }

    private static void check(String name, DoubleSupplier worstRatio) {
        try {
            double ratio = worstRatio.getAsDouble();
            if (ratio <= 1) {
                passed++;
                System.out.printf(Locale.ROOT, "  ok   %-60s worst |diff|/tolerance %.3f%n", name, ratio);
            } else {
                fail(name, new AssertionError("worst |diff|/tolerance " + ratio));
            }
        } catch (AssertionError | RuntimeException e) {
            fail(name, e);
        }
    }

    private static void fail(String name, Throwable e) {
        failures++;
        System.out.println("  FAIL " + name + ": " + e);
    }

    private static long index(int[] s) {
        return s[0] * 1_000_003L + s[1] * 1009L + s[2];
    }

    /** Every platform, devices or not, straight from clGetPlatformIDs / clGetPlatformInfo. */
    private static void printPlatforms() {
        try {
            Cl cl = Cl.load();
            System.out.println("OpenCL library: " + cl.library + ", mapped from " + mappedLibraries());
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment count = arena.allocate(JAVA_INT);
                int code = cl.getPlatformIDs(0, MemorySegment.NULL, count);
                if (code != ClConstants.CL_SUCCESS) {
                    System.out.println("clGetPlatformIDs: " + code + " " + ClException.name(code));
                    return;
                }
                int n = count.get(JAVA_INT, 0);
                MemorySegment ids = arena.allocate(ADDRESS, Math.max(1, n));
                Cl.check(cl.getPlatformIDs(n, ids, count), "clGetPlatformIDs");
                System.out.println(n + " platform(s):");
                for (int p = 0; p < n; p++) {
                    MemorySegment platform = ids.getAtIndex(ADDRESS, p);
                    System.out.println("  platform " + p + ": " + info(cl, platform, ClConstants.CL_PLATFORM_NAME) + " | "
                            + info(cl, platform, ClConstants.CL_PLATFORM_VENDOR) + " | " + info(cl, platform, ClConstants.CL_PLATFORM_VERSION));
                }
            }
        } catch (RuntimeException | LinkageError e) {
            System.out.println("no OpenCL library: " + e);
        }
    }

    /** Which files the dynamic linker used for libOpenCL (the system's or the carried one). */
    private static String mappedLibraries() {
        try {
            return java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/maps")).stream()
                    .filter(line -> line.contains("libOpenCL")).map(line -> line.substring(line.indexOf('/')))
                    .distinct().toList().toString();
        } catch (java.io.IOException | RuntimeException e) {
            return "(unknown: " + e + ")";
        }
    }

    private static String info(Cl cl, MemorySegment platform, int param) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment size = arena.allocate(JAVA_LONG);
            Cl.check(cl.getPlatformInfo(platform, param, 0, MemorySegment.NULL, size), "clGetPlatformInfo");
            MemorySegment value = arena.allocate(Math.max(1, size.get(JAVA_LONG, 0)));
            Cl.check(cl.getPlatformInfo(platform, param, value.byteSize(), value, MemorySegment.NULL), "clGetPlatformInfo");
            return value.getString(0).strip();
        }
    }
}
