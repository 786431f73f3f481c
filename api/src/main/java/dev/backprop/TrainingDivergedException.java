package dev.backprop;

/**
 * Training produced a NaN or infinite cost or parameter. The caller's {@link Parameters} keep the
 * values of the last epoch that ended finite, so nothing NaN is ever handed back or saved.
 */
public final class TrainingDivergedException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    /** The 1-based epoch that diverged (part of the serialized form). */
    private final int epoch;

    /**
     * The exception every trainer throws, {@link Trainer} and those outside this package (the
     * Spark module's) alike, so a caller catches one type with one wording whoever trained.
     *
     * @param epoch the 1-based epoch in which a cost or parameter stopped being finite
     * @param eta   the learning rate η of the run, for the advice in the message
     * @param what  what became non-finite, e.g. "weights of layer 2 [17] = NaN"
     */
    public TrainingDivergedException(int epoch, double eta, String what) {
        super("training diverged in epoch " + epoch + ": " + what + ". The learning rate η = " + eta
                + " is probably too large; try " + eta / 10 + " or smaller. The parameters keep the values after epoch "
                + (epoch - 1) + (epoch == 1 ? " (their initial values)" : "") + ".");
        this.epoch = epoch;
    }

    /**
     * When training diverged; the caller's parameters hold the values after the epoch before it.
     *
     * @return the 1-based epoch in which the cost or a parameter stopped being finite
     */
    public int epoch() {
        return epoch;
    }
}
