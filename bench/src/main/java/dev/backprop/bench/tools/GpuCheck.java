package dev.backprop.bench.tools;

import dev.backprop.bench.EngineNames;

import dev.backprop.Activation;
import dev.backprop.Activations;
import dev.backprop.Cost;
import dev.backprop.Costs;
import dev.backprop.Engines;
import dev.backprop.spi.Availability;
import dev.backprop.spi.Engine;
import dev.backprop.spi.EngineProvider;
import dev.backprop.tck.EngineChecks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleSupplier;

/**
 * The OpenCL engine's checks as a plain main, for a machine with a GPU but without Maven or JUnit
 * (run by {@code engine-gpu-opencl/gpu-check.sh} from {@code benchmarks.jar}): what discovery
 * finds, every operation against the kit's double-precision oracle ({@link EngineChecks}) on
 * the odd sizes of the engine's tests and the book's large layers, every matrix-product block
 * forced in turn, bad and foreign arguments, then {@link GradientThroughput} of the OpenCL engine
 * and, for scale, of the other engines here. The engine is found by name through {@link Engines},
 * as any program finds it; nothing here sees its classes.
 *
 * <pre>
 * java --add-modules=jdk.incubator.vector --enable-native-access=ALL-UNNAMED -Dbackprop.opencl.device=gpu \
 *      -cp benchmarks.jar dev.backprop.bench.tools.GpuCheck [seconds per throughput run] [platforms]
 * </pre>
 * Exit status: 0 all passed, 1 a check failed, 2 OpenCL unavailable.
 */
public final class GpuCheck {
    /** The engine's property that forces one matrix-product block (its Tile.PROPERTY). */
    private static final String TILE = "backprop.opencl.tile";

    private static int failures;
    private static int passed;

    private GpuCheck() {
    }

    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 5;
        boolean platformsOnly = args.length > 1 && args[1].equals("platforms");
        System.out.println("java " + System.getProperty("java.version") + " on " + System.getProperty("os.arch") + ", "
                + Runtime.getRuntime().availableProcessors() + " CPUs");
        Engines engines = Engines.load();
        System.out.println(engines.describe());
        EngineProvider provider = engines.providers().stream().filter(p -> p.name().equals(EngineNames.OPENCL)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no opencl engine in the jars on the class path"));
        Availability availability = engines.availability(provider);
        System.out.println("OpenCL library mapped from " + mappedLibraries());
        System.out.println("opencl: available " + availability.available() + ", priority " + provider.priority());
        if (!availability.available() || platformsOnly) {
            System.exit(availability.available() ? 0 : 2);
        }
        long start = System.nanoTime();
        try (Engine engine = provider.open()) {
            System.out.printf(Locale.ROOT, "opened in %.0f ms: %s%n", (System.nanoTime() - start) / 1e6, engine);
            EngineChecks checks = new EngineChecks(engine);
            correctness(checks);
            check("bad arguments refused with the words of Checks", () -> checks.refusals() > 0 ? 0 : 2);
            try (Engine other = provider.open()) {
                check("matrices of another engine refused", () -> checks.foreignMatrices(other) > 0 ? 0 : 2);
            }
        }
        blocks(provider);
        check("50 open/close cycles", () -> {
            for (int i = 0; i < 50; i++) {
                try (Engine e = provider.open()) {
                    e.write(e.allocate(100, 100), new float[10_000]);
                }
            }
            return 0;
        });
        check("use after close refused", () -> new EngineChecks(provider.open()).afterClose() > 0 ? 0 : 2);
        System.out.printf(Locale.ROOT, "correctness: %d passed, %d failed (%.1f s)%n", passed, failures,
                (System.nanoTime() - start) / 1e9);
        System.out.println("throughput (feedforward + BP1-BP4, no update; x and y written per mini-batch):");
        int[][] sizes = {{784, 1024, 1024, 10}, {784, 30, 10}};
        int[] batches = {1000, 10};
        for (int c = 0; c < sizes.length; c++) {
            for (EngineProvider p : engines.providers()) {
                if (engines.availability(p).available()) {
                    // The reference engine needs seconds per [784,1024,1024,10] mini-batch: one or two are enough.
                    double time = p.name().equals(EngineNames.REF) && c == 0 ? Math.min(seconds, 2) : seconds;
                    System.out.println("  " + GradientThroughput.measure(p, sizes[c], batches[c], time));
                }
            }
        }
        System.exit(failures == 0 ? 0 : 1);
    }

    private static void correctness(EngineChecks checks) {
        int[] sizes = {1, 2, 3, 7, 16, 17, 31, 33, 64, 127, 257};
        Activation[] elementwise = {Activations.SIGMOID, Activations.TANH, Activations.RELU, Activations.IDENTITY};
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
            long seed = s[0] * 1_000_003L + s[1] * 1009L + s[2];
            String shape = "m=" + s[0] + " in=" + s[1] + " out=" + s[2];
            check("feedforward " + f + " " + shape, () -> checks.feedforward(f, s[0], s[1], s[2], seed));
            check("backpropagate " + f + " " + shape, () -> checks.backpropagate(f, s[0], s[2], s[1], seed));
            check("weightGradient " + shape, () -> checks.weightGradient(s[0], s[2], s[1], seed));
            check("biasGradient " + shape, () -> checks.biasGradient(s[0], s[2], seed));
            check("update " + shape, () -> checks.update(s[0], s[1], 0.5f, 0.001f, seed));
            check("update as Java rounds it " + shape, () -> checks.updateRoundsAsJava(s[0], s[1], 0.5f, 0.001f, seed) > 0 ? 0 : 2);
        }
        for (Activations f : Activations.values()) {
            check("feedforward " + f + " m=33 in=257 out=10", () -> checks.feedforward(f, 33, 257, 10, 5));
        }
        Object[][] legal = {{Costs.QUADRATIC, Activations.SIGMOID}, {Costs.QUADRATIC, Activations.TANH},
            {Costs.QUADRATIC, Activations.RELU}, {Costs.QUADRATIC, Activations.IDENTITY},
            {Costs.CROSS_ENTROPY, Activations.SIGMOID}, {Costs.LOG_LIKELIHOOD, Activations.SOFTMAX}};
        for (Object[] pair : legal) {
            Cost c = (Cost) pair[0];
            Activation f = (Activation) pair[1];
            for (int[] s : new int[][] {{1, 1}, {3, 10}, {100, 10}, {31, 257}, {1000, 10}}) {
                check("outputError " + c + "+" + f + " m=" + s[0] + " out=" + s[1],
                        () -> checks.outputError(c, f, s[0], s[1], s[0] + s[1]));
                check("cost " + c + "+" + f + " m=" + s[0] + " out=" + s[1], () -> checks.cost(c, f, s[0], s[1], s[1]));
            }
        }
    }

    /** The fallback blocks for smaller devices, each forced once. */
    private static void blocks(EngineProvider provider) {
        for (String tile : new String[] {"32x16x2", "32x8x4", "16x8x2", "8x8x1", "4x4x1"}) {
            System.setProperty(TILE, tile);
            try (Engine engine = provider.open()) {
                EngineChecks checks = new EngineChecks(engine);
                check("block " + tile + " products (" + engine + ")", () -> Math.max(
                        checks.feedforward(Activations.SIGMOID, 70, 33, 129, 1),
                        Math.max(checks.backpropagate(Activations.TANH, 70, 129, 33, 2), checks.weightGradient(70, 33, 129, 3))));
            } catch (RuntimeException e) {
                fail("block " + tile, e);
            } finally {
                System.clearProperty(TILE);
            }
        }
    }

    private static void check(String name, DoubleSupplier worstRatio) {
        try {
            double ratio = worstRatio.getAsDouble();
            if (ratio <= 1) {
                passed++;
                System.out.printf(Locale.ROOT, "  ok   %-60s worst |error|/tolerance %.3f%n", name, ratio);
            } else {
                fail(name, new AssertionError("worst |error|/tolerance " + ratio));
            }
        } catch (AssertionError | RuntimeException e) {
            fail(name, e);
        }
    }

    private static void fail(String name, Throwable e) {
        failures++;
        System.out.println("  FAIL " + name + ": " + e);
    }

    /** Which files the dynamic linker used for libOpenCL (the system's or the carried one). */
    private static String mappedLibraries() {
        try {
            return Files.readAllLines(Path.of("/proc/self/maps")).stream().filter(line -> line.contains("libOpenCL"))
                    .map(line -> line.substring(line.indexOf('/'))).distinct().toList().toString();
        } catch (IOException | RuntimeException e) {
            return "(unknown: " + e + ")";
        }
    }
}
