package dev.backprop.spark;

import dev.backprop.Optimizer;
import dev.backprop.Schedule;
import dev.backprop.Trainer;

/**
 * The hyper-parameters of the step that {@link SparkTrainer.Builder} inherits: chapter 1's (η, λ,
 * epochs, m, seed) and chapter 3's (optimiser, L1, dropout, schedule, warm-up). Each setter hands
 * its value to a {@link Trainer.Builder} first, so the rules and the error messages are
 * {@link Trainer}'s, and keeps it when that accepts it. Kept apart from the builder's Spark
 * settings so that each file stays readable, as the api's {@code TrainingSettings} is.
 */
abstract class HyperParameters {
    /** Checks every value as Trainer checks it, and holds chapter 1's. */
    final Trainer.Builder trainer = Trainer.builder();
    Optimizer optimizer = Optimizer.sgd();
    double lambda1;
    double dropout;
    Schedule schedule = Schedule.constant();
    int warmUp;

    HyperParameters() {
    }

    private SparkTrainer.Builder self() {
        return (SparkTrainer.Builder) this;
    }

    /**
     * Sets η, the step size of Eq. 93; 3.0 unless set.
     *
     * @param eta the learning rate, positive and finite
     * @return this builder
     * @throws IllegalArgumentException if {@code eta} is not positive and finite
     */
    public SparkTrainer.Builder learningRate(double eta) {
        trainer.learningRate(eta);
        return self();
    }

    /**
     * Sets λ of L2 regularisation, n the size of the whole distributed training set, not of a
     * partition: with SGD, Eq. 93 (each step multiplies the weights by 1 − ηλ/n); with the other
     * rules, (λ/n)·w added to the gradient, as {@link Trainer.Builder#lambda}; 0 unless set.
     *
     * @param lambda the regularisation parameter, finite and ≥ 0
     * @return this builder
     * @throws IllegalArgumentException if {@code lambda} is negative, NaN or infinite
     */
    public SparkTrainer.Builder lambda(double lambda) {
        trainer.lambda(lambda);
        return self();
    }

    /**
     * Sets how many passes over the training data; 30 unless set.
     *
     * @param epochs the number of epochs, at least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code epochs} is below 1
     */
    public SparkTrainer.Builder epochs(int epochs) {
        trainer.epochs(epochs);
        return self();
    }

    /**
     * Sets m; 10 unless set. Mode 1: the global mini-batch of one step, shared among the
     * partitions (each computes on its own examples of it), so one round per m examples.
     * Mode 2: the mini-batch of each local step, so one round per P·k·m examples.
     *
     * @param size the mini-batch size, at least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code size} is below 1
     */
    public SparkTrainer.Builder miniBatchSize(int size) {
        trainer.miniBatchSize(size);
        return self();
    }

    /**
     * Sets the seed of the shuffling; 1 unless set. The same seed, data, partitioning, engine
     * and starting parameters give the same bits.
     *
     * @param seed any value
     * @return this builder
     */
    public SparkTrainer.Builder seed(long seed) {
        trainer.seed(seed);
        return self();
    }

    /**
     * Sets the rule of each step; plain SGD unless set. Mode 1: the driver's session steps with
     * it, its state staying in the driver's engine. Mode 2: every partition steps with it from
     * the broadcast state, and the states are averaged with the parameters. L2 enters as in
     * {@link Trainer.Builder#optimizer}.
     *
     * @param optimizer such as {@code Optimizer.momentum(0.9)} or {@code Optimizer.adam()}
     * @return this builder
     * @throws NullPointerException if {@code optimizer} is null
     */
    public SparkTrainer.Builder optimizer(Optimizer optimizer) {
        trainer.optimizer(optimizer);
        this.optimizer = optimizer;
        return self();
    }

    /**
     * Sets λ₁ of L1 regularisation (Eq. 95–97), n the size of the whole distributed training
     * set; 0 unless set.
     *
     * @param lambda1 the L1 parameter, finite and ≥ 0
     * @return this builder
     * @throws IllegalArgumentException if {@code lambda1} is negative, NaN or infinite
     */
    public SparkTrainer.Builder lambda1(double lambda1) {
        trainer.lambda1(lambda1);
        this.lambda1 = lambda1;
        return self();
    }

    /**
     * Sets the probability p that a hidden neuron is dropped (chapter 3's dropout); 0 unless
     * set. The masks come from the api's seeded generator, as {@link Trainer} draws them:
     * mode 1 draws each global mini-batch's on the driver and every example gets the mask of
     * its place in the batch, whatever partition holds it; mode 2 gives each partition a
     * stream of its own (partition 0's is the trainer's). With one partition, both modes use
     * the masks local training uses.
     *
     * @param p in [0, 1)
     * @return this builder
     * @throws IllegalArgumentException if {@code p} is outside [0, 1)
     */
    public SparkTrainer.Builder dropout(double p) {
        trainer.dropout(p);
        this.dropout = p;
        return self();
    }

    /**
     * Sets how η changes from epoch to epoch; constant unless set. The halving schedule is
     * refused: it halves η when a watched metric stops improving, and a SparkTrainer watches
     * none.
     *
     * @param schedule {@link Schedule#constant()}, {@link Schedule#step} or {@link Schedule#exponential}
     * @return this builder
     * @throws IllegalArgumentException for {@link Schedule#halving}
     * @throws NullPointerException if {@code schedule} is null
     */
    public SparkTrainer.Builder schedule(Schedule schedule) {
        trainer.schedule(schedule);
        if (schedule.isHalving()) {
            throw new IllegalArgumentException("the halving schedule " + schedule + " halves η when the watched metric "
                    + "stops improving, and SparkTrainer watches none (no validation data or early stopping); use "
                    + "Schedule.step(every, factor) or Schedule.exponential(gamma)");
        }
        this.schedule = schedule;
        return self();
    }

    /**
     * Ramps η up linearly over the first {@code epochs} epochs, as {@link Trainer.Builder#warmUp}
     * does, step by step: mode 1's steps are its rounds, mode 2's each partition's local steps;
     * 0 unless set.
     *
     * @param epochs at least 0
     * @return this builder
     * @throws IllegalArgumentException if {@code epochs} is negative
     */
    public SparkTrainer.Builder warmUp(int epochs) {
        trainer.warmUp(epochs);
        this.warmUp = epochs;
        return self();
    }
}
