package dev.backprop;

import dev.backprop.data.Dataset;
import dev.backprop.spi.Engine;
import dev.backprop.spi.EngineProvider;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.Random;

/**
 * Mini-batch stochastic gradient descent with optional L2 regularisation: network2.py's {@code SGD}.
 *
 * <pre>{@code
 * Trainer trainer = Trainer.builder()
 *         .learningRate(3.0).epochs(10).miniBatchSize(10).seed(1)
 *         .listener(report -> System.out.println(report))
 *         .build();
 * List<EpochReport> history = trainer.train(parameters, mnist.training(), mnist.test());
 * }</pre>
 *
 * <p>Each epoch shuffles the training set with a {@link Random} seeded once per run
 * ({@link TrainingOrder}, so the same
 * seed, engine and data give the same bits), splits it into mini-batches (the last may be
 * smaller), and for each takes one step w → (1 − ηλ/n) w − (η/m) Σ_x ∂C_x/∂w
 * ({@link Backpropagation#step}). The next mini-batch is gathered on a second thread meanwhile
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
    private final double learningRate;
    private final double lambda;
    private final int epochs;
    private final int miniBatchSize;
    private final long seed;
    private final EngineProvider engine;
    private final TrainingListener listener;
    private final boolean gatherAhead;
    private final boolean monitorTrainingCost;
    private final boolean monitorTrainingAccuracy;
    private final boolean monitorEvaluationCost;
    private final boolean monitorEvaluationAccuracy;

    private Trainer(Builder b) {
        learningRate = b.learningRate;
        lambda = b.lambda;
        epochs = b.epochs;
        miniBatchSize = b.miniBatchSize;
        seed = b.seed;
        engine = b.engine;
        listener = b.listener;
        gatherAhead = b.gatherAhead;
        monitorTrainingCost = b.monitorTrainingCost;
        monitorTrainingAccuracy = b.monitorTrainingAccuracy;
        monitorEvaluationCost = b.monitorEvaluationCost;
        monitorEvaluationAccuracy = b.monitorEvaluationAccuracy;
    }

    /**
     * Starts a trainer with network.py's chapter 1 settings: η = 3.0, 30 epochs, mini-batches of
     * 10, no regularisation, seed 1, evaluation accuracy monitored.
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
     * that epoch's values; if training diverges it keeps those of the last finite epoch.
     *
     * @param parameters the starting weights and biases, all finite; overwritten with the
     *     trained ones after each epoch
     * @param training the examples to learn from, non-empty, with the network's input and output
     *     widths; n in ηλ/n is its size
     * @param evaluation data to monitor after each epoch, or null
     * @return one report per epoch, in order
     * @throws IllegalArgumentException if a data set is empty or does not fit the network, a
     *     parameter is not finite, the engine cannot compute the network's activations or cost,
     *     or the engine named by {@value Engines#PROPERTY} is not on the class path
     * @throws IllegalStateException if no engine is available (see {@link Engines#choose()})
     * @throws NullPointerException if {@code parameters} or {@code training} is null
     * @throws TrainingDivergedException if a parameter or the cost becomes NaN or infinite
     */
    public List<EpochReport> train(Parameters parameters, Dataset training, Dataset evaluation) {
        checkArguments(parameters, training, evaluation);
        try (Engine opened = engine != null ? engine.open() : Engines.open()) {
            return trainChecked(opened, parameters, training, evaluation);
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
     * @throws IllegalArgumentException if a data set is empty or does not fit the network, a
     *     parameter is not finite, or the engine cannot compute the network's activations or cost
     * @throws TrainingDivergedException if a parameter or the cost becomes NaN or infinite
     */
    public List<EpochReport> train(Engine engine, Parameters parameters, Dataset training, Dataset evaluation) {
        Objects.requireNonNull(engine, "engine");
        checkArguments(parameters, training, evaluation);
        return trainChecked(engine, parameters, training, evaluation);
    }

    /** Everything checked before an engine is opened or a parameter moves. */
    private static void checkArguments(Parameters parameters, Dataset training, Dataset evaluation) {
        Objects.requireNonNull(parameters, "parameters");
        checkData(parameters.network(), training, "training");
        if (evaluation != null) {
            checkData(parameters.network(), evaluation, "evaluation");
        }
        if (parameters.firstNonFinite() != null) {
            throw new IllegalArgumentException("parameters to train are not finite: " + parameters.firstNonFinite());
        }
    }

    private List<EpochReport> trainChecked(Engine engine, Parameters parameters, Dataset training, Dataset evaluation) {
        Network network = parameters.network();
        int n = training.size();
        TrainingOrder order = new TrainingOrder(n, miniBatchSize, seed);
        int m = order.miniBatchSize();
        float eta = (float) learningRate;
        float decay = (float) (learningRate * lambda / n); // Eq. 93: weights shrink by ηλ/n per step
        Parameters checked = parameters.copy();
        List<EpochReport> history = new ArrayList<>();
        int batches = order.batches();
        try (Backpropagation bp = Backpropagation.open(engine, network);
             BatchGatherer gatherer = new BatchGatherer(training, m, gatherAhead && BatchGatherer.worthAThread())) {
            bp.setParameters(parameters);
            for (int epoch = 1; epoch <= epochs; epoch++) {
                int[] examples = order.nextEpoch();
                long start = System.nanoTime();
                gatherer.startEpoch(examples);
                double lastBatchCost = 0;
                for (int batch = 0; batch < batches; batch++) {
                    int slot = gatherer.take(batch);
                    bp.feedforward(gatherer.inputs(slot), 0, gatherer.rows(batch));
                    bp.setTargets(gatherer.targets(slot), 0);
                    // Both are in the engine now: the slot may take the batch after next.
                    gatherer.release(batch);
                    if (batch == batches - 1) {
                        // One cost per epoch is enough to notice divergence, and keeps a device
                        // engine from synchronising with the host on every mini-batch.
                        lastBatchCost = bp.cost();
                    }
                    bp.step(eta, decay);
                    listener.batchFinished(epoch, batch + 1, batches);
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                bp.getParameters(checked);
                String problem = checked.firstNonFinite();
                if (problem == null && !Double.isFinite(lastBatchCost)) {
                    problem = "the cost of the last mini-batch became " + lastBatchCost;
                }
                if (problem != null) {
                    throw new TrainingDivergedException(epoch, learningRate, problem);
                }
                parameters.copyFrom(checked);
                EpochReport report = monitor(bp, checked, epoch, seconds, training, evaluation);
                history.add(report);
                listener.epochFinished(report);
            }
        }
        return history;
    }

    private EpochReport monitor(Backpropagation bp, Parameters current, int epoch, double seconds,
                                Dataset training, Dataset evaluation) {
        // Eq. 85: the regularised cost adds (λ/2n) Σ w², n the size of the training set.
        double l2 = lambda == 0 ? 0 : 0.5 * lambda / training.size() * current.sumOfSquaredWeights();
        OptionalDouble trainingCost = OptionalDouble.empty();
        OptionalDouble trainingAccuracy = OptionalDouble.empty();
        if (monitorTrainingCost || monitorTrainingAccuracy) {
            Evaluation e = Evaluator.evaluate(bp, training);
            trainingCost = monitorTrainingCost ? OptionalDouble.of(e.cost() + l2) : OptionalDouble.empty();
            trainingAccuracy = monitorTrainingAccuracy ? e.accuracy() : OptionalDouble.empty();
        }
        OptionalDouble evaluationCost = OptionalDouble.empty();
        OptionalDouble evaluationAccuracy = OptionalDouble.empty();
        if (evaluation != null && (monitorEvaluationCost || monitorEvaluationAccuracy)) {
            Evaluation e = Evaluator.evaluate(bp, evaluation);
            evaluationCost = monitorEvaluationCost ? OptionalDouble.of(e.cost() + l2) : OptionalDouble.empty();
            evaluationAccuracy = monitorEvaluationAccuracy ? e.accuracy() : OptionalDouble.empty();
        }
        return new EpochReport(epoch, epochs, seconds, trainingCost, trainingAccuracy, evaluationCost,
                evaluationAccuracy);
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
     * The step size of Eq. 93.
     *
     * @return η, positive
     */
    public double learningRate() {
        return learningRate;
    }

    /**
     * The L2 regularisation parameter of Eq. 93 (each step shrinks the weights by ηλ/n).
     *
     * @return λ, 0 for no regularisation
     */
    public double lambda() {
        return lambda;
    }

    /**
     * How many passes over the training data a {@code train} call makes.
     *
     * @return the number of epochs, at least 1
     */
    public int epochs() {
        return epochs;
    }

    /**
     * The examples per gradient step; a smaller training set is one mini-batch per epoch.
     *
     * @return m, at least 1
     */
    public int miniBatchSize() {
        return miniBatchSize;
    }

    /**
     * The seed of the shuffling, the one source of randomness in training.
     *
     * @return the seed each {@code train} call starts its {@link Random} with
     */
    public long seed() {
        return seed;
    }

    /** Settings for a {@link Trainer}; each is checked when set. */
    public static final class Builder {
        private double learningRate = 3.0;
        private double lambda = 0;
        private int epochs = 30;
        private int miniBatchSize = 10;
        private long seed = 1;
        private EngineProvider engine;
        private TrainingListener listener = report -> { };
        private boolean gatherAhead = true;
        private boolean monitorTrainingCost;
        private boolean monitorTrainingAccuracy;
        private boolean monitorEvaluationCost;
        private boolean monitorEvaluationAccuracy = true;

        private Builder() {
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
            return new Trainer(this);
        }
    }
}
