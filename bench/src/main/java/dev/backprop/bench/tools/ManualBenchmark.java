package dev.backprop.bench.tools;

import dev.backprop.Backpropagation;
import dev.backprop.EpochReport;
import dev.backprop.Trainer;
import dev.backprop.TrainingListener;
import dev.backprop.data.Dataset;
import dev.backprop.Init;
import dev.backprop.Network;
import dev.backprop.Parameters;
import dev.backprop.Activation;
import dev.backprop.Activations;
import dev.backprop.Costs;
import dev.backprop.Engines;
import dev.backprop.spi.Engine;
import dev.backprop.spi.Matrix;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * MANUAL TOOL, not a test and not run by the build: a throwaway harness used while tuning the
 * kernels. The project's benchmarks are the JMH suite beside it (package {@code jmh}); use those
 * for published numbers. This one prints, for each engine given:
 * <ul>
 *   <li>"products": GFLOP/s of the three products (Eq. 25 A·Wᵀ with bias and σ, BP2 Δ·W with ⊙σ′,
 *       BP4 Δᵀ·A with /m) summed over the layers of [784, 1024, 1024, 10] at batch 1000, and a
 *       whole training step;</li>
 *   <li>"gemm": GFLOP/s of single large products, with σ the identity so that only the product
 *       (and the bias, ⊙1, ·1/m) is timed: 1000 × 1024 × 1024 in each shape, and the 784-wide
 *       first layer's Eq. 25 and BP4; best of 15 after 4 s of warm-up;</li>
 *   <li>"book": µs per example of one epoch of 60,000 random examples through
 *       {@link Backpropagation} for the book's [784, 30, 10], batch 10, η = 3 (in order, no
 *       shuffle, no gathering: the engine's part of an epoch);</li>
 *   <li>"breakdown": µs per mini-batch of each engine call of that step;</li>
 *   <li>"trainer": seconds per epoch of {@link Trainer} on the same data (shuffled and
 *       gathered), with the gathering thread on and off, alternating;</li>
 *   <li>"slices": ms per 1000 mini-batches through each of the two epochs of a Trainer call, for
 *       calls that start from fresh N(0,1) parameters and calls that go on from the previous
 *       call's: where the first epoch from a fresh start loses its time.</li>
 * </ul>
 * Each figure is the best and the median of several repetitions (wall-clock time) after a
 * warm-up: 5 s of products, two epochs of the book's network.
 *
 * <p>Engines are chosen by name through {@link Engines}, as any program would: {@code ref},
 * {@code opencl}, {@code simd}, or {@code simdN} for the SIMD engine capped at N threads (the
 * {@code backprop.simd.threads} property while it opens).
 *
 * <pre>
 * ./mvnw -q -B -pl bench -am package -DskipTests
 * java --add-modules=jdk.incubator.vector --enable-native-access=ALL-UNNAMED -cp bench/target/benchmarks.jar \
 *   dev.backprop.bench.tools.ManualBenchmark products,book simd1,simd2,ref
 * </pre>
 */
public final class ManualBenchmark {
    /** The SIMD engine's thread cap (its provider's THREADS_PROPERTY, named here because bench sees no engine class). */
    private static final String THREADS = "backprop.simd.threads";

    private ManualBenchmark() {
    }

    public static void main(String[] args) {
        String what = args.length > 0 ? args[0] : "products,book";
        String[] engines = (args.length > 1 ? args[1] : "simd1,simd2,ref").split(",");
        int batch = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
        for (String name : engines) {
            if (what.contains("products")) {
                try (Engine e = open(name)) {
                    products(name, e, new int[] {784, 1024, 1024, 10}, batch, name.equals("ref") ? 3 : 10);
                }
            }
            if (what.contains("gemm")) {
                try (Engine e = open(name)) {
                    gemm(name, e, batch, name.equals("ref") ? 2 : 15);
                }
            }
            if (what.contains("book")) {
                try (Engine e = open(name)) {
                    book(name, e, name.equals("ref") ? 3 : 7);
                }
            }
            if (what.contains("breakdown")) {
                try (Engine e = open(name)) {
                    breakdown(name, e, 8);
                }
            }
            if (what.contains("slices")) {
                try (Engine e = open(name)) {
                    slices(name, e, false);
                    slices(name, e, true);
                }
            }
            if (what.contains("trainer")) {
                try (Engine e = open(name)) {
                    trainer(name, e, name.equals("ref") ? 4 : 24);
                }
            }
        }
    }

    /** The engine called {@code name}; {@code simdN} is the SIMD engine with at most N threads. */
    private static Engine open(String name) {
        if (!name.matches("simd\\d+")) {
            return Engines.load().choose(name).open();
        }
        System.setProperty(THREADS, name.substring("simd".length()));
        try {
            return Engines.load().choose("simd").open();
        } finally {
            System.clearProperty(THREADS);
        }
    }

    private static void products(String name, Engine e, int[] sizes, int m, int reps) {
        int depth = sizes.length - 1;
        Matrix[] w = new Matrix[depth];
        Matrix[] b = new Matrix[depth];
        Matrix[] gw = new Matrix[depth];
        Matrix[] a = new Matrix[depth + 1];
        Matrix[] z = new Matrix[depth];
        Matrix[] d = new Matrix[depth];
        Random random = new Random(1);
        a[0] = filled(e, m, sizes[0], random, 1);
        for (int l = 0; l < depth; l++) {
            w[l] = filled(e, sizes[l + 1], sizes[l], random, (float) (1 / Math.sqrt(sizes[l])));
            b[l] = filled(e, 1, sizes[l + 1], random, 1);
            gw[l] = e.allocate(sizes[l + 1], sizes[l]);
            a[l + 1] = e.allocate(m, sizes[l + 1]);
            z[l] = e.allocate(m, sizes[l + 1]);
            d[l] = filled(e, m, sizes[l + 1], random, 1);
        }
        double flopsPerLayerSum = 0;
        double bp2Flops = 0;
        for (int l = 0; l < depth; l++) {
            flopsPerLayerSum += 2.0 * m * sizes[l] * sizes[l + 1];
            if (l > 0) {
                bp2Flops += 2.0 * m * sizes[l] * sizes[l + 1];
            }
        }
        double[] ff = new double[reps];
        double[] bp2 = new double[reps];
        double[] bp4 = new double[reps];
        // Warm-up by time, not count: the Vector API is only fast once C2 has compiled the kernels.
        long warm = System.nanoTime() + (name.equals("ref") ? 0 : 5_000_000_000L);
        for (int rep = -1; rep < reps; rep++) {
            if (rep == 0 && System.nanoTime() < warm) {
                rep = -1;
            }
            long t0 = System.nanoTime();
            for (int l = 0; l < depth; l++) {
                e.feedforward(w[l], b[l], a[l], z[l], a[l + 1], Activations.SIGMOID);
            }
            long t1 = System.nanoTime();
            for (int l = depth - 2; l >= 0; l--) {
                e.backpropagate(w[l + 1], d[l + 1], z[l], Activations.SIGMOID, d[l]);
            }
            long t2 = System.nanoTime();
            for (int l = 0; l < depth; l++) {
                e.weightGradient(d[l], a[l], gw[l]);
            }
            long t3 = System.nanoTime();
            if (rep >= 0) {
                ff[rep] = flopsPerLayerSum / (t1 - t0);
                bp2[rep] = bp2Flops / (t2 - t1);
                bp4[rep] = flopsPerLayerSum / (t3 - t2);
            }
        }
        System.out.printf("%-6s %s batch %d  GFLOP/s best/median: A·Wᵀ (Eq. 25) %s   Δ·W (BP2) %s   Δᵀ·A (BP4) %s%n", name,
                Arrays.toString(sizes), m, stats(ff, true), stats(bp2, true), stats(bp4, true));
    }

    private static void gemm(String name, Engine e, int m, int reps) {
        Random random = new Random(3);
        Matrix w = filled(e, 1024, 1024, random, 1);
        Matrix b = filled(e, 1, 1024, random, 1);
        Matrix a = filled(e, m, 1024, random, 1);
        Matrix d = filled(e, m, 1024, random, 1);
        Matrix z = e.allocate(m, 1024);
        Matrix out = e.allocate(m, 1024);
        Matrix g = e.allocate(1024, 1024);
        Matrix w1 = filled(e, 1024, 784, random, 1);
        Matrix a0 = filled(e, m, 784, random, 1);
        Matrix g1 = e.allocate(1024, 784);
        Activation f = Activations.IDENTITY;
        long warm = System.nanoTime() + (name.equals("ref") ? 0 : 4_000_000_000L);
        do {
            e.feedforward(w, b, a, z, out, f);
            e.backpropagate(w, d, z, f, out);
            e.weightGradient(d, a, g);
        } while (System.nanoTime() < warm);
        double[] best = new double[5];
        Arrays.fill(best, Double.MAX_VALUE);
        for (int rep = 0; rep < reps; rep++) {
            long t0 = System.nanoTime();
            e.feedforward(w, b, a, z, out, f);
            long t1 = System.nanoTime();
            e.backpropagate(w, d, z, f, out);
            long t2 = System.nanoTime();
            e.weightGradient(d, a, g);
            long t3 = System.nanoTime();
            e.feedforward(w1, b, a0, z, out, f);
            long t4 = System.nanoTime();
            e.weightGradient(d, a0, g1);
            long t5 = System.nanoTime();
            long[] t = {t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4};
            for (int i = 0; i < 5; i++) {
                best[i] = Math.min(best[i], t[i]);
            }
        }
        double f2 = 2.0 * m * 1024 * 1024;
        double f1 = 2.0 * m * 1024 * 784;
        System.out.printf("%-6s single products, batch %d, best GFLOP/s: A·Wᵀ %d×1024×1024 %.1f, Δ·W %.1f, Δᵀ·A %.1f; "
                + "A·Wᵀ %d×784→1024 %.1f, Δᵀ·A 1024×784 %.1f%n", name, m, m, f2 / best[0], f2 / best[1], f2 / best[2], m,
                f1 / best[3], f1 / best[4]);
    }

    private static void book(String name, Engine e, int reps) {
        Network network = Network.of(784, 30, 10);
        int n = 60_000;
        int m = 10;
        Synthetic data = Synthetic.mnistShaped(n);
        float[] x = data.x();
        float[] y = data.y();
        double[] perExample = new double[reps];
        try (Backpropagation bp = Backpropagation.open(e, network)) {
            bp.setParameters(Parameters.initialize(network, Init.STANDARD_NORMAL, 1));
            for (int rep = -2; rep < reps; rep++) {
                long t0 = System.nanoTime();
                for (int start = 0; start < n; start += m) {
                    bp.feedforward(x, start * 784, m);
                    bp.setTargets(y, start * 10);
                    bp.step(3.0f, 0f); // Trainer's step: BP4 fused with the update
                }
                long t1 = System.nanoTime();
                if (rep >= 0) {
                    perExample[rep] = (t1 - t0) / 1e3 / n;
                }
            }
        }
        System.out.printf("%-6s [784, 30, 10] batch 10, 60,000 examples: µs/example best/median %s (epoch %.3f s best)%n",
                name, stats(perExample, false), Arrays.stream(perExample).min().orElseThrow() * n / 1e6);
    }

    /**
     * µs per mini-batch of each engine call of a training step of [784, 30, 10] at batch 10 (the
     * fused BP4 + update included), over 6,000 mini-batches of random data read in order; the
     * last of {@code reps} passes. The clock is read between calls, which adds some 0.02 µs to
     * each figure.
     */
    private static void breakdown(String name, Engine e, int reps) {
        int m = 10;
        int n = 60_000;
        Synthetic data = Synthetic.mnistShaped(n);
        float[] x = data.x();
        float[] y = data.y();
        Parameters p = Parameters.initialize(Network.of(784, 30, 10), Init.STANDARD_NORMAL, 1);
        Matrix w1 = e.allocate(30, 784);
        Matrix b1 = e.allocate(1, 30);
        Matrix w2 = e.allocate(10, 30);
        Matrix b2 = e.allocate(1, 10);
        e.write(w1, p.weights(0));
        e.write(b1, p.biases(0));
        e.write(w2, p.weights(1));
        e.write(b2, p.biases(1));
        Matrix gw1 = e.allocate(30, 784);
        Matrix gb1 = e.allocate(1, 30);
        Matrix gw2 = e.allocate(10, 30);
        Matrix gb2 = e.allocate(1, 10);
        Matrix a0 = e.allocate(m, 784);
        Matrix z1 = e.allocate(m, 30);
        Matrix a1 = e.allocate(m, 30);
        Matrix z2 = e.allocate(m, 10);
        Matrix a2 = e.allocate(m, 10);
        Matrix d1 = e.allocate(m, 30);
        Matrix d2 = e.allocate(m, 10);
        Matrix targets = e.allocate(m, 10);
        Activation s = Activations.SIGMOID;
        String[] names = {"write x", "Eq.25 layer 1", "Eq.25 layer 2", "write y", "BP1", "BP2", "BP3 + b update",
            "BP4 + update layer 1", "BP4 + update layer 2"};
        long[] t = new long[names.length];
        for (int rep = 0; rep < reps; rep++) {
            Arrays.fill(t, 0);
            for (int start = 0; start < n; start += m) {
                long a = System.nanoTime();
                e.write(a0, x, start * 784);
                a = lap(t, 0, a);
                e.feedforward(w1, b1, a0, z1, a1, s);
                a = lap(t, 1, a);
                e.feedforward(w2, b2, a1, z2, a2, s);
                a = lap(t, 2, a);
                e.write(targets, y, start * 10);
                a = lap(t, 3, a);
                e.outputError(Costs.QUADRATIC, s, a2, z2, targets, d2);
                a = lap(t, 4, a);
                e.backpropagate(w2, d2, z1, s, d1);
                a = lap(t, 5, a);
                e.biasGradient(d1, gb1);
                e.update(b1, gb1, 3f, 0f);
                e.biasGradient(d2, gb2);
                e.update(b2, gb2, 3f, 0f);
                a = lap(t, 6, a);
                e.weightGradientAndUpdate(d1, a0, gw1, w1, 3f, 0f);
                a = lap(t, 7, a);
                e.weightGradientAndUpdate(d2, a1, gw2, w2, 3f, 0f);
                lap(t, 8, a);
            }
        }
        StringBuilder line = new StringBuilder(String.format("%-6s [784, 30, 10] batch 10, µs per mini-batch:", name));
        long total = 0;
        for (int i = 0; i < names.length; i++) {
            line.append(String.format(" %s %.2f,", names[i], t[i] / 1e3 / (n / m)));
            total += t[i];
        }
        System.out.println(line.append(String.format(" total %.2f", total / 1e3 / (n / m))));
    }

    /** Adds the time since {@code since} to {@code t[i]} and returns the clock now. */
    private static long lap(long[] t, int i, long since) {
        long now = System.nanoTime();
        t[i] += now - since;
        return now;
    }

    /**
     * Seconds per epoch of {@link Trainer} on 60,000 random MNIST-shaped examples, [784, 30, 10],
     * batch 10, with the next mini-batch gathered on a second thread and inline, alternating
     * run by run (each run 4 epochs; the first epoch of each and the first two runs are JIT
     * warm-up and left out): median, quartiles and minimum of each.
     */
    private static void trainer(String name, Engine e, int runs) {
        Network network = Network.of(784, 30, 10);
        int n = 60_000;
        Synthetic synthetic = Synthetic.mnistShaped(n);
        Dataset data = Dataset.classification(synthetic.x(), 784, synthetic.labels(), 10);
        List<Double> ahead = new ArrayList<>();
        List<Double> inline = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
            boolean gatherAhead = run % 2 == 0;
            Parameters p = Parameters.initialize(network, Init.STANDARD_NORMAL, 1);
            List<EpochReport> history = Trainer.builder().learningRate(3.0).epochs(4).miniBatchSize(10)
                    .monitorEvaluationAccuracy(false).gatherAhead(gatherAhead).build().train(e, p, data, null);
            if (run >= 2) {
                for (int epoch = 1; epoch < history.size(); epoch++) {
                    (gatherAhead ? ahead : inline).add(history.get(epoch).seconds());
                }
            }
        }
        for (List<Double> s : List.of(ahead, inline)) {
            if (s.isEmpty()) {
                continue;
            }
            Collections.sort(s);
            System.out.printf("%-6s Trainer epoch, [784, 30, 10] batch 10, 60,000 examples, gathering %s: s median %.3f "
                    + "(quartiles %.3f–%.3f, min %.3f)%n", name, s == ahead ? "ahead" : "inline", s.get(s.size() / 2),
                    s.get(s.size() / 4), s.get(3 * s.size() / 4), s.get(0));
        }
    }

    /**
     * Milliseconds per 1000 mini-batches of [784, 30, 10] at batch 10, through epochs 1 and 2 of
     * 12 Trainer calls of two epochs each (medians of calls 3 to 12): from fresh parameters each
     * call, or going on from the last call's ({@code goOn}).
     */
    private static void slices(String name, Engine e, boolean goOn) {
        Network network = Network.of(784, 30, 10);
        Synthetic synthetic = Synthetic.mnistShaped(60_000);
        Dataset data = Dataset.classification(synthetic.x(), 784, synthetic.labels(), 10);
        int calls = 12;
        int slices = 6;
        double[][][] ms = new double[2][slices][calls];
        Parameters p = Parameters.initialize(network, Init.STANDARD_NORMAL, 1);
        for (int call = 0; call < calls; call++) {
            int c = call;
            long[] last = new long[1];
            TrainingListener timer = new TrainingListener() {
                @Override
                public void epochFinished(EpochReport report) {
                }

                @Override
                public void batchFinished(int epoch, int batch, int batches) {
                    long now = System.nanoTime();
                    if (batch == 1) {
                        last[0] = now;
                    } else if (batch % 1000 == 0 && batch / 1000 <= slices) {
                        ms[epoch - 1][batch / 1000 - 1][c] = (now - last[0]) / 1e6;
                        last[0] = now;
                    }
                }
            };
            Parameters start = goOn ? p : Parameters.initialize(network, Init.STANDARD_NORMAL, 1);
            Trainer.builder().learningRate(3.0).epochs(2).miniBatchSize(10).monitorEvaluationAccuracy(false)
                    .listener(timer).build().train(e, start, data, null);
        }
        for (int epoch = 0; epoch < 2; epoch++) {
            StringBuilder line = new StringBuilder(String.format("%-6s %s, epoch %d, ms per 1000 mini-batches:", name,
                    goOn ? "going on" : "fresh start", epoch + 1));
            for (int slice = 0; slice < slices; slice++) {
                double[] v = Arrays.copyOfRange(ms[epoch][slice], 2, calls);
                Arrays.sort(v);
                line.append(String.format(" %.1f", v[v.length / 2]));
            }
            System.out.println(line);
        }
    }

    /** n MNIST-shaped examples: uniform random pixels, random labels and their one-hot targets, seeded. */
    private record Synthetic(float[] x, int[] labels, float[] y) {
        static Synthetic mnistShaped(int n) {
            Random random = new Random(2);
            float[] x = new float[n * 784];
            int[] labels = new int[n];
            float[] y = new float[n * 10];
            for (int i = 0; i < x.length; i++) {
                x[i] = random.nextFloat();
            }
            for (int i = 0; i < n; i++) {
                labels[i] = random.nextInt(10);
                y[i * 10 + labels[i]] = 1;
            }
            return new Synthetic(x, labels, y);
        }
    }

    private static Matrix filled(Engine e, int rows, int cols, Random random, float scale) {
        float[] v = new float[rows * cols];
        for (int i = 0; i < v.length; i++) {
            v[i] = (2 * random.nextFloat() - 1) * scale;
        }
        Matrix matrix = e.allocate(rows, cols);
        e.write(matrix, v);
        return matrix;
    }

    /** "best / median" of the values; best is the largest for a rate, else the smallest. */
    private static String stats(double[] values, boolean rate) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double median = sorted[sorted.length / 2];
        double best = rate ? sorted[sorted.length - 1] : sorted[0];
        return String.format("%.2f / %.2f", best, median);
    }
}
