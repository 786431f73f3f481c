package dev.backprop.spark;

import dev.backprop.Backpropagation;
import dev.backprop.Evaluation;
import dev.backprop.TrainingOrder;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * The rounds of a run: what one round ships, what the partitions compute, and how the driver
 * gets the next parameters from their results; one subclass per {@link Mode}
 * ({@link GradientRounds}, {@link LocalStepRounds}). The parameters live here between rounds.
 */
abstract class Rounds {
    final NetworkShape shape;
    final SparkTrainer settings;
    final StepRule rule;
    final JavaRDD<Shard> shards;
    final ShardSizes sizes;
    final JavaSparkContext sc;
    final int[] offsets;

    Rounds(NetworkShape shape, SparkTrainer settings, JavaRDD<Shard> shards, ShardSizes sizes) {
        this.shape = shape;
        this.settings = settings;
        this.shards = shards;
        this.sizes = sizes;
        this.sc = JavaSparkContext.fromSparkContext(shards.context());
        this.offsets = sizes.offsets();
        this.rule = new StepRule(OptimizerSpec.of(settings.optimizer()), settings.lambda(), settings.lambda1(),
                sizes.total(), settings.dropout(), settings.warmUp());
    }

    /**
     * The rounds of {@code settings.mode()}, starting from {@code initial} ({@link Flat} layout).
     *
     * @param driver a session on the driver's engine: mode 1 steps with it
     */
    static Rounds of(NetworkShape shape, SparkTrainer settings, JavaRDD<Shard> shards, ShardSizes sizes,
                     Backpropagation driver, float[] initial) {
        if (settings.mode() instanceof Mode.LocalSteps local) {
            return new LocalStepRounds(shape, settings, shards, sizes, local.k(), driver, initial);
        }
        return new GradientRounds(shape, settings, shards, sizes, driver, initial);
    }

    JavaSparkContext context() {
        return sc;
    }

    ShardSizes sizes() {
        return sizes;
    }

    /** The step's rule; its penalty is also added to the monitored costs. */
    StepRule rule() {
        return rule;
    }

    /** Rounds in an epoch of {@code order}. */
    abstract int count(TrainingOrder order);

    /**
     * Runs round {@code round} of {@code epoch}; afterwards {@link #parameters()} are the next ones.
     *
     * @param eta the epoch's η (η₀ times the schedule's factor)
     * @return the round's cost, examples and contributing partitions (its values are not the parameters)
     */
    abstract Combine.Combined run(Broadcast<int[]> epochOrder, TrainingOrder order, int epoch, double eta, int round);

    /** The current parameters, {@link Flat} layout; not to be changed. */
    abstract float[] parameters();

    /** One task per partition; the results in partition order, checked to come from one engine. */
    List<PartialResult> collect(RoundTask task) {
        // collect() returns the results by partition index, whatever order the tasks finished in.
        List<PartialResult> results = shards.mapPartitionsWithIndex(task, false).collect();
        checkOneEngine(results);
        return results;
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
