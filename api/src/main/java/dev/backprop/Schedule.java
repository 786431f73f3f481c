package dev.backprop;

/**
 * How the learning rate η changes from epoch to epoch, as a factor on the trainer's η₀:
 * constant; a step every k epochs; exponential decay; or the book's halving (chapter 3, "how to
 * choose a learning rate schedule"): halve η each time the watched metric has not improved for n
 * epochs, and stop once η has fallen to η₀/128. {@link Trainer.Builder#warmUp} may ramp η up
 * over the first epochs of any of them.
 *
 * <pre>{@code
 * Trainer.builder().learningRate(0.5).schedule(Schedule.halving(10))     // network2.py's exercise
 *         .validation(0.1).watch(Metric.VALIDATION_ACCURACY)...
 * Trainer.builder().learningRate(0.1).schedule(Schedule.step(10, 0.5))   // η halves every 10 epochs
 * }</pre>
 *
 * <p>Immutable; the halving schedule's progress (its factor and its count of epochs without
 * improvement) lives in the training run, and a checkpoint keeps it.
 */
public final class Schedule {
    /** The book's end of the halving schedule: η₀/128. */
    public static final double HALVING_FLOOR = 1.0 / 128;

    private enum Kind { CONSTANT, STEP, EXPONENTIAL, HALVING }

    private static final Schedule CONSTANT = new Schedule(Kind.CONSTANT, 0, 1);

    private final Kind kind;
    private final int epochs;
    private final double factor;

    private Schedule(Kind kind, int epochs, double factor) {
        this.kind = kind;
        this.epochs = epochs;
        this.factor = factor;
    }

    /**
     * η₀ throughout: the book's chapters 1 and 3.
     *
     * @return the constant schedule (the default)
     */
    public static Schedule constant() {
        return CONSTANT;
    }

    /**
     * η = η₀ · factor^⌊(epoch − 1) / every⌋: multiplied by {@code factor} after each
     * {@code every} epochs.
     *
     * @param every the epochs between steps, at least 1
     * @param factor the multiplier, in (0, 1]
     * @return the schedule
     * @throws IllegalArgumentException if a value is outside its range
     */
    public static Schedule step(int every, double factor) {
        if (every < 1) {
            throw new IllegalArgumentException("a step schedule needs at least 1 epoch between steps, got " + every);
        }
        return new Schedule(Kind.STEP, every, checkFactor(factor));
    }

    /**
     * η = η₀ · γ^(epoch − 1).
     *
     * @param gamma the factor per epoch, in (0, 1]
     * @return the schedule
     * @throws IllegalArgumentException if {@code gamma} is outside (0, 1]
     */
    public static Schedule exponential(double gamma) {
        return new Schedule(Kind.EXPONENTIAL, 0, checkFactor(gamma));
    }

    /**
     * The book's schedule: η₀ until the watched metric ({@link Trainer.Builder#watch}) has not
     * improved for {@code patience} epochs, then η₀/2, and so on; training stops when η reaches
     * η₀/128, and the best parameters seen are kept.
     *
     * @param patience n of the book's "no-improvement-in-n" rule, at least 1 (the book uses 10)
     * @return the schedule
     * @throws IllegalArgumentException if {@code patience} is below 1
     */
    public static Schedule halving(int patience) {
        if (patience < 1) {
            throw new IllegalArgumentException("the halving schedule's patience must be at least 1 epoch, got " + patience);
        }
        return new Schedule(Kind.HALVING, patience, 0.5);
    }

    private static double checkFactor(double factor) {
        if (!(factor > 0 && factor <= 1)) {
            throw new IllegalArgumentException("a schedule's factor must be in (0, 1], got " + factor);
        }
        return factor;
    }

    /**
     * The factor on η₀ in {@code epoch} for the schedules that depend on the epoch alone (1 for
     * the halving schedule, whose factor the run keeps).
     *
     * @param epoch 1-based
     * @return η / η₀
     */
    public double factor(int epoch) {
        switch (kind) {
            case STEP:
                return StrictMath.pow(factor, (epoch - 1) / epochs);
            case EXPONENTIAL:
                return StrictMath.pow(factor, epoch - 1);
            default:
                return 1;
        }
    }

    /**
     * Whether the schedule reacts to the watched metric (the halving one).
     *
     * @return true for {@link #halving}
     */
    public boolean isHalving() {
        return kind == Kind.HALVING;
    }

    /**
     * The halving schedule's patience.
     *
     * @return n, or 0 for the other schedules
     */
    public int patience() {
        return kind == Kind.HALVING ? epochs : 0;
    }

    /** "constant", "step:10:0.5", "exponential:0.95" or "halving:10": the command line's form. */
    @Override
    public String toString() {
        switch (kind) {
            case STEP:
                return "step:" + epochs + ":" + factor;
            case EXPONENTIAL:
                return "exponential:" + factor;
            case HALVING:
                return "halving:" + epochs;
            default:
                return "constant";
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Schedule s && s.kind == kind && s.epochs == epochs && s.factor == factor;
    }

    @Override
    public int hashCode() {
        return kind.hashCode() * 31 + epochs * 17 + Double.hashCode(factor);
    }
}
