package dev.backprop;

import java.util.Objects;

/**
 * The settings chapter 3 adds to a {@link Trainer}, and their setters, which
 * {@link Trainer.Builder} inherits: the optimiser, L1, dropout, the schedule and warm-up,
 * validation, the watched metric and early stopping, checkpoints and resuming. Kept apart from
 * the builder's chapter-1 settings only so that each file stays readable; each is checked when
 * set.
 */
abstract class TrainingSettings {
    Optimizer optimizer = Optimizer.sgd();
    double lambda1 = 0;
    double dropout = 0;
    Schedule schedule = Schedule.constant();
    int warmUp = 0;
    double validation = 0;
    Metric metric = Metric.VALIDATION_ACCURACY;
    int patience = 0;
    boolean restoreBest = true;
    CheckpointStore checkpoints;
    int checkpointEvery = 1;
    TrainingState resume;


    TrainingSettings() {
    }

    private Trainer.Builder self() {
        return (Trainer.Builder) this;
    }

    /**
     * The settings a checkpoint must share with the run that resumes it: everything that shapes
     * the sequence of steps, but not the number of epochs, the monitors or the listener.
     */
    String fingerprint(Network network, int n, int validationSize) {
        Trainer.Builder b = self();
        return network + ", n = " + n + ", η = " + b.learningRate + ", λ = " + b.lambda + ", λ₁ = " + lambda1
                + ", mini-batch " + b.miniBatchSize + ", seed " + b.seed + ", " + optimizer + ", dropout " + dropout
                + ", schedule " + schedule + ", warm-up " + warmUp + ", validation " + validation + " (" + validationSize + " examples)"
                + (watching() ? ", watching " + metric.id() + ", patience " + patience : "");
    }

    /** Whether a metric is watched: for early stopping or the halving schedule. */
    boolean watching() {
        return patience > 0 || schedule.isHalving();
    }

    boolean watches(Metric m) {
        return watching() && metric == m;
    }

    /** Copies these settings into {@code other}. */
    void copySettingsTo(TrainingSettings other) {
        other.optimizer = optimizer;
        other.lambda1 = lambda1;
        other.dropout = dropout;
        other.schedule = schedule;
        other.warmUp = warmUp;
        other.validation = validation;
        other.metric = metric;
        other.patience = patience;
        other.restoreBest = restoreBest;
        other.checkpoints = checkpoints;
        other.checkpointEvery = checkpointEvery;
        other.resume = resume;
    }

        /**
     * Sets the rule of each step; plain SGD unless set. L2 (λ) then enters as (λ/n)·w added
     * to the gradient for every rule but SGD, whose L2 stays Eq. 93's decay.
     *
     * @param optimizer such as {@code Optimizer.momentum(0.9)} or {@code Optimizer.adam()}
     * @return this builder
     * @throws NullPointerException if {@code optimizer} is null
     */
    public Trainer.Builder optimizer(Optimizer optimizer) {
        this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
        return self();
    }

    /**
     * Sets λ₁ of L1 regularisation (Eq. 95–97: each step also moves every weight by
     * −(ηλ₁/n) sgn(w), sgn(0) = 0); 0 unless set. It may be combined with L2.
     *
     * @param lambda1 the L1 parameter, finite and ≥ 0
     * @return this builder
     * @throws IllegalArgumentException if {@code lambda1} is negative, NaN or infinite
     */
    public Trainer.Builder lambda1(double lambda1) {
        if (!(lambda1 >= 0) || !Double.isFinite(lambda1)) {
            throw new IllegalArgumentException("the L1 parameter λ₁ must be finite and ≥ 0, got " + lambda1);
        }
        this.lambda1 = lambda1;
        return self();
    }

    /**
     * Sets the probability p that a hidden neuron is dropped for a mini-batch (chapter 3's
     * dropout); 0 (none) unless set. Kept neurons are scaled by 1/(1 − p), so the full network
     * runs at test time unchanged. The book halves the hidden neurons: p = 0.5.
     *
     * @param p in [0, 1)
     * @return this builder
     * @throws IllegalArgumentException if {@code p} is outside [0, 1)
     */
    public Trainer.Builder dropout(double p) {
        if (!(p >= 0 && p < 1)) {
            throw new IllegalArgumentException("the dropout probability p must be in [0, 1), got " + p);
        }
        this.dropout = p;
        return self();
    }

    /**
     * Sets how η changes from epoch to epoch; constant unless set.
     *
     * @param schedule such as {@code Schedule.halving(10)}
     * @return this builder
     * @throws NullPointerException if {@code schedule} is null
     */
    public Trainer.Builder schedule(Schedule schedule) {
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        return self();
    }

    /**
     * Ramps η up linearly over the first {@code epochs} epochs, step by step from η/steps to
     * the schedule's η; 0 (no warm-up) unless set.
     *
     * @param epochs at least 0
     * @return this builder
     * @throws IllegalArgumentException if {@code epochs} is negative
     */
    public Trainer.Builder warmUp(int epochs) {
        if (epochs < 0) {
            throw new IllegalArgumentException("warm-up epochs must be at least 0, got " + epochs);
        }
        this.warmUp = epochs;
        return self();
    }

    /**
     * Holds back a share of the training set as validation data, measured after every epoch
     * ({@link EpochReport#validationAccuracy()}) and watched by early stopping: a split
     * stratified by label (random for unlabelled data), seeded by {@link Trainer.Builder#seed(long)}. 0 (none)
     * unless set; the book holds back 10,000 of MNIST's 60,000, about 0.17.
     *
     * @param fraction in [0, 1)
     * @return this builder
     * @throws IllegalArgumentException if {@code fraction} is outside [0, 1)
     */
    public Trainer.Builder validation(double fraction) {
        if (!(fraction >= 0 && fraction < 1)) {
            throw new IllegalArgumentException("the validation fraction must be in [0, 1), got " + fraction);
        }
        this.validation = fraction;
        return self();
    }

    /**
     * Sets the metric early stopping and the halving schedule watch; validation accuracy
     * unless set.
     *
     * @param metric accuracy or cost, on validation or training data
     * @return this builder
     * @throws NullPointerException if {@code metric} is null
     */
    public Trainer.Builder watch(Metric metric) {
        this.metric = Objects.requireNonNull(metric, "metric");
        return self();
    }

    /**
     * Stops training once the watched metric has not improved for {@code patience} epochs,
     * and gives back the parameters of the best epoch (see {@link #restoreBest(boolean)}); 0 (train
     * every epoch) unless set. The book's "no-improvement-in-ten" rule is 10.
     *
     * @param patience epochs without improvement before stopping, at least 0
     * @return this builder
     * @throws IllegalArgumentException if {@code patience} is negative
     */
    public Trainer.Builder earlyStopping(int patience) {
        if (patience < 0) {
            throw new IllegalArgumentException("early stopping's patience must be at least 0 epochs, got " + patience);
        }
        this.patience = patience;
        return self();
    }

    /**
     * Whether a run that watches a metric ends with the best epoch's parameters (never the
     * worst); on unless set. Off, it ends with the last epoch's.
     *
     * @param on whether to restore the best
     * @return this builder
     */
    public Trainer.Builder restoreBest(boolean on) {
        this.restoreBest = on;
        return self();
    }

    /**
     * Saves the run's whole state after every {@code everyEpochs}-th epoch, and after the last,
     * so that it can be resumed; none unless set.
     *
     * @param store where, such as {@code Checkpoint.in(directory)}
     * @param everyEpochs at least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code everyEpochs} is below 1
     * @throws NullPointerException if {@code store} is null
     */
    public Trainer.Builder checkpoint(CheckpointStore store, int everyEpochs) {
        if (everyEpochs < 1) {
            throw new IllegalArgumentException("checkpoints need at least 1 epoch between them, got " + everyEpochs);
        }
        this.checkpoints = Objects.requireNonNull(store, "store");
        this.checkpointEvery = everyEpochs;
        return self();
    }

    /**
     * Continues a run from a checkpoint instead of from the start: the parameters given to
     * {@code train} are overwritten with the checkpoint's, and the run goes on from the epoch
     * after it with the bits the uninterrupted run would have had (same engine). Every other
     * setting must be the one the run was started with (the number of epochs may be larger).
     *
     * @param state from {@code Checkpoint.load}, or null to start afresh
     * @return this builder
     */
    public Trainer.Builder resume(TrainingState state) {
        this.resume = state;
        return self();
    }
}
