package dev.backprop.bench.tools;

import dev.backprop.Backpropagation;
import dev.backprop.Engines;
import dev.backprop.Init;
import dev.backprop.Network;
import dev.backprop.Parameters;
import dev.backprop.spi.Engine;
import dev.backprop.spi.EngineProvider;

import java.util.Locale;
import java.util.Random;

/**
 * A throwaway measurement, not the project's benchmark (that is JMH, package {@code jmh} beside
 * this one): gradient throughput, the examples per second of feedforward + BP1–BP4 (no update),
 * as a training step costs it: each mini-batch writes x and y, then computes. The clock stops
 * after a read of the last gradient, so a device engine's queued work is inside the time. It
 * needs no JMH, so it runs where only a Java runtime and the jars are (the GPU check).
 *
 * <pre>
 * java --add-modules=jdk.incubator.vector --enable-native-access=ALL-UNNAMED -cp bench/target/benchmarks.jar \
 *      dev.backprop.bench.tools.GradientThroughput [seconds] [engines]
 * </pre>
 * engines: a comma-separated list of engine names (default opencl,ref), chosen through {@link Engines}.
 */
public final class GradientThroughput {
    private GradientThroughput() {
    }

    /** Examples per second for {@code sizes} with mini-batches of {@code m}, run for about {@code seconds}. */
    static Result measure(EngineProvider provider, int[] sizes, int m, double seconds) {
        Network network = Network.of(sizes);
        Parameters parameters = Parameters.initialize(network, Init.SCALED_NORMAL, 1);
        Random random = new Random(2);
        float[] x = new float[m * network.inputWidth()];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextFloat();
        }
        float[] y = new float[m * network.outputWidth()];
        for (int i = 0; i < m; i++) {
            y[i * network.outputWidth() + random.nextInt(network.outputWidth())] = 1f;
        }
        Parameters gradient = Parameters.zeros(network);
        try (Engine engine = provider.open(); Backpropagation bp = Backpropagation.open(engine, network)) {
            bp.setParameters(parameters);
            // Warm-up: kernels compiled lazily by the driver, the JIT, first-touch of buffers.
            long warmEnd = System.nanoTime() + (long) (Math.min(seconds, 2.0) * 0.3e9);
            int warm = 0;
            do {
                step(bp, x, y, m);
                warm++;
            } while (System.nanoTime() < warmEnd || warm < 2);
            bp.getGradient(gradient);
            long start = System.nanoTime();
            long end = start + (long) (seconds * 1e9);
            int steps = 0;
            do {
                step(bp, x, y, m);
                steps++;
            } while (System.nanoTime() < end);
            bp.getGradient(gradient); // waits for the device
            double elapsed = (System.nanoTime() - start) / 1e9;
            return new Result(provider.name(), sizes, m, steps, elapsed);
        }
    }

    private static void step(Backpropagation bp, float[] x, float[] y, int m) {
        bp.feedforward(x, 0, m);
        bp.setTargets(y, 0);
        bp.backpropagate();
    }

    record Result(String engine, int[] sizes, int batch, int steps, double seconds) {
        double examplesPerSecond() {
            return steps * (double) batch / seconds;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%-7s %-18s batch %5d: %12.0f examples/s  (%d mini-batches in %.2f s, %.3f ms each)",
                    engine, java.util.Arrays.toString(sizes).replace(" ", ""), batch, examplesPerSecond(), steps, seconds,
                    seconds * 1e3 / steps);
        }
    }

    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 5;
        String engines = args.length > 1 ? args[1] : "opencl,ref";
        int[][] sizes = {{784, 1024, 1024, 10}, {784, 30, 10}};
        int[] batches = {1000, 10};
        for (int c = 0; c < sizes.length; c++) {
            for (String name : engines.split(",")) {
                EngineProvider provider = Engines.load().choose(name);
                System.out.println(name + ": " + provider.availability().detail());
                System.out.println(measure(provider, sizes[c], batches[c], seconds));
            }
        }
    }
}
