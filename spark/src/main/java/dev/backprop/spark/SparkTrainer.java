package dev.backprop.spark;

import dev.backprop.EpochReport;
import dev.backprop.Optimizer;
import dev.backprop.Parameters;
import dev.backprop.Schedule;
import dev.backprop.Trainer;
import dev.backprop.TrainingListener;

import java.util.List;
import java.util.Objects;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Row;

/**
 * Mini-batch training on a Spark cluster, data-parallel: the examples stay in their partitions
 * on the executors, every executor computes with a backprop engine it finds through
 * {@link dev.backprop.Engines} (as a program of its own would), and the driver owns the order
 * and the step. Two {@link Mode}s: one global mini-batch step per round, or k local steps per
 * partition and then averaging. The step is {@link Trainer}'s, with chapter 3's settings: any
 * {@link Optimizer}, L2 and L1, dropout, a {@link Schedule} of η and a warm-up.
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
 *
 * SparkTrainer.builder().mode(Mode.synchronousGradient())   // chapter 3's settings, as Trainer takes them
 *         .optimizer(Optimizer.adam()).learningRate(0.001).lambda1(1e-4)
 *         .dropout(0.5).schedule(Schedule.step(10, 0.5)).warmUp(1)...
 * }</pre>
 *
 * <p>Mode 1's optimiser state stays in the driver's engine; mode 2's travels with the parameters
 * and is averaged with them (Adam's two moments triple what a round ships). Not here, unlike
 * {@link Trainer}: validation data, early stopping and the halving schedule (nothing watches a
 * metric), checkpoints and resuming.
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
    private final Optimizer optimizer;
    private final double lambda1;
    private final double dropout;
    private final Schedule schedule;
    private final int warmUp;
    private final String engine;
    private final TrainingListener listener;
    private final boolean monitorTrainingCost;
    private final boolean monitorTrainingAccuracy;
    private final boolean monitorEvaluationCost;
    private final boolean monitorEvaluationAccuracy;

    private SparkTrainer(Builder b) {
        mode = b.mode;
        settings = b.trainer.build();
        optimizer = b.optimizer;
        lambda1 = b.lambda1;
        dropout = b.dropout;
        schedule = b.schedule;
        warmUp = b.warmUp;
        engine = b.engine;
        listener = b.listener;
        monitorTrainingCost = b.monitorTrainingCost;
        monitorTrainingAccuracy = b.monitorTrainingAccuracy;
        monitorEvaluationCost = b.monitorEvaluationCost;
        monitorEvaluationAccuracy = b.monitorEvaluationAccuracy;
    }

    /**
     * Starts a trainer with {@link Trainer}'s defaults (η = 3.0, 30 epochs, mini-batches of 10,
     * plain SGD, no regularisation, no dropout, a constant η, seed 1, evaluation accuracy
     * monitored) in {@link Mode#synchronousGradient()}, each JVM choosing its engine.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Trains {@code parameters} in place on the examples of {@code examples}, one shard per
     * partition, cached on the executors for the run. One job first decodes, checks and counts
     * every partition; only then does the driver open its engine and start the first round. After
     * each epoch {@code parameters} holds that epoch's values; if training diverges it keeps those
     * of the last finished epoch.
     *
     * @param parameters the starting weights and biases, all finite; overwritten with the trained
     *     ones after each epoch
     * @param examples the training examples, all labelled or all with target vectors, of the
     *     network's input and output widths, at least one in some partition; their partitioning
     *     and the order within each partition are part of what the result depends on (see
     *     {@link Examples#distribute} for data the driver holds). n in ηλ/n is their total number
     * @param evaluation data the driver evaluates after each epoch (network2.py's evaluation
     *     monitors), or null
     * @return one report per epoch, in order
     * @throws IllegalArgumentException if an example is bad (its partition and row named), the
     *     partitions mix labels and target vectors, there are no examples, the evaluation data does
     *     not fit the network, a parameter is not finite, or the named engine is not on the
     *     driver's class path
     * @throws IllegalStateException if the context's {@code spark.serializer} is not Spark's
     *     default, partitions report different engines, or the driver's engine is unavailable
     * @throws dev.backprop.TrainingDivergedException if a parameter or the cost becomes NaN or
     *     infinite
     * @throws NullPointerException if {@code parameters} or {@code examples} is null
     */
    public List<EpochReport> train(Parameters parameters, JavaRDD<Example> examples,
                                   dev.backprop.data.Dataset evaluation) {
        Objects.requireNonNull(examples, "examples");
        return new TrainingRun(this, parameters, evaluation).train(examples, ExampleDecoder.Examples.INSTANCE);
    }

    /**
     * Trains {@code parameters} in place on a Spark SQL data set in Spark ML's layout: a features
     * column (ML {@code Vector}, {@code array<float>} or {@code array<double>}) and a label column
     * holding class indices 0, 1, … (any numeric type). The data set's partitions are the shards;
     * otherwise this is {@link #train(Parameters, JavaRDD, dev.backprop.data.Dataset)}.
     *
     * @param parameters the starting weights and biases, all finite; overwritten with the trained
     *     ones after each epoch
     * @param frame the training data, one example per row; a row whose features are null, of the
     *     wrong width or not finite, or whose label is not a class index, stops training before
     *     the first round
     * @param featuresColumn the name of the column holding x, as wide as the network's input
     * @param labelColumn the name of the column holding the class index, below the network's
     *     output width
     * @param evaluation data the driver evaluates after each epoch, or null
     * @return one report per epoch, in order
     * @throws IllegalArgumentException if a column is missing or of another type (before any job
     *     runs), or for the reasons {@link #train(Parameters, JavaRDD, dev.backprop.data.Dataset)}
     *     gives
     * @throws IllegalStateException if the context's {@code spark.serializer} is not Spark's
     *     default, partitions report different engines, or the driver's engine is unavailable
     * @throws dev.backprop.TrainingDivergedException if a parameter or the cost becomes NaN or
     *     infinite
     * @throws NullPointerException if {@code parameters} or {@code frame} is null
     */
    public List<EpochReport> train(Parameters parameters, org.apache.spark.sql.Dataset<Row> frame, String featuresColumn,
                                   String labelColumn, dev.backprop.data.Dataset evaluation) {
        Objects.requireNonNull(frame, "frame");
        RowDecoder decoder = RowDecoder.of(frame.schema(), featuresColumn, labelColumn);
        JavaRDD<Row> rows = frame.select(frame.col(featuresColumn), frame.col(labelColumn)).javaRDD();
        return new TrainingRun(this, parameters, evaluation).train(rows, decoder);
    }

    /**
     * How the partitions share a round's work.
     *
     * @return {@link Mode#synchronousGradient()} or a {@link Mode#localSteps(int)}
     */
    public Mode mode() {
        return mode;
    }

    /**
     * The step size η (η₀ of the schedule), in the driver's step (mode 1) or each local step (mode 2).
     *
     * @return η, positive
     */
    public double learningRate() {
        return settings.learningRate();
    }

    /**
     * The L2 regularisation parameter (Eq. 93 with SGD, (λ/n)·w in the gradient with the other
     * rules); n is the size of the whole distributed training set, in both modes.
     *
     * @return λ, 0 for no regularisation
     */
    public double lambda() {
        return settings.lambda();
    }

    /**
     * How many passes over the training data a {@code train} call makes.
     *
     * @return the number of epochs, at least 1
     */
    public int epochs() {
        return settings.epochs();
    }

    /**
     * The examples per gradient step: in mode 1 the global mini-batch, shared among the
     * partitions; in mode 2 the mini-batch of each local step.
     *
     * @return m, at least 1
     */
    public int miniBatchSize() {
        return settings.miniBatchSize();
    }

    /**
     * The seed of the shuffling ({@link dev.backprop.TrainingOrder} over the global numbering)
     * and of the dropout masks, the one source of randomness in training.
     *
     * @return the seed each {@code train} call starts its order with
     */
    public long seed() {
        return settings.seed();
    }

    /**
     * The rule of each step: the driver's (mode 1) or each local step's (mode 2).
     *
     * @return the optimiser, {@link Optimizer#sgd()} unless set
     */
    public Optimizer optimizer() {
        return optimizer;
    }

    /**
     * The L1 regularisation parameter (Eq. 95–97); n in λ₁/n is the size of the whole distributed
     * training set.
     *
     * @return λ₁, 0 for none
     */
    public double lambda1() {
        return lambda1;
    }

    /**
     * The probability that a hidden neuron is dropped while training.
     *
     * @return p, 0 for no dropout
     */
    public double dropout() {
        return dropout;
    }

    /**
     * How η changes from epoch to epoch.
     *
     * @return the schedule, {@link Schedule#constant()} unless set
     */
    public Schedule schedule() {
        return schedule;
    }

    /**
     * The epochs of the linear warm-up of η.
     *
     * @return the warm-up's epochs, 0 for none
     */
    public int warmUp() {
        return warmUp;
    }

    /**
     * The engine every JVM of the run opens, driver and executors.
     *
     * @return the engine's name, or null for {@link dev.backprop.Engines}' choice on each JVM
     */
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
        return "SparkTrainer[" + mode + ", " + optimizer + ", η = " + learningRate() + ", λ = " + lambda()
                + (lambda1 == 0 ? "" : ", λ₁ = " + lambda1) + (dropout == 0 ? "" : ", dropout " + dropout)
                + (schedule.equals(Schedule.constant()) ? "" : ", schedule " + schedule)
                + (warmUp == 0 ? "" : ", warm-up " + warmUp + " epochs") + ", mini-batch " + miniBatchSize() + ", "
                + epochs() + " epochs, seed " + seed() + ", engine " + (engine == null ? "chosen by each JVM" : engine)
                + "]";
    }

    /**
     * Settings for a {@link SparkTrainer}; each is checked when set, by a {@link Trainer.Builder}
     * the setters hand it to first, so the rules and messages are {@link Trainer}'s (the two
     * trainers take the same hyper-parameters).
     */
    public static final class Builder extends HyperParameters {
        private Mode mode = Mode.synchronousGradient();
        private String engine;
        private TrainingListener listener = report -> { };
        private boolean monitorTrainingCost;
        private boolean monitorTrainingAccuracy;
        private boolean monitorEvaluationCost;
        private boolean monitorEvaluationAccuracy = true;

        private Builder() {
        }

        /**
         * Sets how the partitions share a round's work; {@link Mode#synchronousGradient()} unless
         * set. See {@link Mode} for what each computes and when to use it.
         *
         * @param mode {@link Mode#synchronousGradient()} or {@link Mode#localSteps(int)}
         * @return this builder
         * @throws NullPointerException if {@code mode} is null
         */
        public Builder mode(Mode mode) {
            this.mode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /**
         * Sets the engine every JVM opens, by name ("ref", "simd", …); unless set, each JVM makes
         * {@link dev.backprop.Engines}' choice (honouring {@code -Dbackprop.engine} there). Every
         * executor must end up with the same engine, or training stops.
         *
         * @param name the engine's name, not blank; surrounding spaces are dropped. Whether it is
         *     on the class path is checked when training starts
         * @return this builder
         * @throws IllegalArgumentException if {@code name} is null or blank
         */
        public Builder engine(String name) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("engine name must not be blank");
            }
            this.engine = name.trim();
            return this;
        }

        /**
         * Sets who is told about progress, on the driver's training thread; nothing unless set.
         *
         * @param listener called after each round (as {@code batchFinished(epoch, round, rounds)},
         *     and, for a {@link RoundListener}, with a {@link RoundReport}) and after each epoch
         * @return this builder
         * @throws NullPointerException if {@code listener} is null
         */
        public Builder listener(TrainingListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * network2.py's {@code monitor_training_cost}: the cost over the whole training set after
         * each epoch, into {@link dev.backprop.EpochReport#trainingCost()}, computed on the
         * executors; off unless set.
         *
         * @param on whether to measure it (one more job per epoch, a feedforward pass over every
         *     partition)
         * @return this builder
         */
        public Builder monitorTrainingCost(boolean on) {
            this.monitorTrainingCost = on;
            return this;
        }

        /**
         * network2.py's {@code monitor_training_accuracy}, into
         * {@link dev.backprop.EpochReport#trainingAccuracy()}, computed on the executors; off
         * unless set.
         *
         * @param on whether to measure it (shares its job with the training cost)
         * @return this builder
         */
        public Builder monitorTrainingAccuracy(boolean on) {
            this.monitorTrainingAccuracy = on;
            return this;
        }

        /**
         * network2.py's {@code monitor_evaluation_cost}, into
         * {@link dev.backprop.EpochReport#evaluationCost()}, computed on the driver; off unless
         * set. Without evaluation data it measures nothing.
         *
         * @param on whether to measure it
         * @return this builder
         */
        public Builder monitorEvaluationCost(boolean on) {
            this.monitorEvaluationCost = on;
            return this;
        }

        /**
         * network2.py's {@code monitor_evaluation_accuracy}, into
         * {@link dev.backprop.EpochReport#evaluationAccuracy()}, computed on the driver; on unless
         * set. Without evaluation data it measures nothing.
         *
         * @param on whether to measure it
         * @return this builder
         */
        public Builder monitorEvaluationAccuracy(boolean on) {
            this.monitorEvaluationAccuracy = on;
            return this;
        }

        /**
         * Makes the trainer; every setting was checked when it was set. The builder may go on
         * being used: later changes do not reach trainers already built.
         *
         * @return a trainer with these settings
         */
        public SparkTrainer build() {
            return new SparkTrainer(this);
        }
    }
}
