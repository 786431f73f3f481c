package dev.backprop.spark;

import dev.backprop.Evaluation;
import dev.backprop.TrainingOrder;
import dev.backprop.spi.Engine;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * The rounds of a run, per {@link Mode}: what one round ships, what the partitions compute, and
 * how the driver gets the next parameters from their results.
 */
final class Rounds {
    private final NetworkShape shape;
    private final SparkTrainer settings;
    private final JavaRDD<Shard> shards;
    private final ShardSizes sizes;
    private final JavaSparkContext sc;
    private final int[] offsets;
    private DriverParameters driver;
    private DriverStep rule;
    private float eta;
    private float decay;

    Rounds(NetworkShape shape, SparkTrainer settings, JavaRDD<Shard> shards, ShardSizes sizes) {
        this.shape = shape;
        this.settings = settings;
        this.shards = shards;
        this.sizes = sizes;
        this.sc = JavaSparkContext.fromSparkContext(shards.context());
        this.offsets = sizes.offsets();
    }

    JavaSparkContext context() {
        return sc;
    }

    ShardSizes sizes() {
        return sizes;
    }

    /** Prepares the driver's side: η and ηλ/n as Trainer computes them, and mode 1's parameters in the engine. */
    void start(Engine driverEngine, float[] initial, int n) {
        eta = (float) settings.learningRate();
        decay = (float) (settings.learningRate() * settings.lambda() / n); // Eq. 93: weights shrink by ηλ/n per step
        if (settings.mode() instanceof Mode.SynchronousGradient) {
            driver = new DriverParameters(driverEngine, shape.network());
            driver.set(initial);
            rule = DriverStep.sgd(eta, decay);
        }
    }

    /** Rounds in an epoch: mode 1, one per global mini-batch; mode 2, ⌈(most local batches) / k⌉. */
    int count(TrainingOrder order) {
        if (settings.mode() instanceof Mode.LocalSteps local) {
            int batches = sizes.mostLocalBatches(order.miniBatchSize());
            return (batches + local.k() - 1) / local.k();
        }
        return order.batches();
    }

    /** Runs round {@code round} of the epoch from {@code current} and returns the next parameters. */
    Combine.Combined run(float[] current, Broadcast<int[]> epochOrder, TrainingOrder order, int round) {
        Broadcast<float[]> parameters = sc.broadcast(current);
        try {
            RoundTask task;
            if (settings.mode() instanceof Mode.LocalSteps local) {
                task = new RoundTask.LocalSteps(shape, settings.engine(), parameters, epochOrder, offsets,
                        order.miniBatchSize(), local.k(), round, eta, decay);
            } else {
                task = new RoundTask.Gradient(shape, settings.engine(), parameters, epochOrder, offsets,
                        order.batchStart(round), order.batchEnd(round));
            }
            // collect() returns the results by partition index, whatever order the tasks finished in.
            List<PartialResult> results = shards.mapPartitionsWithIndex(task, false).collect();
            checkOneEngine(results);
            Combine.Combined combined = Combine.weightedMean(results);
            if (driver == null) {
                return combined; // mode 2: the average is the next parameters
            }
            // Mode 1: the combined gradient of the global mini-batch, applied by the driver's engine.
            driver.step(combined.values(), rule);
            float[] next = new float[current.length];
            driver.get(next);
            return new Combine.Combined(next, combined.cost(), combined.examples(), combined.partitions());
        } finally {
            parameters.destroy();
        }
    }

    /** The training-set monitors on the executors, combined in partition order. */
    Evaluation evaluateTraining(float[] current) {
        Broadcast<float[]> parameters = sc.broadcast(current);
        try {
            return EvaluationTask.combine(shards.mapPartitionsWithIndex(
                    new EvaluationTask(shape, settings.engine(), parameters), false).collect());
        } finally {
            parameters.destroy();
        }
    }

    /**
     * Partitions computed on different engines would make the bits depend on which executor ran
     * which partition: refused, with the engines and their partitions named.
     */
    private static void checkOneEngine(List<PartialResult> results) {
        Map<String, StringBuilder> partitions = new TreeMap<>();
        for (PartialResult r : results) {
            if (r.engine() != null) {
                StringBuilder s = partitions.computeIfAbsent(r.engine(), e -> new StringBuilder());
                s.append(s.length() == 0 ? "" : ", ").append(r.partition());
            }
        }
        if (partitions.size() > 1) {
            StringBuilder s = new StringBuilder("partitions ran on different engines (");
            partitions.forEach((engine, list) -> s.append(engine).append(": partitions ").append(list).append("; "));
            s.setLength(s.length() - 2);
            throw new IllegalStateException(s.append("); the result would depend on which executor ran which partition. "
                    + "Give every executor the same engine: SparkTrainer.builder().engine(NAME), or "
                    + "-Dbackprop.engine=NAME (and the same JVM flags) in spark.executor.extraJavaOptions").toString());
        }
    }
}
