package dev.backprop.bench.tools;

import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Two builds of the whole library (api and an engine), side by side in one JVM: {@code Trainer}
 * epochs alternating between them run by run, in both orders, and the median of the per-run
 * ratios. {@code jmh.TwoBuilds} does this for a change to an engine, sharing the api; this one
 * loads each build's api too, in a class loader of its own, for a change to the training loop.
 *
 * <pre>
 * git archive BASE | tar -x -C /tmp/old &amp;&amp; (cd /tmp/old &amp;&amp; ./mvnw -q -DskipTests -pl engine-simd -am compile)
 * java --add-modules=jdk.incubator.vector --enable-native-access=ALL-UNNAMED \
 *     -cp bench/target/benchmarks.jar dev.backprop.bench.tools.TwoApiBuilds \
 *     /tmp/old/api/target/classes:/tmp/old/engine-simd/target/classes \
 *     api/target/classes:engine-simd/target/classes simd 20 784,30,10 10
 * </pre>
 *
 * Each run trains 3 epochs of 60,000 synthetic examples (plain SGD, η = 3.0, no monitors) from
 * the same start; the first epoch of each run and the first run are left out.
 */
public final class TwoApiBuilds {
    private static final int EXAMPLES = 60_000;
    private static final int EPOCHS = 3;

    private TwoApiBuilds() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 6) {
            System.err.println("usage: TwoApiBuilds CLASSPATH_A CLASSPATH_B ENGINE RUNS SIZES(784,30,10) BATCH");
            System.exit(2);
        }
        int runs = Integer.parseInt(args[3]);
        int[] sizes = Arrays.stream(args[4].split(",")).mapToInt(Integer::parseInt).toArray();
        int batch = Integer.parseInt(args[5]);
        Random random = new Random(1);
        float[] inputs = new float[EXAMPLES * sizes[0]];
        for (int i = 0; i < inputs.length; i++) {
            inputs[i] = random.nextFloat();
        }
        int[] labels = new int[EXAMPLES];
        for (int i = 0; i < EXAMPLES; i++) {
            labels[i] = random.nextInt(sizes[sizes.length - 1]);
        }
        Build[] builds = {new Build(args[0], args[2], sizes, batch, inputs, labels),
            new Build(args[1], args[2], sizes, batch, inputs, labels)};
        List<List<Double>> seconds = List.of(new ArrayList<>(), new ArrayList<>());
        List<Double> ratios = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
            double[] best = new double[2];
            for (int turn = 0; turn < 2; turn++) {
                int which = (turn + run) % 2;
                double[] epochs = builds[which].train();
                best[which] = Double.MAX_VALUE;
                for (int e = 1; e < epochs.length; e++) {
                    best[which] = Math.min(best[which], epochs[e]);
                    if (run > 0) {
                        seconds.get(which).add(epochs[e]);
                    }
                }
            }
            if (run > 0) {
                ratios.add(best[1] / best[0]);
            }
        }
        System.out.printf("%s, batch %d, %,d examples per epoch, engine %s, %d runs of %d epochs alternating%n",
                Arrays.toString(sizes), batch, EXAMPLES, args[2], runs, EPOCHS);
        for (int i = 0; i < 2; i++) {
            System.out.printf("%s %s: s/epoch median %.4f, min %.4f%n", i == 0 ? "A" : "B", args[i], median(seconds.get(i)),
                    seconds.get(i).stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN));
        }
        System.out.printf("B/A per run (best epoch of each): median %.3f, runs %s%n", median(ratios), ratios);
    }

    private static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    /** One build: its own class loader (api and engine), its engine open, a trainer, the data, the start. */
    private static final class Build {
        private final Object trainer;
        private final Object engine;
        private final Object initial;
        private final Object data;
        private final Method train;
        private final Method copy;
        private final Method seconds;

        Build(String classPath, String engineName, int[] sizes, int batch, float[] inputs, int[] labels) throws Exception {
            List<URL> urls = new ArrayList<>();
            for (String part : classPath.split(":")) {
                urls.add(url(Path.of(part)));
            }
            ClassLoader loader = new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
            Class<?> network = loader.loadClass("dev.backprop.Network");
            Class<?> init = loader.loadClass("dev.backprop.Init");
            Class<?> parameters = loader.loadClass("dev.backprop.Parameters");
            Class<?> dataset = loader.loadClass("dev.backprop.data.Dataset");
            Class<?> engines = loader.loadClass("dev.backprop.Engines");
            Class<?> engineType = loader.loadClass("dev.backprop.spi.Engine");
            Object net = network.getMethod("of", int[].class).invoke(null, (Object) sizes);
            Object standard = init.getField("STANDARD_NORMAL").get(null);
            initial = parameters.getMethod("initialize", network, init, long.class).invoke(null, net, standard, 1L);
            data = dataset.getMethod("classification", float[].class, int.class, int[].class, int.class)
                    .invoke(null, inputs, sizes[0], labels, sizes[sizes.length - 1]);
            Object loaded = engines.getMethod("load", ClassLoader.class).invoke(null, loader);
            Object provider = engines.getMethod("choose", String.class).invoke(loaded, engineName);
            engine = loader.loadClass("dev.backprop.spi.EngineProvider").getMethod("open").invoke(provider);
            Object builder = loader.loadClass("dev.backprop.Trainer").getMethod("builder").invoke(null);
            Class<?> b = builder.getClass();
            builder = b.getMethod("learningRate", double.class).invoke(builder, 3.0);
            builder = b.getMethod("epochs", int.class).invoke(builder, EPOCHS);
            builder = b.getMethod("miniBatchSize", int.class).invoke(builder, batch);
            builder = b.getMethod("seed", long.class).invoke(builder, 1L);
            builder = b.getMethod("monitorEvaluationAccuracy", boolean.class).invoke(builder, false);
            trainer = b.getMethod("build").invoke(builder);
            train = trainer.getClass().getMethod("train", engineType, parameters, dataset, dataset);
            copy = parameters.getMethod("copy");
            seconds = loader.loadClass("dev.backprop.EpochReport").getMethod("seconds");
        }

        /** Seconds of each epoch of one run from the same start. */
        double[] train() throws Exception {
            List<?> history = (List<?>) train.invoke(trainer, engine, copy.invoke(initial), data, null);
            double[] s = new double[history.size()];
            for (int e = 0; e < s.length; e++) {
                s[e] = (double) seconds.invoke(history.get(e));
            }
            return s;
        }

        private static URL url(Path p) {
            try {
                return p.toAbsolutePath().toUri().toURL();
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException(p + ": " + e.getMessage(), e);
            }
        }
    }
}
