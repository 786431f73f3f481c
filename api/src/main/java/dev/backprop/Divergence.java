package dev.backprop;

/**
 * Makes the {@link TrainingDivergedException} that {@link Trainer} throws, for trainers outside
 * this package (the Spark module's), so that a caller catches one exception type, with one
 * wording, whoever trained.
 *
 * <pre>{@code
 * if (!Double.isFinite(cost)) {
 *     throw Divergence.diverged(epoch, learningRate, "the cost of round 7 became " + cost);
 * }
 * }</pre>
 */
public final class Divergence {
    private Divergence() {
    }

    /**
     * The exception {@link Trainer} throws when a run diverges.
     *
     * @param epoch the 1-based epoch in which a cost or parameter stopped being finite
     * @param learningRate η of the run, for the advice in the message
     * @param what what became non-finite, e.g. "weights of layer 2 [17] = NaN"
     * @return the exception, with the advice to lower η
     */
    public static TrainingDivergedException diverged(int epoch, double learningRate, String what) {
        return new TrainingDivergedException(epoch, learningRate, what);
    }
}
