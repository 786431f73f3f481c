package dev.backprop.bench.jmh;

import dev.backprop.EpochReport;
import dev.backprop.Init;
import dev.backprop.Network;
import dev.backprop.Parameters;
import dev.backprop.Trainer;
import dev.backprop.bench.report.Quantile;
import dev.backprop.data.Dataset;
import dev.backprop.spi.Engine;
import dev.backprop.spi.EngineProvider;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Two builds of one engine, side by side in one JVM: Trainer epochs alternating between them,
 * run by run, in both orders, with the median of the per-run ratios.
 *
 * <p>Why: on a shared machine the speed drifts by a factor of two within minutes, so two JMH
 * runs of two commits minutes apart measure the machine as much as the change. Here both builds
 * see the same minutes. Each build is a class directory or jar (an engine module's
 * {@code target/classes}, say, built in a {@code git worktree} of the older commit); its engine
 * classes ({@code dev.backprop.engine.*}) are loaded from it first, so the two builds are two
 * sets of classes, JIT-compiled apart, while the API they implement is shared.
 *
 * <pre>
 * java --add-modules=jdk.incubator.vector --enable-native-access=ALL-UNNAMED \
 *     -cp bench/target/benchmarks.jar dev.backprop.bench.jmh.TwoBuilds \
 *     /tmp/old/engine-simd/target/classes engine-simd/target/classes [runs] [network] [batch]
 * </pre>
 *
 * Each run trains {@value #EPOCHS} epochs of {@value #EXAMPLES} synthetic examples from the same
 * start (the first epoch, the JIT's, and the first run are left out). Defaults: 20 runs, the
 * book's 784x30x10, batch 10.
 */
public final class TwoBuilds {
    /** {@link EpochBenchmark}'s training set size, so the two measure the same epoch. */
    static final int EXAMPLES = EpochBenchmark.EXAMPLES;
    static final int EPOCHS = 3;
    private static final String SERVICE = "META-INF/services/" + EngineProvider.class.getName();

    private TwoBuilds() {
    }

    public static void main(String[] args) {
        if (args.length < 2 || args.length > 5) {
            System.err.println("usage: TwoBuilds BUILD_A BUILD_B [runs] [network, e.g. 784x30x10] [batch]");
            System.exit(2);
        }
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        String network = args.length > 3 ? args[3] : "784x30x10";
        int batch = args.length > 4 ? Integer.parseInt(args[4]) : 10;
        compare(Path.of(args[0]), Path.of(args[1]), runs, network, batch, EXAMPLES, System.out);
    }

    /** Runs the comparison and prints a line per build and the ratio of B to A. */
    static void compare(Path a, Path b, int runs, String shape, int batch, int examples, PrintStream out) {
        if (runs < 2) {
            throw new IllegalArgumentException("runs must be at least 2 (the first is warm-up), got " + runs);
        }
        Network network = Shapes.network(shape);
        Dataset data = Shapes.trainingSet(network, examples);
        Parameters initial = Parameters.initialize(network, Init.STANDARD_NORMAL, 1);
        Trainer trainer = Trainer.builder().learningRate(3.0).epochs(EPOCHS).miniBatchSize(batch).seed(1)
                .monitorEvaluationAccuracy(false).build();
        Path[] builds = {a, b};
        Engine[] engines = {open(a), open(b)};
        try {
            List<List<Double>> seconds = List.of(new ArrayList<>(), new ArrayList<>());
            List<Double> ratios = new ArrayList<>();
            for (int run = 0; run < runs; run++) {
                double[] best = new double[2];
                for (int turn = 0; turn < 2; turn++) {
                    int which = (turn + run) % 2;
                    List<EpochReport> history = trainer.train(engines[which], initial.copy(), data, null);
                    best[which] = Double.MAX_VALUE;
                    for (int epoch = 1; epoch < history.size(); epoch++) {
                        double s = history.get(epoch).seconds();
                        best[which] = Math.min(best[which], s);
                        if (run > 0) {
                            seconds.get(which).add(s);
                        }
                    }
                }
                if (run > 0) {
                    ratios.add(best[1] / best[0]);
                }
            }
            out.printf("%s, batch %d, %,d examples per epoch, %d runs of %d epochs alternating (first run and "
                    + "first epochs left out)%n", network, batch, examples, runs, EPOCHS);
            for (int i = 0; i < 2; i++) {
                double[] s = sorted(seconds.get(i));
                out.printf("%s %s (%s): s/epoch median %.4f, quartiles %.4f-%.4f, min %.4f%n", i == 0 ? "A" : "B",
                        builds[i], engines[i].name(), Quantile.of(s, 0.5), Quantile.of(s, 0.25), Quantile.of(s, 0.75),
                        s[0]);
            }
            double[] r = sorted(ratios);
            out.printf("B/A per run (best epoch of each): median %.3f, quartiles %.3f-%.3f%n", Quantile.of(r, 0.5),
                    Quantile.of(r, 0.25), Quantile.of(r, 0.75));
        } finally {
            for (Engine e : engines) {
                e.close();
            }
        }
    }

    /** The engine of the build at {@code location}: its first provider, loaded from the build itself. */
    static Engine open(Path location) {
        if (!Files.exists(location)) {
            throw new IllegalArgumentException("build " + location + " does not exist (an engine's target/classes or jar)");
        }
        BuildLoader loader = new BuildLoader(location, TwoBuilds.class.getClassLoader());
        URL service = loader.findResource(SERVICE);
        if (service == null) {
            throw new IllegalArgumentException("build " + location + " has no " + SERVICE + ": not an engine build");
        }
        String provider;
        try (InputStream in = service.openStream()) {
            provider = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(service + " names no provider"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            EngineProvider p = (EngineProvider) loader.loadClass(provider).getConstructor().newInstance();
            if (!p.availability().available()) {
                throw new IllegalStateException("engine '" + p.name() + "' of " + location + " is unavailable: "
                        + p.availability().detail());
            }
            return p.open();
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("cannot instantiate " + provider + " from " + location, e);
        }
    }

    private static double[] sorted(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(v);
        return v;
    }

    /** Engine classes from the build first, everything else (the API, the JDK) from the parent. */
    static final class BuildLoader extends URLClassLoader {
        BuildLoader(Path location, ClassLoader parent) {
            super(new URL[] {url(location)}, parent);
        }

        private static URL url(Path location) {
            try {
                return location.toUri().toURL();
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException(location + ": " + e.getMessage(), e);
            }
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith("dev.backprop.engine.")) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null) {
                    try {
                        c = findClass(name);
                    } catch (ClassNotFoundException notInBuild) {
                        c = super.loadClass(name, false);
                    }
                }
                if (resolve) {
                    resolveClass(c);
                }
                return c;
            }
        }
    }
}
