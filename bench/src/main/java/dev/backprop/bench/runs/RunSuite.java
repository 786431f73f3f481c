package dev.backprop.bench.runs;

import dev.backprop.bench.EngineNames;

import dev.backprop.bench.report.Csv;
import dev.backprop.bench.report.Quantile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The run-level suite: what a user sees of a whole program, not a kernel in steady state. Every
 * figure is a whole process (a fresh JVM or Python interpreter) timed from outside, and the
 * implementations take turns round by round (the order rotates each round), so that a ratio is
 * taken between runs minutes apart at most on a machine whose speed drifts.
 *
 * <ul>
 *   <li><b>train</b> ({@code runs-train.csv}): the book's experiments trained for {@code --epochs}
 *       on {@code --data} (all its training examples, data loaded before the clock starts, as
 *       {@link dev.backprop.bench.RunChild} and {@code bench/peers/peer.py} do): each epoch's
 *       training time, and the whole process, for the Java engines (plain, and with an
 *       ahead-of-time cache, {@code --aot}) and the batched numpy peers.</li>
 *   <li><b>cold</b> ({@code runs-cold.csv}): a process that computes one gradient of [784, 30, 10]
 *       on a mini-batch of 10, or one prediction, and exits; per Java engine (plain and with the
 *       cache) and for numpy.</li>
 *   <li><b>cotenant</b> ({@code runs-cotenant.csv}, {@code --cotenant}): training epochs of each
 *       engine with the machine quiet, with a CPU-bound neighbour process pinned to processor 1
 *       ({@code taskset -c 1}), and confined to processor 0 ({@code taskset -c 0}) with the
 *       neighbour on the other: an engine must not make a shared machine slower for itself than
 *       one thread would be.</li>
 * </ul>
 *
 * <pre>
 * java -cp bench/target/backprop.jar dev.backprop.bench.runs.RunSuite --data /usr/share/datasets/fashion-mnist \
 *     --rounds 3 --epochs 10 --aot --cotenant --out bench/results
 * </pre>
 */
public final class RunSuite {
    private final Options o;
    private final Path root = Path.of("").toAbsolutePath();

    private RunSuite(Options o) {
        this.o = o;
    }

    public static void main(String[] args) throws Exception {
        Options o = Options.parse(args);
        new RunSuite(o).run();
    }

    private void run() throws IOException, InterruptedException {
        Files.createDirectories(o.out);
        // When and under what load: the page the report writes may mix this suite's run with
        // older results, so the suite's sections say their own date.
        Path machine = o.out.resolve("runs-machine.txt");
        Files.writeString(machine, "date: " + java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MINUTES)
                + "\nload-before: " + load() + "\n");
        Path aot = o.aot ? makeCache() : null;
        if (o.train) {
            train(aot);
        }
        if (o.cold) {
            cold(aot);
        }
        if (o.cotenant) {
            cotenant();
        }
        Files.writeString(machine, "load-after: " + load() + "\n", java.nio.file.StandardOpenOption.APPEND);
    }

    // ---------------------------------------------------------------- train

    private void train(Path aot) throws IOException, InterruptedException {
        List<List<String>> rows = new ArrayList<>();
        for (String experiment : o.experiments) {
            List<Variant> variants = new ArrayList<>();
            for (String engine : o.trainEngines) {
                variants.add(javaTrain(engine, experiment, null));
                if (aot != null) {
                    variants.add(javaTrain(engine, experiment, aot));
                }
            }
            for (Peer peer : o.peers) {
                variants.add(new Variant(peer.label, List.of(peer.python, "bench/peers/peer.py", "--impl", "batch", "--label",
                        peer.label, "--threads", Integer.toString(peer.threads), "--data", o.data.toString(), "--experiments",
                        experiment, "--epochs", Integer.toString(o.epochs), "--limit", "1000000000", "--no-throughput"),
                        Peer.ENVIRONMENT));
            }
            for (int round = 1; round <= o.rounds; round++) {
                for (Variant v : rotated(variants, round)) {
                    WholeProcess p = WholeProcess.run(v.command, root, v.environment, o.limitSeconds).checked(v.label);
                    double[] epochs = epochs(p);
                    if (epochs.length == 0) {
                        throw new IOException(v.label + " printed no epoch times:\n" + String.join("\n", p.out()));
                    }
                    double total = Arrays.stream(epochs).sum();
                    rows.add(List.of(v.label, experiment, Integer.toString(round), fmt(total), fmt(epochs[0]),
                            fmt(median(Arrays.copyOfRange(epochs, Math.min(1, epochs.length - 1), epochs.length))),
                            fmt(p.seconds()), joined(epochs), load()));
                    System.out.printf(Locale.ROOT, "train %-22s %-7s round %d: %d epochs %.3f s (first %.3f s), process %.2f s%n",
                            v.label, experiment, round, epochs.length, total, epochs[0], p.seconds());
                    Csv.write(o.out.resolve("runs-train.csv"), List.of("implementation", "experiment", "round",
                            "epochs_seconds", "first_epoch", "later_epoch_median", "process_seconds", "epochs", "load"), rows);
                }
            }
        }
    }

    private Variant javaTrain(String engine, String experiment, Path aot) {
        List<String> args = new ArrayList<>(List.of("train", "--experiment", experiment, "--engine", engine, "--data",
                o.data.toString(), "--epochs", Integer.toString(o.epochs)));
        return new Variant(engine + (aot != null ? " +AOT cache" : ""), java(aot, List.of(), args), Map.of());
    }

    /** Epoch times from "epoch I S" (RunChild) or "epoch I/N: … S s" (peer.py) lines. */
    static double[] epochs(WholeProcess p) {
        List<Double> seconds = new ArrayList<>();
        for (String line : p.out()) {
            if (line.startsWith("epoch ")) {
                seconds.add(Double.parseDouble(line.split("\\s+")[2]));
            } else if (line.contains(" epoch ") && line.endsWith(" s") && line.contains("test accuracy")) {
                String[] words = line.split("\\s+");
                seconds.add(Double.parseDouble(words[words.length - 2]));
            }
        }
        return seconds.stream().mapToDouble(Double::doubleValue).toArray();
    }

    // ---------------------------------------------------------------- cold

    private void cold(Path aot) throws IOException, InterruptedException {
        List<List<String>> rows = new ArrayList<>();
        for (String mode : List.of("first-gradient", "first-prediction")) {
            List<Variant> variants = new ArrayList<>();
            for (String engine : o.coldEngines) {
                List<String> args = List.of(mode, "--engine", engine);
                variants.add(new Variant(engine, java(null, List.of(), args), Map.of()));
                if (aot != null) {
                    variants.add(new Variant(engine + " +AOT cache", java(aot, List.of(), args), Map.of()));
                }
            }
            for (Peer peer : o.peers) {
                if (peer.threads == 1) {
                    List<String> command = new ArrayList<>(List.of(peer.python, "bench/peers/first.py", "--threads", "1"));
                    if (mode.equals("first-prediction")) {
                        command.add("--predict");
                    }
                    variants.add(new Variant(peer.label.replace("/1t", ""), command, Peer.ENVIRONMENT));
                }
            }
            for (int round = 1; round <= o.coldRounds; round++) {
                for (Variant v : rotated(variants, round)) {
                    WholeProcess p = WholeProcess.run(v.command, root, v.environment, o.limitSeconds).checked(v.label);
                    rows.add(List.of(v.label, mode, Integer.toString(round), fmt(p.value("first")), fmt(p.seconds() * 1000),
                            load()));
                }
                Csv.write(o.out.resolve("runs-cold.csv"), List.of("implementation", "mode", "round", "in_process_ms",
                        "process_ms", "load"), rows);
            }
            for (Variant v : variants) {
                double[] ms = rows.stream().filter(r -> r.get(0).equals(v.label) && r.get(1).equals(mode))
                        .mapToDouble(r -> Double.parseDouble(r.get(4))).toArray();
                System.out.printf(Locale.ROOT, "cold  %-22s %-16s median %.0f ms over %d processes%n", v.label, mode,
                        median(ms), ms.length);
            }
        }
    }

    // ---------------------------------------------------------------- cotenant

    private void cotenant() throws IOException, InterruptedException {
        List<List<String>> rows = new ArrayList<>();
        if (Runtime.getRuntime().availableProcessors() < 2 || !Neighbour.usable()) {
            System.out.println("cotenant: skipped: needs two processors and taskset (util-linux)");
            return;
        }
        for (String engine : o.cotenantEngines) {
            for (String experiment : o.cotenantExperiments) {
                List<String> args = new ArrayList<>(List.of("train", "--experiment", experiment, "--engine", engine, "--data",
                        o.data.toString(), "--epochs", Integer.toString(o.cotenantEpochs)));
                if (o.cotenantLimit > 0) {
                    args.addAll(List.of("--limit", Integer.toString(o.cotenantLimit)));
                }
                List<String> conditions = List.of("quiet", "neighbour", "confined");
                for (int round = 1; round <= o.rounds; round++) {
                    for (String condition : rotated(conditions, round)) {
                        List<String> prefix = condition.equals("confined") ? List.of("taskset", "-c", "0") : List.of();
                        WholeProcess p;
                        try (Neighbour n = condition.equals("quiet") ? null : Neighbour.start(root)) {
                            p = WholeProcess.run(java(null, prefix, args), root, Map.of(), o.limitSeconds)
                                    .checked(engine + " " + condition);
                        }
                        double[] epochs = epochs(p);
                        double later = median(Arrays.copyOfRange(epochs, Math.min(1, epochs.length - 1), epochs.length));
                        rows.add(List.of(engine, experiment, condition, Integer.toString(round), fmt(epochs[0]), fmt(later),
                                fmt(p.seconds()), joined(epochs), load()));
                        System.out.printf(Locale.ROOT, "cotenant %-7s %-7s %-9s round %d: first %.3f s, later median %.3f s%n",
                                engine, experiment, condition, round, epochs[0], later);
                        Csv.write(o.out.resolve("runs-cotenant.csv"), List.of("engine", "experiment", "condition", "round",
                                "first_epoch", "later_epoch_median", "process_seconds", "epochs", "load"), rows);
                    }
                }
            }
        }
    }

    // ---------------------------------------------------------------- helpers

    /**
     * An ahead-of-time cache (JDK 25, JEP 483/514/515: classes loaded and linked, method profiles)
     * made by a short training run of the simd engine, as {@code ./backprop} makes one for itself.
     */
    private Path makeCache() throws IOException, InterruptedException {
        Path cache = o.out.resolve("runs.aot");
        Files.deleteIfExists(cache);
        List<String> args = List.of("train", "--experiment", "ch1-30", "--engine", EngineNames.SIMD, "--data", o.data.toString(),
                "--epochs", "2", "--limit", "12000");
        List<String> command = new ArrayList<>(java(null, List.of(), args));
        command.add(1, "-XX:AOTCacheOutput=" + cache);
        WholeProcess p = WholeProcess.run(command, root, Map.of(), o.limitSeconds).checked("the AOT training run");
        System.out.printf(Locale.ROOT, "aot   cache %s made in %.1f s (%d bytes)%n", cache, p.seconds(), Files.size(cache));
        return cache;
    }

    private List<String> java(Path aot, List<String> prefix, List<String> args) {
        List<String> command = new ArrayList<>(prefix);
        command.add(o.java);
        command.add("--add-modules=jdk.incubator.vector");
        command.add("--enable-native-access=ALL-UNNAMED");
        if (aot != null) {
            command.add("-XX:AOTCache=" + aot);
        }
        command.addAll(List.of("-cp", o.jar, "dev.backprop.bench.RunChild"));
        command.addAll(args);
        return command;
    }

    /** The list started at position (round − 1), so each variant takes every place in turn. */
    static <T> List<T> rotated(List<T> list, int round) {
        List<T> r = new ArrayList<>(list);
        java.util.Collections.rotate(r, -((round - 1) % Math.max(1, list.size())));
        return r;
    }

    static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] s = values.clone();
        Arrays.sort(s);
        return Quantile.of(s, 0.5);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.6f", v);
    }

    private static String joined(double[] values) {
        StringBuilder s = new StringBuilder();
        for (double v : values) {
            s.append(s.isEmpty() ? "" : ";").append(String.format(Locale.ROOT, "%.4f", v));
        }
        return s.toString();
    }

    /** The 1-minute load average now, as /proc/loadavg says (empty where there is none). */
    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split("\\s+")[0];
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private record Variant(String label, List<String> command, Map<String, String> environment) {
    }

    /** A Python peer: interpreter, BLAS threads, label (as bench/peers/run.sh names them). */
    record Peer(String label, String python, int threads) {
        /** OpenBLAS picks its own kernel, as in run.sh. */
        static final Map<String, String> ENVIRONMENT = environment();

        private static Map<String, String> environment() {
            Map<String, String> env = new HashMap<>();
            env.put("OPENBLAS_CORETYPE", null);
            env.put("OPENBLAS_L2_SIZE", null);
            return env;
        }
    }

    /** The command line. */
    static final class Options {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        /** The class path of the Java processes: backprop.jar, or any path holding the bench and the engines. */
        String jar = "bench/target/backprop.jar";
        Path data = Path.of("data/mnist10k");
        Path out = Path.of("bench/results");
        int rounds = 3;
        int coldRounds = 10;
        int epochs = 10;
        long limitSeconds = 1800;
        boolean aot;
        boolean train = true;
        boolean cold = true;
        boolean cotenant;
        int cotenantEpochs = 4;
        int cotenantLimit;
        List<String> experiments = List.of("ch1-30", "ch3");
        List<String> trainEngines = List.of(EngineNames.SIMD);
        List<String> coldEngines = List.of(EngineNames.REF, EngineNames.SIMD);
        List<String> cotenantEngines = EngineNames.ALL;
        List<String> cotenantExperiments = List.of("ch1-30");
        List<Peer> peers = new ArrayList<>();

        static Options parse(String[] args) {
            Options o = new Options();
            Map<String, String> v = new LinkedHashMap<>();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--aot" -> o.aot = true;
                    case "--cotenant" -> o.cotenant = true;
                    case "--no-train" -> o.train = false;
                    case "--no-cold" -> o.cold = false;
                    default -> {
                        if (!a.startsWith("--") || i + 1 >= args.length) {
                            throw new IllegalArgumentException("RunSuite: unknown or incomplete option '" + a + "'");
                        }
                        v.put(a, args[++i]);
                    }
                }
            }
            v.forEach((k, value) -> {
                switch (k) {
                    case "--java" -> o.java = value;
                    case "--jar", "--classpath" -> o.jar = value;
                    case "--data" -> o.data = Path.of(value);
                    case "--out" -> o.out = Path.of(value);
                    case "--rounds" -> o.rounds = Integer.parseInt(value);
                    case "--cold-rounds" -> o.coldRounds = Integer.parseInt(value);
                    case "--epochs" -> o.epochs = Integer.parseInt(value);
                    case "--experiments" -> o.experiments = List.of(value.split(","));
                    case "--engines" -> o.trainEngines = List.of(value.split(","));
                    case "--cold-engines" -> o.coldEngines = List.of(value.split(","));
                    case "--cotenant-engines" -> o.cotenantEngines = List.of(value.split(","));
                    case "--cotenant-experiments" -> o.cotenantExperiments = List.of(value.split(","));
                    case "--cotenant-epochs" -> o.cotenantEpochs = Integer.parseInt(value);
                    case "--cotenant-limit" -> o.cotenantLimit = Integer.parseInt(value);
                    case "--python" -> {
                        // "label=interpreter:threads,…", e.g. numpy-batch/deb/1t=/usr/bin/python3:1
                        for (String p : value.split(",")) {
                            String[] labelRest = p.split("=", 2);
                            String[] pyThreads = labelRest[1].split(":");
                            o.peers.add(new Peer(labelRest[0], pyThreads[0], Integer.parseInt(pyThreads[1])));
                        }
                    }
                    case "--limit-seconds" -> o.limitSeconds = Long.parseLong(value);
                    default -> throw new IllegalArgumentException("RunSuite: unknown option '" + k + "'");
                }
            });
            return o;
        }
    }
}
