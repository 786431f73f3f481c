package dev.backprop.spark;

import dev.backprop.Engines;
import dev.backprop.EpochReport;
import dev.backprop.Init;
import dev.backprop.Network;
import dev.backprop.Parameters;
import dev.backprop.Trainer;
import dev.backprop.data.Dataset;
import dev.backprop.data.Mnist;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * Examples per second and time to accuracy of {@link SparkTrainer} on a loopback standalone
 * cluster (two Workers of one core, executors of one core each), per mode and k, against local
 * training on the same engine; writes spark/RESULTS.md. Run it with {@code spark/bench.sh}
 * ({@code --quick} for a shorter pass); it takes about four minutes on two cores.
 *
 * <p>What the numbers mean: a round's wall time is measured on the driver from the broadcast to
 * the next parameters; examples/s is the examples of an epoch divided by the median wall time of
 * the run's epochs (monitoring excluded; each configuration runs after a warm-up); time to accuracy is the wall time of the
 * epochs until the test accuracy after an epoch first reaches the target. Mode 1 with a
 * mini-batch of 10 takes one round per 10 examples, so it is measured on a slice of the data and
 * its time to accuracy computed from its epoch time and the epochs local training needs (mode 1
 * is local training's algorithm, see docs/distributed.md).
 */
public final class DistributedBenchmark {
    static final double TARGET = 0.85;
    /** How to read the tables; written above them. */
    static final String READING = "How to read: examples/s is an epoch's examples over the median epoch time; a "
            + "round is timed on the driver from broadcasting the parameters to having the next ones; time to 85 % "
            + "adds up the epochs until the test accuracy after one first reaches it. Every cluster application first "
            + "runs about 1,500 warm-up rounds (Spark's own code keeps getting faster for that long). Mode 2 with one "
            + "partition is local training (the same accuracies, bit for bit); mode 1 with m = 10 takes 800 rounds an "
            + "epoch, so it ran one epoch on 2,000 digits and its time to 85 % is computed. The machine is shared: "
            + "the same configuration moved by up to ±50 % between runs, local training on two threads most of all. "
            + "Reproduce with `spark/bench.sh` (about four minutes; `--quick` for one).";
    private static final int BATCH = 10;
    private static final double ETA = 3.0;

    private final boolean quick;
    private final Mnist.Split mnist;
    /** (partitions, median round ms) of rounds with one example per partition. */
    private final List<double[]> overheads = new ArrayList<>();

    private DistributedBenchmark(boolean quick, Mnist.Split mnist) {
        this.quick = quick;
        this.mnist = mnist;
    }

    /** One measured configuration: a row of the results table. */
    record Run(String what, Mode mode, int batch, int partitions, double examplesPerSecond, double medianRoundMs,
               double[] accuracies, String timeToTarget) {
        Run labelled(String label) {
            return new Run(label, mode, batch, partitions, examplesPerSecond, medianRoundMs, accuracies, timeToTarget);
        }

        Run withTimeToTarget(String time) {
            return new Run(what, mode, batch, partitions, examplesPerSecond, medianRoundMs, accuracies, time);
        }
    }

    public static void main(String[] args) throws Exception {
        boolean quick = Arrays.asList(args).contains("--quick");
        Path out = SparkHome.module().resolve("RESULTS.md");
        Mnist.Split mnist = Mnist.load(SparkHome.module().resolve("../data/mnist10k"));
        DistributedBenchmark bench = new DistributedBenchmark(quick, mnist);
        String loadBefore = Files.readString(Path.of("/proc/loadavg")).trim();
        long start = System.nanoTime();
        List<Run> runs = new ArrayList<>();
        System.setProperty("backprop.simd.threads", "1");
        runs.add(bench.local("local, 1 thread"));
        System.clearProperty("backprop.simd.threads");
        runs.add(bench.local("local, 2 threads"));
        System.setProperty("backprop.simd.threads", "1"); // the driver's engine, as the executors'
        Path dir = SparkHome.module().resolve("target/loopback-bench");
        try (LoopbackCluster cluster = LoopbackCluster.start(dir, 2, 1)) {
            runs.addAll(bench.onCluster(cluster, dir, 1));
            runs.addAll(bench.onCluster(cluster, dir, 2));
        }
        String loadAfter = Files.readString(Path.of("/proc/loadavg")).trim();
        bench.write(out, runs, loadBefore, loadAfter, (System.nanoTime() - start) / 1e9);
        System.out.println("wrote " + out.toAbsolutePath());
    }

    private static Parameters start() {
        return Parameters.initialize(Network.of(784, 30, 10), Init.STANDARD_NORMAL, 1);
    }

    private int epochs() {
        return quick ? 3 : 10;
    }

    private Run local(String what) {
        trainLocally(BATCH, 1); // warm-up: the JIT compiles the engine's kernels during the first epoch
        return run(what, null, BATCH, 1, trainLocally(BATCH, epochs()), mnist.training().size(), Double.NaN);
    }

    /** Local training on the SIMD engine (its threads as backprop.simd.threads says) from the common start. */
    private List<EpochReport> trainLocally(int batch, int epochs) {
        return Trainer.builder().engine(Engines.load().choose("simd")).learningRate(ETA).miniBatchSize(batch)
                .epochs(epochs).build().train(start(), mnist.training(), mnist.test());
    }

    /** The runs of one application with {@code executors} single-core executors. */
    private List<Run> onCluster(LoopbackCluster cluster, Path dir, int executors) throws Exception {
        List<Run> runs = new ArrayList<>();
        SparkSession spark = ClusterSession.start(cluster, dir, "backprop benchmark, " + executors + " executors",
                executors);
        try {
            JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            int p = executors;
            // Warm-up: Spark's own code on the driver and the executors takes a thousand rounds or more
            // to be compiled (rounds right after start cost 3-4 times what they cost later, and rounds
            // after 400 still about twice).
            distributed(sc, Mode.synchronousGradient(), 2 * p, 1, mnist.training().slice(0, (quick ? 300 : 1500) * 2 * p), p);
            distributed(sc, Mode.localSteps(50), BATCH, 1, mnist.training(), p);
            for (int k : executors == 1 ? new int[] {50} : quick ? new int[] {10, 50} : new int[] {1, 10, 50, 200}) {
                int epochs = k == 1 ? Math.min(2, epochs()) : epochs();
                runs.add(distributed(sc, Mode.localSteps(k), BATCH, epochs, mnist.training(), p)
                        .labelled("mode 2, k = " + k));
            }
            if (executors == 2) {
                for (int m : quick ? new int[] {100} : new int[] {100, 1000}) {
                    runs.add(distributed(sc, Mode.synchronousGradient(), m, epochs(), mnist.training(), p)
                            .labelled("mode 1, m = " + m));
                }
                Dataset slice = mnist.training().slice(0, quick ? 1000 : 2000);
                Run sync10 = distributed(sc, Mode.synchronousGradient(), 10, 1, slice, p);
                runs.add(sync10.labelled("mode 1, m = 10 (one epoch of " + slice.size() + " examples)")
                        .withTimeToTarget(computedTimeToTarget(sync10, 10)));
                // The cost of a round with (almost) nothing to compute: one example per partition,
                // for more partitions than executors, to see what each task adds. Measured last,
                // when Spark's code on the driver and the executors has run longest.
                for (int partitions : quick ? new int[] {2, 8} : new int[] {2, 4, 8, 16}) {
                    Run overhead = distributed(sc, Mode.synchronousGradient(), partitions, 1,
                            mnist.training().slice(0, 100 * partitions), partitions);
                    overheads.add(new double[] {partitions, overhead.medianRoundMs()});
                }
            }
        } finally {
            spark.stop();
        }
        return runs;
    }

    private Run distributed(JavaSparkContext sc, Mode mode, int batch, int epochs, Dataset data, int partitions) {
        List<Double> roundMs = new ArrayList<>();
        RoundListener rounds = r -> roundMs.add(r.seconds() * 1e3);
        Parameters p = start();
        List<EpochReport> history = SparkTrainer.builder().mode(mode).engine("simd").learningRate(ETA)
                .miniBatchSize(batch).epochs(epochs).listener(rounds).build()
                .train(p, Examples.distribute(sc, data, partitions), mnist.test());
        double median = roundMs.stream().sorted().toList().get(roundMs.size() / 2);
        System.out.printf("%s on %d partitions: %s; median round %.1f ms%n", mode, partitions, history.get(history.size() - 1),
                median);
        return run(mode.toString(), mode, batch, partitions, history, data.size(), median);
    }

    private static Run run(String what, Mode mode, int batch, int partitions, List<EpochReport> history,
                           int examplesPerEpoch, double medianMs) {
        double[] accuracy = history.stream().mapToDouble(r -> r.evaluationAccuracy().getAsDouble()).toArray();
        double[] seconds = history.stream().mapToDouble(EpochReport::seconds).toArray();
        double median = Arrays.stream(seconds).sorted().toArray()[seconds.length / 2];
        String toTarget = "not within " + history.size() + " epochs";
        double elapsed = 0;
        for (int e = 0; e < accuracy.length; e++) {
            elapsed += seconds[e];
            if (accuracy[e] >= TARGET) {
                toTarget = String.format(Locale.ROOT, "%.1f s (epoch %d)", elapsed, e + 1);
                break;
            }
        }
        return new Run(what, mode, batch, partitions, examplesPerEpoch / median, medianMs, accuracy, toTarget);
    }

    /** Mode 1 at m = 10 is local training's algorithm: the epochs local training needs, at this run's epoch time. */
    private String computedTimeToTarget(Run sync, int batch) {
        List<EpochReport> history = trainLocally(batch, epochs());
        double epochSeconds = mnist.training().size() / sync.examplesPerSecond();
        for (int e = 0; e < history.size(); e++) {
            if (history.get(e).evaluationAccuracy().getAsDouble() >= TARGET) {
                return String.format(Locale.ROOT, "%.0f s (computed: epoch %d × %.1f s per epoch)", (e + 1) * epochSeconds,
                        e + 1, epochSeconds);
            }
        }
        return "not within " + history.size() + " epochs";
    }

    private void write(Path out, List<Run> runs, String loadBefore, String loadAfter, double seconds) throws IOException {
        StringBuilder s = new StringBuilder();
        s.append("# Distributed training on a loopback Spark cluster\n\n");
        s.append("Measured ").append(LocalDate.now()).append(" by `spark/bench.sh").append(quick ? " --quick" : "")
                .append("` (`dev.backprop.spark.DistributedBenchmark`, ").append(String.format(Locale.ROOT, "%.0f", seconds))
                .append(" s). Machine: ").append(Machine.describe()).append("; load average before ")
                .append(loadBefore).append(", after ").append(loadAfter).append(".\n\n");
        s.append("Setup: Spark ").append(org.apache.spark.package$.MODULE$.SPARK_VERSION())
                .append(" standalone on 127.0.0.1, a Master and two Workers of one core each (separate JVMs), executors of ")
                .append("one core, SIMD engine with one thread on every executor and on the driver; the book's network ")
                .append("[784, 30, 10], η = 3, N(0, 1) weights, 8,000 training and 2,000 test digits (data/mnist10k), ")
                .append("target ").append((int) (TARGET * 100)).append(" % test accuracy.\n\n");
        s.append(READING).append("\n\n");
        s.append("| run | partitions | examples/s | median round | time to ").append((int) (TARGET * 100))
                .append(" % | test accuracy by epoch |\n|---|---:|---:|---:|---|---|\n");
        for (Run r : runs) {
            s.append(String.format(Locale.ROOT, "| %s | %d | %.0f | %s | %s | %s |%n", r.what(), r.partitions(),
                    r.examplesPerSecond(), Double.isNaN(r.medianRoundMs()) ? "–" : String.format(Locale.ROOT, "%.1f ms",
                            r.medianRoundMs()), r.timeToTarget(), accuracies(r.accuracies())));
        }
        s.append("\nRound overhead: mode 1 with one example per partition (100 rounds each), two executors, so ")
                .append("that a round is almost only broadcast, scheduling, tasks and results.\n\n")
                .append("| partitions (tasks per round) | median round |\n|---:|---:|\n");
        for (double[] o : overheads) {
            s.append(String.format(Locale.ROOT, "| %d | %.1f ms |%n", (int) o[0], o[1]));
        }
        CostModel model = CostModel.fit(overheads, runs.get(0).examplesPerSecond(), start().network().parameterCount());
        modelCheck(s, model, runs);
        Files.writeString(out, s.toString());
    }

    /** The model of docs/distributed.md with this run's constants, against the measured rounds, and on paper. */
    private static void modelCheck(StringBuilder s, CostModel model, List<Run> runs) {
        s.append(String.format(Locale.ROOT, "%nCost model (docs/distributed.md) with these constants: T₀ = %.1f ms and "
                        + "t_task = %.2f ms per partition (least squares over the table above), τ = %.1f µs per example "
                        + "(local, 1 thread, mini-batches of %d), W = %d parameters, S = 4W = %.1f KiB.%n%n",
                model.fixedMs(), model.perTaskMs(), model.exampleMs() * 1000, BATCH, model.parameters(),
                model.bytes() / 1024.0));
        s.append("| run | partitions | round: model | round: measured | examples/s: model | examples/s: measured |\n")
                .append("|---|---:|---:|---:|---:|---:|\n");
        for (Run r : runs) {
            if (r.mode() == null || r.what().contains("one epoch of")) {
                continue;
            }
            double inf = Double.POSITIVE_INFINITY;
            s.append(String.format(Locale.ROOT, "| %s | %d | %.1f ms | %.1f ms | %.0f | %.0f |%n", r.what(), r.partitions(),
                    model.roundMs(r.mode(), r.batch(), r.partitions(), inf), r.medianRoundMs(),
                    model.examplesPerSecond(r.mode(), r.batch(), r.partitions(), inf), r.examplesPerSecond()));
        }
        s.append(String.format(Locale.ROOT, "%nOn paper, for P single-core executors behind a driver with 10 Gbit/s "
                + "(B = 1.25 GB/s; c = 1 ns per value combined), the book's network, mini-batches of %d: the overhead of "
                + "a round, and what 80 %% scaling (computing ≥ 4 × the overhead) asks of each mode.%n%n", BATCH));
        s.append("| executors P | bytes per round 2PS | overhead per round | mode 2: k for 80 % | mode 2: rounds per "
                + "epoch of 60,000 at that k | mode 1: global mini-batch for 80 % | mode 2 with Adam (state: 2S more "
                + "each way): bytes, overhead, k for 80 % |\n|---:|---:|---:|---:|---:|---:|---:|\n");
        for (int p : new int[] {2, 8, 64, 512}) {
            long k = model.localStepsFor80Percent(BATCH, p, CostModel.TEN_GIGABIT, 1);
            s.append(String.format(Locale.ROOT, "| %d | %.1f MiB | %.0f ms | %d | %s | %d | %.1f MiB, %.0f ms, %d |%n", p,
                    2.0 * p * model.bytes() / (1 << 20), model.overheadMs(p, CostModel.TEN_GIGABIT), k,
                    rounds(60000, p, k), model.globalBatchFor80Percent(p, CostModel.TEN_GIGABIT),
                    2.0 * p * 3 * model.bytes() / (1 << 20), model.overheadMs(p, CostModel.TEN_GIGABIT, 3),
                    model.localStepsFor80Percent(BATCH, p, CostModel.TEN_GIGABIT, 3)));
        }
    }

    /** ⌈⌈(n/P)/m⌉/k⌉, or "< 1" when one round would hold more than an epoch. */
    private static String rounds(int n, int partitions, long k) {
        long batches = (n / partitions + BATCH - 1) / BATCH;
        return k > batches ? "< 1 (k > " + batches + " steps per epoch)" : Long.toString((batches + k - 1) / k);
    }

    private static String accuracies(double[] values) {
        StringBuilder s = new StringBuilder();
        for (double v : values) {
            s.append(s.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.1f", 100 * v));
        }
        return s.toString();
    }
}
