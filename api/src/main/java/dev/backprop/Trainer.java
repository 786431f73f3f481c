package dev.backprop;

import dev.backprop.data.Dataset;
import dev.backprop.data.Split;
import dev.backprop.spi.Engine;
import dev.backprop.spi.EngineProvider;

import java.util.List;
import java.util.Objects;

/**
 * Mini-batch stochastic gradient descent with chapter 3's additions: network2.py's {@code SGD}
 * with L2 or L1 regularisation, dropout, momentum or Adam or RMSProp ({@link Optimizer}), a
 * learning-rate {@link Schedule}, validation data held back for early stopping, checkpoints to
 * resume from, and a listener for learning curves.
 *
 * <pre>{@code
 * Trainer trainer = Trainer.builder()
 *         .learningRate(3.0).epochs(10).miniBatchSize(10).seed(1)
 *         .listener(report -> System.out.println(report))
 *         .build();
 * List<EpochReport> history = trainer.train(parameters, mnist.training(), mnist.test());
 * }</pre>
 *
 * <p>Chapter 3's settings, each checked when set:
 *
 * <pre>{@code
 * Trainer.builder().learningRate(0.5).lambda(5.0).epochs(60).miniBatchSize(10)
 *         .optimizer(Optimizer.momentum(0.9))      // v → μv − η∂C/∂w, w → w + v
 *         .dropout(0.5)                            // hidden neurons dropped while training
 *         .validation(0.1)                         // 10 % of the training set, stratified
 *         .schedule(Schedule.halving(10))          // the book's η schedule, stops at η₀/128
 *         .earlyStopping(20)                       // and stop after 20 epochs without improvement
 *         .checkpoint(Checkpoint.in(dir), 5)       // resumable: .resume(Checkpoint.load(dir))
 *         .build();
 * }</pre>
 *
 * <p>Each epoch shuffles the training set with a generator seeded once per run
 * ({@link TrainingOrder}: java.util.Random's sequence, so the same seed, engine and data give
 * the same bits), splits it into mini-batches (the last may be smaller), and for each takes one
 * step ({@link Backpropagation#step(double, Regularization)}): plain SGD is
 * w → (1 − ηλ/n) w − (η/m) Σ_x ∂C_x/∂w. Dropout masks come from a second generator of the same
 * seed. The next mini-batch is gathered on a second thread meanwhile
 * (see {@link Builder#gatherAhead}).
 * After every epoch the parameters are read back and checked: a NaN or infinite value stops
 * training with a {@link TrainingDivergedException}; otherwise they are copied into the caller's
 * {@link Parameters}.
 *
 * <p><b>Thread safety.</b> A {@code Trainer} is immutable and may be shared; each
 * {@code train} call works on its own engine and buffers, so several threads may train at once,
 * each on its own {@link Parameters} (a {@code Parameters} must not be trained by two calls at
 * once, nor read while a call may write it back). Its {@link Builder} is not thread-safe.
 */
public final class Trainer {
    /** The settings, a private copy of the builder's. */
    private final Builder s;

    private Trainer(Builder settings) {
        this.s = settings;
    }

    /**
     * Starts a trainer with network.py's chapter 1 settings: η = 3.0, 30 epochs, mini-batches of
     * 10, plain SGD, no regularisation, no dropout, a constant η, no validation data, seed 1,
     * evaluation accuracy monitored.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Trains {@code parameters} in place on an engine of its own (the builder's, or
     * {@link Engines#open()}'s choice), which it closes at the end. Every argument is checked
     * before the engine is opened. After each epoch that ends finite, {@code parameters} holds
     * that epoch's values; if training diverges it keeps those of the last finite epoch (of the
     * best epoch, when a metric is watched and {@link Builder#restoreBest} is on). When a metric
     * is watched, the best epoch's values are restored at the end. With
     * {@link Builder#validation}, a stratified share of {@code training} (seeded by the trainer's
     * seed, {@link dev.backprop.data.Split#stratified}) is held back and measured each epoch.
     *
     * @param parameters the starting weights and biases, all finite (with {@link Builder#resume},
     *     overwritten by the checkpoint's); overwritten with the trained ones after each epoch
     * @param training the examples to learn from, non-empty, with the network's input and output
     *     widths; n in ηλ/n is the size of what is left after the validation share
     * @param evaluation data to monitor after each epoch, or null
     * @return one report per epoch, in order (after a resume, from epoch 1)
     * @throws IllegalArgumentException if a data set is empty or does not fit the network, a
     *     parameter is not finite, the watched metric needs validation data and none is held
     *     back, a checkpoint to resume from was written with other settings, the engine cannot
     *     compute the network's activations or cost, or the engine named by
     *     {@value Engines#PROPERTY} is not on the class path
     * @throws IllegalStateException if no engine is available (see {@link Engines#choose()})
     * @throws NullPointerException if {@code parameters} or {@code training} is null
     * @throws TrainingDivergedException if a parameter, the cost or the watched metric becomes
     *     NaN or infinite
     * @throws java.io.UncheckedIOException if a checkpoint cannot be written
     */
    public List<EpochReport> train(Parameters parameters, Dataset training, Dataset evaluation) {
        Dataset[] parts = checkArguments(parameters, training, evaluation);
        try (Engine opened = s.engine != null ? s.engine.open() : Engines.open()) {
            return new TrainingRun(s, opened, parameters, parts[0], parts[1], evaluation).run();
        }
    }

    /**
     * Like {@link #train(Parameters, Dataset, Dataset)} with validation data the caller held back
     * itself (a table's split, say) instead of {@link Builder#validation}'s share of
     * {@code training}: measured after every epoch and watched by early stopping.
     *
     * @param parameters the starting parameters, overwritten after each epoch
     * @param training the examples to learn from
     * @param validation the validation examples, or null for none
     * @param evaluation data to monitor after each epoch, or null
     * @return one report per epoch, in order
     * @throws IllegalArgumentException as {@link #train(Parameters, Dataset, Dataset)}, or when
     *     validation data is given and {@link Builder#validation} asked for a share as well
     * @throws TrainingDivergedException if a parameter, the cost or the watched metric becomes
     *     NaN or infinite
     */
    public List<EpochReport> train(Parameters parameters, Dataset training, Dataset validation, Dataset evaluation) {
        if (validation == null) {
            return train(parameters, training, evaluation);
        }
        if (s.validation > 0) {
            throw new IllegalArgumentException("validation data was given and validation(" + s.validation + ") asks for a "
                    + "share of the training data as well; use one of them");
        }
        Objects.requireNonNull(parameters, "parameters");
        checkData(parameters.network(), validation, "validation");
        checkArguments(parameters, training, evaluation, true);
        try (Engine opened = s.engine != null ? s.engine.open() : Engines.open()) {
            return new TrainingRun(s, opened, parameters, training, validation, evaluation).run();
        }
    }

    /**
     * Like {@link #train(Parameters, Dataset, Dataset)} on an engine the caller opened and closes;
     * the builder's {@link Builder#engine} is not used. The engine must not be used by another
     * thread meanwhile.
     *
     * @param engine an open engine
     * @param parameters the starting parameters, overwritten after each epoch
     * @param training the examples to learn from
     * @param evaluation data to monitor after each epoch, or null
     * @return one report per epoch, in order
     * @throws IllegalArgumentException as {@link #train(Parameters, Dataset, Dataset)}
     * @throws TrainingDivergedException if a parameter, the cost or the watched metric becomes
     *     NaN or infinite
     */
    public List<EpochReport> train(Engine engine, Parameters parameters, Dataset training, Dataset evaluation) {
        Objects.requireNonNull(engine, "engine");
        Dataset[] parts = checkArguments(parameters, training, evaluation);
        return new TrainingRun(s, engine, parameters, parts[0], parts[1], evaluation).run();
    }

    /** Everything checked before an engine is opened or a parameter moves; {training, validation or null}. */
    private Dataset[] checkArguments(Parameters parameters, Dataset training, Dataset evaluation) {
        return checkArguments(parameters, training, evaluation, false);
    }

    private Dataset[] checkArguments(Parameters parameters, Dataset training, Dataset evaluation, boolean validationGiven) {
        Objects.requireNonNull(parameters, "parameters");
        checkData(parameters.network(), training, "training");
        if (evaluation != null) {
            checkData(parameters.network(), evaluation, "evaluation");
        }
        if (parameters.firstNonFinite() != null) {
            throw new IllegalArgumentException("parameters to train are not finite: " + parameters.firstNonFinite());
        }
        if (s.watching() && s.metric.needsValidation() && s.validation == 0 && !validationGiven) {
            throw new IllegalArgumentException((s.patience > 0 ? "early stopping" : "the halving schedule") + " watches "
                    + s.metric.id() + ", so it needs validation data: set validation(fraction), or watch a training metric");
        }
        if (s.validation == 0) {
            return new Dataset[] {training, null};
        }
        Split split = training.hasLabels() ? Split.stratified(labels(training), 0, s.validation, s.seed)
                : Split.random(training.size(), 0, s.validation, s.seed);
        if (split.validation().length == 0) {
            throw new IllegalArgumentException("a validation share of " + s.validation + " of " + training.size()
                    + " examples holds none back; use a larger share or more data");
        }
        return new Dataset[] {Split.select(training, split.training()), Split.select(training, split.validation())};
    }

    private static int[] labels(Dataset data) {
        int[] labels = new int[data.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = data.label(i);
        }
        return labels;
    }

    private static void checkData(Network network, Dataset data, String role) {
        Objects.requireNonNull(data, role + " data");
        if (data.inputWidth() != network.inputWidth() || data.outputWidth() != network.outputWidth()) {
            throw new IllegalArgumentException(role + " data has " + data.inputWidth() + " inputs and "
                    + data.outputWidth() + " targets per example; " + network + " needs " + network.inputWidth()
                    + " and " + network.outputWidth());
        }
        if (data.size() == 0) {
            throw new IllegalArgumentException(role + " data is empty");
        }
    }

    /**
     * The step size of Eq. 93, η₀ of a schedule.
     *
     * @return η, positive
     */
    public double learningRate() {
        return s.learningRate;
    }

    /**
     * The L2 regularisation parameter of Eq. 93 (each step shrinks the weights by ηλ/n).
     *
     * @return λ, 0 for no regularisation
     */
    public double lambda() {
        return s.lambda;
    }

    /**
     * How many passes over the training data a {@code train} call makes at most.
     *
     * @return the number of epochs, at least 1
     */
    public int epochs() {
        return s.epochs;
    }

    /**
     * The examples per gradient step; a smaller training set is one mini-batch per epoch.
     *
     * @return m, at least 1
     */
    public int miniBatchSize() {
        return s.miniBatchSize;
    }

    /**
     * The seed of the shuffling, the validation split and the dropout masks: the one source of
     * randomness in training.
     *
     * @return the seed each {@code train} call starts its generators with
     */
    public long seed() {
        return s.seed;
    }

    /**
     * The rule of each step.
     *
     * @return the optimiser, {@link Optimizer#sgd()} unless set
     */
    public Optimizer optimizer() {
        return s.optimizer;
    }

    /** Settings for a {@link Trainer}; each is checked when set. */
    public static final class Builder extends TrainingSettings {
        double learningRate = 3.0;
        double lambda = 0;
        int epochs = 30;
        int miniBatchSize = 10;
        long seed = 1;
        EngineProvider engine;
        TrainingListener listener = report -> { };
        boolean gatherAhead = true;
        boolean monitorTrainingCost;
        boolean monitorTrainingAccuracy;
        boolean monitorEvaluationCost;
        boolean monitorEvaluationAccuracy = true;
        private Builder() {
        }

        /** A copy, so that a built trainer does not change when its builder does. */
        private Builder copy() {
            Builder c = new Builder();
            c.learningRate = learningRate;
            c.lambda = lambda;
            c.epochs = epochs;
            c.miniBatchSize = miniBatchSize;
            c.seed = seed;
            c.engine = engine;
            c.listener = listener;
            c.gatherAhead = gatherAhead;
            c.monitorTrainingCost = monitorTrainingCost;
            c.monitorTrainingAccuracy = monitorTrainingAccuracy;
            c.monitorEvaluationCost = monitorEvaluationCost;
            c.monitorEvaluationAccuracy = monitorEvaluationAccuracy;
            copySettingsTo(c);
            return c;
        }

        /**
         * Sets η, the step size of Eq. 93; 3.0 unless set (chapter 1's choice for the quadratic
         * cost; chapter 3 uses 0.5 with cross-entropy).
         *
         * @param eta the learning rate, positive and finite
         * @return this builder
         * @throws IllegalArgumentException if {@code eta} is not positive and finite
         */
        public Builder learningRate(double eta) {
            if (!(eta > 0) || !Double.isFinite(eta)) {
                throw new IllegalArgumentException("the learning rate η must be positive and finite, got " + eta);
            }
            this.learningRate = eta;
            return this;
        }

        /**
         * Sets λ of L2 regularisation (Eq. 93: each step multiplies the weights by 1 − ηλ/n,
         * n the training set's size; biases are not decayed); 0 unless set.
         *
         * @param lambda the regularisation parameter, finite and ≥ 0; chapter 3 uses 5.0 for
         *     50 000 training images
         * @return this builder
         * @throws IllegalArgumentException if {@code lambda} is negative, NaN or infinite
         */
        public Builder lambda(double lambda) {
            if (!(lambda >= 0) || !Double.isFinite(lambda)) {
                throw new IllegalArgumentException("the L2 parameter λ must be finite and ≥ 0, got " + lambda);
            }
            this.lambda = lambda;
            return this;
        }

        /**
         * Sets how many passes over the training data; 30 unless set.
         *
         * @param epochs the number of epochs, at least 1
         * @return this builder
         * @throws IllegalArgumentException if {@code epochs} is below 1
         */
        public Builder epochs(int epochs) {
            if (epochs < 1) {
                throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
            }
            this.epochs = epochs;
            return this;
        }

        /**
         * Sets m, the examples per gradient step; 10 unless set. The last mini-batch of an epoch
         * holds the remainder, and a training set smaller than m is one mini-batch.
         *
         * @param size the mini-batch size, at least 1
         * @return this builder
         * @throws IllegalArgumentException if {@code size} is below 1
         */
        public Builder miniBatchSize(int size) {
            if (size < 1) {
                throw new IllegalArgumentException("the mini-batch size must be at least 1, got " + size);
            }
            this.miniBatchSize = size;
            return this;
        }

        /**
         * Sets the seed of the shuffling; 1 unless set. The same seed, engine, data and starting
         * parameters give the same bits.
         *
         * @param seed any value
         * @return this builder
         */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Sets the engine that {@link Trainer#train(Parameters, Dataset, Dataset)} opens (and
         * closes) for each call; {@link Engines#open()}'s choice unless set.
         *
         * @param engine the provider, such as {@code Engines.load().choose("ref")}
         * @return this builder
         * @throws NullPointerException if {@code engine} is null
         */
        public Builder engine(EngineProvider engine) {
            this.engine = Objects.requireNonNull(engine, "engine");
            return this;
        }

        /**
         * Whether a thread of its own gathers each shuffled mini-batch from the data set while the
         * engine computes the one before (on by default; never on a single processor). The
         * results are the same bits either way; off keeps training to the calling thread (and
         * the engine's own threads).
         *
         * @param on true to gather ahead when there is more than one processor, false to gather
         *     each mini-batch on the calling thread
         * @return this builder
         */
        public Builder gatherAhead(boolean on) {
            this.gatherAhead = on;
            return this;
        }

        /**
         * Sets who is told about progress, on the training thread; nothing unless set.
         *
         * @param listener called after each mini-batch and each epoch
         * @return this builder
         * @throws NullPointerException if {@code listener} is null
         */
        public Builder listener(TrainingListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * network2.py's {@code monitor_training_cost}: the cost over the whole training set after
         * each epoch, into {@link EpochReport#trainingCost()}; off unless set.
         *
         * @param on whether to measure it (one feedforward pass over the training set per epoch)
         * @return this builder
         */
        public Builder monitorTrainingCost(boolean on) {
            this.monitorTrainingCost = on;
            return this;
        }

        /**
         * network2.py's {@code monitor_training_accuracy}, into
         * {@link EpochReport#trainingAccuracy()}; off unless set.
         *
         * @param on whether to measure it (shares its pass with the training cost)
         * @return this builder
         */
        public Builder monitorTrainingAccuracy(boolean on) {
            this.monitorTrainingAccuracy = on;
            return this;
        }

        /**
         * network2.py's {@code monitor_evaluation_cost}, into {@link EpochReport#evaluationCost()};
         * off unless set. Without evaluation data it measures nothing.
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
         * {@link EpochReport#evaluationAccuracy()}; on unless set. Without evaluation data it
         * measures nothing.
         *
         * @param on whether to measure it
         * @return this builder
         */
        public Builder monitorEvaluationAccuracy(boolean on) {
            this.monitorEvaluationAccuracy = on;
            return this;
        }

        /**
         * Switches all four monitors on or off.
         *
         * @param on the setting for every monitor
         * @return this builder
         */
        public Builder monitorAll(boolean on) {
            return monitorTrainingCost(on).monitorTrainingAccuracy(on).monitorEvaluationCost(on)
                    .monitorEvaluationAccuracy(on);
        }

        /**
         * Makes the trainer; every setting was checked when it was set.
         *
         * @return an immutable trainer with these settings
         */
        public Trainer build() {
            return new Trainer(copy());
        }
    }
}
