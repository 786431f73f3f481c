package dev.backprop.spark;

import dev.backprop.EpochReport;
import dev.backprop.Parameters;
import dev.backprop.Trainer;
import dev.backprop.TrainingListener;

import java.util.List;
import java.util.Objects;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Row;

/**
 * Mini-batch SGD on a Spark cluster, data-parallel: the examples stay in their partitions on the
 * executors, every executor computes with a backprop engine it finds through
 * {@link dev.backprop.Engines} (as a program of its own would), and the driver owns the order
 * and the step. Two {@link Mode}s: one global mini-batch step per round, or k local steps per
 * partition and then averaging.
 *
 * <pre>{@code
 * SparkTrainer trainer = SparkTrainer.builder()
 *         .mode(Mode.localSteps(50))
 *         .learningRate(3.0).epochs(10).miniBatchSize(10).seed(1)
 *         .listener(report -> System.out.println(report))
 *         .build();
 * trainer.train(parameters, examples, mnist.test());        // JavaRDD<Example>, partitioned by you
 * trainer.train(parameters, frame, "features", "label", mnist.test());   // Spark ML's layout
 * ModelFile.save(network, parameters, Path.of("model.npz"));   // an ordinary model file
 * }</pre>
 *
 * <p>The result depends on the data, its partitioning (the examples of partition 0, then of
 * partition 1, …, each in its own order: the global numbering the seeded shuffle permutes), the
 * seed and the engine; never on task completion order, retries, or how many executors there are.
 * With one partition, both modes compute exactly what {@link Trainer} computes with the same
 * settings and engine, bit for bit. Every executor must run the same engine (checked each
 * round).
 *
 * <p>Bad examples (wrong width, NaN, label out of range) stop training before the first round
 * with an {@link IllegalArgumentException} naming the partition and the row. A NaN or infinite
 * cost or parameter stops it with a {@link dev.backprop.TrainingDivergedException}, the caller's
 * parameters keeping the values of the last finished epoch.
 */
public final class SparkTrainer {
    private final Mode mode;
    private final Trainer settings;
    private final String engine;
    private final TrainingListener listener;
    private final boolean monitorTrainingCost;
    private final boolean monitorTrainingAccuracy;
    private final boolean monitorEvaluationCost;
    private final boolean monitorEvaluationAccuracy;

    private SparkTrainer(Builder b) {
        mode = b.mode;
        settings = b.settings.build();
        engine = b.engine;
        listener = b.listener;
        monitorTrainingCost = b.monitorTrainingCost;
        monitorTrainingAccuracy = b.monitorTrainingAccuracy;
        monitorEvaluationCost = b.monitorEvaluationCost;
        monitorEvaluationAccuracy = b.monitorEvaluationAccuracy;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Trains {@code parameters} in place on the examples of {@code examples}, one shard per
     * partition, cached on the executors for the run.
     *
     * @param evaluation data the driver evaluates after each epoch (network2.py's evaluation
     *     monitors), or null
     * @return one report per epoch
     */
    public List<EpochReport> train(Parameters parameters, JavaRDD<Example> examples,
                                   dev.backprop.data.Dataset evaluation) {
        Objects.requireNonNull(examples, "examples");
        return new TrainingRun(this, parameters, evaluation).train(examples, ExampleDecoder.Examples.INSTANCE);
    }

    /**
     * Trains {@code parameters} in place on a Spark SQL data set in Spark ML's layout: a features
     * column (ML {@code Vector}, {@code array<float>} or {@code array<double>}) and a label column
     * holding class indices 0, 1, … (any numeric type). The data set's partitions are the shards.
     *
     * @throws IllegalArgumentException if a column is missing or of another type, before any job runs
     */
    public List<EpochReport> train(Parameters parameters, org.apache.spark.sql.Dataset<Row> frame, String featuresColumn,
                                   String labelColumn, dev.backprop.data.Dataset evaluation) {
        Objects.requireNonNull(frame, "frame");
        RowDecoder decoder = RowDecoder.of(frame.schema(), featuresColumn, labelColumn);
        JavaRDD<Row> rows = frame.select(frame.col(featuresColumn), frame.col(labelColumn)).javaRDD();
        return new TrainingRun(this, parameters, evaluation).train(rows, decoder);
    }

    public Mode mode() {
        return mode;
    }

    public double learningRate() {
        return settings.learningRate();
    }

    public double lambda() {
        return settings.lambda();
    }

    public int epochs() {
        return settings.epochs();
    }

    public int miniBatchSize() {
        return settings.miniBatchSize();
    }

    public long seed() {
        return settings.seed();
    }

    /** The engine every JVM of the run opens, or null for {@link dev.backprop.Engines}' choice on each. */
    public String engine() {
        return engine;
    }

    TrainingListener listener() {
        return listener;
    }

    boolean monitorTrainingCost() {
        return monitorTrainingCost;
    }

    boolean monitorTrainingAccuracy() {
        return monitorTrainingAccuracy;
    }

    boolean monitorEvaluationCost() {
        return monitorEvaluationCost;
    }

    boolean monitorEvaluationAccuracy() {
        return monitorEvaluationAccuracy;
    }

    @Override
    public String toString() {
        return "SparkTrainer[" + mode + ", η = " + learningRate() + ", λ = " + lambda() + ", mini-batch "
                + miniBatchSize() + ", " + epochs() + " epochs, seed " + seed() + ", engine "
                + (engine == null ? "chosen by each JVM" : engine) + "]";
    }

    /**
     * Settings for a {@link SparkTrainer}; each is checked when set, with {@link Trainer.Builder}'s
     * rules and messages (the two trainers take the same hyper-parameters).
     */
    public static final class Builder {
        private Mode mode = Mode.synchronousGradient();
        private final Trainer.Builder settings = Trainer.builder();
        private String engine;
        private TrainingListener listener = report -> { };
        private boolean monitorTrainingCost;
        private boolean monitorTrainingAccuracy;
        private boolean monitorEvaluationCost;
        private boolean monitorEvaluationAccuracy = true;

        private Builder() {
        }

        /** Synchronous gradient unless set. */
        public Builder mode(Mode mode) {
            this.mode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /** η; 3.0 unless set. */
        public Builder learningRate(double eta) {
            settings.learningRate(eta);
            return this;
        }

        /** λ of L2 regularisation (n is the size of the whole distributed training set); 0 unless set. */
        public Builder lambda(double lambda) {
            settings.lambda(lambda);
            return this;
        }

        /** Passes over the training data; 30 unless set. */
        public Builder epochs(int epochs) {
            settings.epochs(epochs);
            return this;
        }

        /**
         * m: mode 1, the global mini-batch of one step (shared among the partitions); mode 2, the
         * mini-batch of each local step. 10 unless set.
         */
        public Builder miniBatchSize(int size) {
            settings.miniBatchSize(size);
            return this;
        }

        /** The seed of the shuffling; 1 unless set. */
        public Builder seed(long seed) {
            settings.seed(seed);
            return this;
        }

        /**
         * The engine every JVM opens, by name ("ref", "simd", …); unless set, each JVM makes
         * {@link dev.backprop.Engines}' choice (honouring {@code -Dbackprop.engine} there).
         */
        public Builder engine(String name) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("engine name must not be blank");
            }
            this.engine = name.trim();
            return this;
        }

        /** Per epoch, and per round (as batches; a {@link RoundListener} gets the round reports too). */
        public Builder listener(TrainingListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** network2.py's {@code monitor_training_cost}, computed on the executors; off unless set. */
        public Builder monitorTrainingCost(boolean on) {
            this.monitorTrainingCost = on;
            return this;
        }

        /** network2.py's {@code monitor_training_accuracy}, computed on the executors; off unless set. */
        public Builder monitorTrainingAccuracy(boolean on) {
            this.monitorTrainingAccuracy = on;
            return this;
        }

        /** network2.py's {@code monitor_evaluation_cost}, on the driver; off unless set. */
        public Builder monitorEvaluationCost(boolean on) {
            this.monitorEvaluationCost = on;
            return this;
        }

        /** network2.py's {@code monitor_evaluation_accuracy}, on the driver; on unless set. */
        public Builder monitorEvaluationAccuracy(boolean on) {
            this.monitorEvaluationAccuracy = on;
            return this;
        }

        public SparkTrainer build() {
            return new SparkTrainer(this);
        }
    }
}
