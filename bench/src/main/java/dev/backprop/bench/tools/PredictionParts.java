package dev.backprop.bench.tools;

import dev.backprop.Backpropagation;
import dev.backprop.Engines;
import dev.backprop.Init;
import dev.backprop.Network;
import dev.backprop.Parameters;
import dev.backprop.Predictor;
import dev.backprop.bench.EngineNames;
import dev.backprop.spi.Engine;
import dev.backprop.spi.EngineProvider;

import java.util.Locale;
import java.util.Random;

/**
 * A throwaway measurement, not the project's benchmark (that is {@code InferenceBenchmark}):
 * where a {@link Predictor} call for many rows of the book's network spends its time. It times,
 * alternating in one JVM, the whole call, a pass that checks every input is finite (what the
 * predictor does before it computes), and the engine's part alone (Eq. 25 through
 * {@link Backpropagation#feedforward}, copying the rows in, and reading a^L back) in blocks.
 *
 * <pre>
 * java --add-modules=jdk.incubator.vector --enable-native-access=ALL-UNNAMED -cp bench/target/benchmarks.jar \
 *      dev.backprop.bench.tools.PredictionParts [engine] [rows] [block] [sizes]
 * </pre>
 * Defaults: simd, 1000 rows, blocks of 256 (the predictor's), the book's network 784,30,10.
 */
public final class PredictionParts {
    private PredictionParts() {
    }

    public static void main(String[] args) {
        String name = args.length > 0 ? args[0] : EngineNames.SIMD;
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int block = Math.min(rows, args.length > 2 ? Integer.parseInt(args[2]) : 256);
        Network network = Network.of(args.length > 3
                ? java.util.Arrays.stream(args[3].split(",")).mapToInt(Integer::parseInt).toArray() : new int[] {784, 30, 10});
        Parameters parameters = Parameters.initialize(network, Init.STANDARD_NORMAL, 1);
        EngineProvider provider = Engines.load().choose(name);
        float[] inputs = new float[rows * network.inputWidth()];
        Random random = new Random(1);
        for (int i = 0; i < inputs.length; i++) {
            inputs[i] = random.nextFloat();
        }
        float[] outputs = new float[rows * network.outputWidth()];
        try (Predictor predictor = Predictor.open(parameters, provider, 1); Engine engine = provider.open();
                Backpropagation bp = Backpropagation.open(engine, network)) {
            bp.setParameters(parameters);
            for (int round = 1; round <= 5; round++) {
                double whole = microseconds(() -> predictor.predict(inputs, rows, outputs));
                double check = microseconds(() -> {
                    for (float v : inputs) {
                        if (!Float.isFinite(v)) {
                            throw new IllegalStateException("the inputs are finite");
                        }
                    }
                });
                double compute = microseconds(() -> {
                    for (int done = 0; done < rows; done += block) {
                        int n = Math.min(block, rows - done);
                        bp.feedforward(inputs, done * network.inputWidth(), n);
                        bp.readOutput(outputs, done * network.outputWidth());
                    }
                });
                System.out.printf(Locale.ROOT, "round %d, %s, %s, %d rows: predict %.1f µs; finite check %.1f µs; "
                        + "engine in blocks of %d %.1f µs%n", round, name, network, rows, whole, check, block, compute);
            }
        }
    }

    /** Mean time of one run of {@code work}, over as many runs as fit in half a second. */
    private static double microseconds(Runnable work) {
        long start = System.nanoTime();
        int runs = 0;
        while (System.nanoTime() - start < 500_000_000L) {
            work.run();
            runs++;
        }
        return (System.nanoTime() - start) / 1e3 / runs;
    }
}
