package dev.backprop;

import java.util.OptionalDouble;

/**
 * How a network did on a data set.
 *
 * @param examples how many examples were fed forward
 * @param cost the mean cost C = (1/n) Σ_x C_x, without any L2 term
 * @param correct how many labelled examples the largest output classified correctly, or −1 when
 *     the data set has no labels
 */
public record Evaluation(int examples, double cost, int correct) {
    /** Checks that there was something to measure and that the count fits it. */
    public Evaluation {
        if (examples < 1) {
            throw new IllegalArgumentException("an evaluation needs at least 1 example, got " + examples);
        }
        if (correct < -1 || correct > examples) {
            throw new IllegalArgumentException("correct must be −1 (no labels) or 0 to " + examples + ", got " + correct);
        }
    }

    /**
     * The fraction of examples classified correctly.
     *
     * @return correct / examples, in [0, 1]; empty when the data set has no labels
     */
    public OptionalDouble accuracy() {
        return correct < 0 ? OptionalDouble.empty() : OptionalDouble.of((double) correct / examples);
    }

    @Override
    public String toString() {
        return correct < 0
                ? String.format("cost %.6f on %d examples", cost, examples)
                : String.format("%d / %d correct (%.2f %%), cost %.6f", correct, examples, 100.0 * correct / examples, cost);
    }
}
