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
 * <p>Each epoch shuffles the training set with a {@link Random} seeded once per run (so the same
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

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Trains {@code parameters} in place on an engine of its own (the builder's, or
     * {@link Engines#open()}'s choice), which it closes at the end.
     *
     * @param evaluation data to monitor after each epoch, or null
     * @return one report per epoch
     */
    public List<EpochReport> train(Parameters parameters, Dataset training, Dataset evaluation) {
        checkArguments(parameters, training, evaluation);
        try (Engine opened = engine != null ? engine.open() : Engines.open()) {
            return trainChecked(opened, parameters, training, evaluation);
        }
    }

    /** Like {@link #train(Parameters, Dataset, Dataset)} on an engine the caller opened and closes. */
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
        int m = Math.min(miniBatchSize, n);
        float eta = (float) learningRate;
        float decay = (float) (learningRate * lambda / n); // Eq. 93: weights shrink by ηλ/n per step
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Random random = new Random(seed);
        Parameters checked = parameters.copy();
        List<EpochReport> history = new ArrayList<>();
        int batches = (n + m - 1) / m;
        try (Backpropagation bp = Backpropagation.open(engine, network);
             BatchGatherer gatherer = new BatchGatherer(training, m, gatherAhead && BatchGatherer.worthAThread())) {
            bp.setParameters(parameters);
            for (int epoch = 1; epoch <= epochs; epoch++) {
                shuffle(order, random);
                long start = System.nanoTime();
                gatherer.startEpoch(order);
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

    /** Fisher–Yates, in place, so each epoch permutes the previous order (as network.py's random.shuffle). */
    private static void shuffle(int[] order, Random random) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
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

    public double learningRate() {
        return learningRate;
    }

    public double lambda() {
        return lambda;
    }

    public int epochs() {
        return epochs;
    }

    public int miniBatchSize() {
        return miniBatchSize;
    }

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

        /** η, positive and finite; 3.0 unless set (chapter 1). */
        public Builder learningRate(double eta) {
            if (!(eta > 0) || !Double.isFinite(eta)) {
                throw new IllegalArgumentException("the learning rate η must be positive and finite, got " + eta);
            }
            this.learningRate = eta;
            return this;
        }

        /** λ of L2 regularisation, ≥ 0; 0 unless set. */
        public Builder lambda(double lambda) {
            if (!(lambda >= 0) || !Double.isFinite(lambda)) {
                throw new IllegalArgumentException("the L2 parameter λ must be finite and ≥ 0, got " + lambda);
            }
            this.lambda = lambda;
            return this;
        }

        /** How many passes over the training data; 30 unless set. */
        public Builder epochs(int epochs) {
            if (epochs < 1) {
                throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
            }
            this.epochs = epochs;
            return this;
        }

        /** m, examples per gradient step; 10 unless set. */
        public Builder miniBatchSize(int size) {
            if (size < 1) {
                throw new IllegalArgumentException("the mini-batch size must be at least 1, got " + size);
            }
            this.miniBatchSize = size;
            return this;
        }

        /** The seed of the shuffling; 1 unless set. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** The engine to open for {@link #train(Parameters, Dataset, Dataset)}; {@link Engines#open()}'s choice unless set. */
        public Builder engine(EngineProvider engine) {
            this.engine = Objects.requireNonNull(engine, "engine");
            return this;
        }

        /**
         * Whether a thread of its own gathers each shuffled mini-batch from the data set while the
         * engine computes the one before (on by default; never on a single processor). The
         * results are the same bits either way; off keeps training to the calling thread (and
         * the engine's own threads).
         */
        public Builder gatherAhead(boolean on) {
            this.gatherAhead = on;
            return this;
        }

        public Builder listener(TrainingListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** network2.py's {@code monitor_training_cost}; off unless set. */
        public Builder monitorTrainingCost(boolean on) {
            this.monitorTrainingCost = on;
            return this;
        }

        /** network2.py's {@code monitor_training_accuracy}; off unless set. */
        public Builder monitorTrainingAccuracy(boolean on) {
            this.monitorTrainingAccuracy = on;
            return this;
        }

        /** network2.py's {@code monitor_evaluation_cost}; off unless set. */
        public Builder monitorEvaluationCost(boolean on) {
            this.monitorEvaluationCost = on;
            return this;
        }

        /** network2.py's {@code monitor_evaluation_accuracy}; on unless set. */
        public Builder monitorEvaluationAccuracy(boolean on) {
            this.monitorEvaluationAccuracy = on;
            return this;
        }

        /** All four monitors on or off. */
        public Builder monitorAll(boolean on) {
            return monitorTrainingCost(on).monitorTrainingAccuracy(on).monitorEvaluationCost(on)
                    .monitorEvaluationAccuracy(on);
        }

        public Trainer build() {
            return new Trainer(this);
        }
    }
}
