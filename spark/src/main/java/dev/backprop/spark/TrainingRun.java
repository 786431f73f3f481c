package dev.backprop.spark;

import dev.backprop.Backpropagation;
import dev.backprop.Engines;
import dev.backprop.EpochReport;
import dev.backprop.Evaluation;
import dev.backprop.Evaluator;
import dev.backprop.Network;
import dev.backprop.Parameters;
import dev.backprop.TrainingDivergedException;
import dev.backprop.TrainingListener;
import dev.backprop.TrainingOrder;
import dev.backprop.data.Dataset;
import dev.backprop.spi.Engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;

/**
 * One run of {@link SparkTrainer} on the driver: reads the partitions into cached shards, then
 * for each epoch takes the seeded order of {@link TrainingOrder} and runs its rounds (broadcast
 * the parameters, one task per partition, collect in partition order, {@link Combine}, step or
 * average), reporting to the listener as local training does.
 */
final class TrainingRun {
    static final String JAVA_SERIALIZER = "org.apache.spark.serializer.JavaSerializer";

    private final SparkTrainer settings;
    private final Parameters parameters;
    private final Network network;
    private final Dataset evaluation;
    private final TrainingListener listener;

    TrainingRun(SparkTrainer settings, Parameters parameters, Dataset evaluation) {
        this.settings = settings;
        this.parameters = Objects.requireNonNull(parameters, "parameters");
        this.network = parameters.network();
        this.evaluation = evaluation;
        this.listener = settings.listener();
        if (evaluation != null && (evaluation.inputWidth() != network.inputWidth()
                || evaluation.outputWidth() != network.outputWidth() || evaluation.size() == 0)) {
            throw new IllegalArgumentException("evaluation data " + evaluation + " does not fit " + network
                    + " (it needs " + network.inputWidth() + " inputs, " + network.outputWidth()
                    + " targets and at least one example)");
        }
        if (parameters.firstNonFinite() != null) {
            throw new IllegalArgumentException("parameters to train are not finite: " + parameters.firstNonFinite());
        }
    }

    <T> List<EpochReport> train(JavaRDD<T> items, ExampleDecoder<T> decoder) {
        requireJavaSerializer(items.context().getConf());
        NetworkShape shape = NetworkShape.of(network);
        JavaRDD<Shard> shards = items
                .mapPartitionsWithIndex(new ShardReader<>(decoder, network.inputWidth(), network.outputWidth()), true)
                .setName("backprop shards of " + network)
                .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            return epochs(shape, shards, ShardSizes.read(shards));
        } finally {
            shards.unpersist(false);
        }
    }

    private List<EpochReport> epochs(NetworkShape shape, JavaRDD<Shard> shards, ShardSizes sizes) {
        int n = sizes.total();
        TrainingOrder order = new TrainingOrder(n, settings.miniBatchSize(), settings.seed());
        Parameters checked = parameters.copy();
        List<EpochReport> history = new ArrayList<>();
        try (Engine engine = openDriverEngine();
             Backpropagation driver = Backpropagation.open(engine, network)) {
            Rounds rounds = Rounds.of(shape, settings, shards, sizes, driver, Flat.pack(parameters));
            JavaSparkContext sc = rounds.context();
            for (int epoch = 1; epoch <= settings.epochs(); epoch++) {
                // The schedule's η for this epoch, as Trainer computes it (its halving factor is 1 here).
                double eta = settings.learningRate() * settings.schedule().factor(epoch);
                Broadcast<int[]> epochOrder = sc.broadcast(order.nextEpoch());
                long start = System.nanoTime();
                try {
                    int count = rounds.count(order);
                    for (int round = 0; round < count; round++) {
                        long roundStart = System.nanoTime();
                        Combine.Combined result = rounds.run(epochOrder, order, epoch, eta, round);
                        String problem = divergence(result, rounds.parameters(), round + 1);
                        if (problem != null) {
                            throw new TrainingDivergedException(epoch, settings.learningRate(), problem);
                        }
                        double seconds = (System.nanoTime() - roundStart) / 1e9;
                        listener.batchFinished(epoch, round + 1, count);
                        if (listener instanceof RoundListener rounder) {
                            rounder.roundFinished(new RoundReport(epoch, round + 1, count, result.examples(),
                                    result.partitions(), result.cost(), seconds));
                        }
                    }
                } finally {
                    epochOrder.destroy();
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                float[] current = rounds.parameters();
                Flat.unpack(current, checked);
                parameters.copyFrom(checked);
                EpochReport report = monitor(rounds, driver, checked, current, epoch, seconds, eta);
                history.add(report);
                listener.epochFinished(report);
            }
        }
        return history;
    }

    /**
     * Refuses a context whose {@code spark.serializer} is not Spark's default Java serializer.
     * Results, broadcasts and cached partitions that move between executors go through that
     * serializer; Kryo's field serializer skips a shard's transient data set (the partition would
     * arrive empty) and cannot set a record's fields, so it would give wrong results or fail late.
     *
     * @throws IllegalStateException naming the serializer found
     */
    static void requireJavaSerializer(SparkConf conf) {
        String serializer = conf.get("spark.serializer", JAVA_SERIALIZER);
        if (!serializer.equals(JAVA_SERIALIZER)) {
            throw new IllegalStateException("backprop-spark needs Spark's default serializer (spark.serializer="
                    + JAVA_SERIALIZER + "); this application sets spark.serializer=" + serializer
                    + ". Kryo would drop data of the cached partitions; remove the setting for this application");
        }
    }

    /** The driver's engine: for mode 1's step (with the optimiser's state) and the evaluation monitors. */
    private Engine openDriverEngine() {
        Engines engines = Engines.load();
        return (settings.engine() == null ? engines.choose() : engines.choose(settings.engine())).open();
    }

    /** What became NaN or infinite in this round, or null. */
    private static String divergence(Combine.Combined result, float[] values, int round) {
        if (!Double.isFinite(result.cost())) {
            return "the cost of round " + round + " became " + result.cost();
        }
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                return "parameter " + i + " (Flat layout: W then b, layer by layer) became " + values[i] + " in round "
                        + round;
            }
        }
        return null;
    }

    private EpochReport monitor(Rounds rounds, Backpropagation driver, Parameters current, float[] flat, int epoch,
                                double seconds, double eta) {
        // Eq. 85 (and Eq. 95): the regularised cost adds the penalty, n the size of the whole training set.
        double penalty = rounds.rule().regularization().penalty(current);
        OptionalDouble trainingCost = OptionalDouble.empty();
        OptionalDouble trainingAccuracy = OptionalDouble.empty();
        if (settings.monitorTrainingCost() || settings.monitorTrainingAccuracy()) {
            Evaluation e = rounds.evaluateTraining(flat);
            trainingCost = settings.monitorTrainingCost() ? OptionalDouble.of(e.cost() + penalty) : OptionalDouble.empty();
            trainingAccuracy = settings.monitorTrainingAccuracy() ? e.accuracy() : OptionalDouble.empty();
        }
        OptionalDouble evaluationCost = OptionalDouble.empty();
        OptionalDouble evaluationAccuracy = OptionalDouble.empty();
        if (evaluation != null && (settings.monitorEvaluationCost() || settings.monitorEvaluationAccuracy())) {
            // Mode 1's session holds these values already; mode 2's gets them. Evaluating moves no parameter.
            driver.setParameters(current);
            Evaluation e = Evaluator.evaluate(driver, evaluation);
            evaluationCost = settings.monitorEvaluationCost() ? OptionalDouble.of(e.cost() + penalty) : OptionalDouble.empty();
            evaluationAccuracy = settings.monitorEvaluationAccuracy() ? e.accuracy() : OptionalDouble.empty();
        }
        return new EpochReport(epoch, settings.epochs(), seconds, trainingCost, trainingAccuracy, evaluationCost,
                evaluationAccuracy, OptionalDouble.empty(), OptionalDouble.empty(), eta);
    }
}
