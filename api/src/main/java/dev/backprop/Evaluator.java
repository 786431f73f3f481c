package dev.backprop;

import dev.backprop.data.Dataset;

/**
 * Measures a network on a data set through an open {@link Backpropagation}: the mean cost and,
 * for labelled data, how many examples the largest output classifies correctly. Used by the
 * {@link Trainer}'s monitors on the training engine, by {@link Predictor#evaluate}, and by
 * trainers outside this package that hold a {@code Backpropagation} of their own (the Spark
 * module's executors); kept out of {@code Backpropagation}, which is the chapter's algorithm only.
 *
 * <pre>{@code
 * bp.setParameters(parameters);
 * Evaluation e = Evaluator.evaluate(bp, test);      // e.accuracy(), e.cost()
 * }</pre>
 *
 * <p>It feeds the data forward on {@code bp}'s engine and so changes which examples that
 * {@code Backpropagation} last fed forward; call it between training steps, not within one.
 */
public final class Evaluator {
    /** Rows per chunk when a whole data set is fed forward: large enough for the products to be efficient. */
    static final int CHUNK = 1000;

    private Evaluator() {
    }

    /**
     * Feeds all of {@code data} forward in chunks of {@value #CHUNK} rows (the last may be smaller).
     *
     * @param bp   an open session whose parameters are the ones to measure
     * @param data the examples; their widths must fit {@code bp}'s network
     * @return the mean cost (without any L2 term) and, for labelled data, the number classified right
     * @throws IllegalArgumentException if the data set's widths do not fit the network, or it is empty
     */
    public static Evaluation evaluate(Backpropagation bp, Dataset data) {
        Network network = bp.network();
        if (data.inputWidth() != network.inputWidth() || data.outputWidth() != network.outputWidth()) {
            throw new IllegalArgumentException("data set has " + data.inputWidth() + " inputs and " + data.outputWidth()
                    + " outputs per example; " + network + " needs " + network.inputWidth() + " and "
                    + network.outputWidth());
        }
        if (data.size() == 0) {
            throw new IllegalArgumentException("cannot evaluate on an empty data set: it holds 0 examples, expected at"
                    + " least 1 (an accuracy of 0 / 0 means nothing)");
        }
        int chunk = Math.min(CHUNK, data.size());
        float[] x = new float[chunk * data.inputWidth()];
        float[] y = new float[chunk * data.outputWidth()];
        float[] output = new float[chunk * data.outputWidth()];
        double costSum = 0;
        int correct = 0;
        for (int start = 0; start < data.size(); start += chunk) {
            int rows = Math.min(chunk, data.size() - start);
            for (int r = 0; r < rows; r++) {
                data.copyInput(start + r, x, r * data.inputWidth());
                data.copyTarget(start + r, y, r * data.outputWidth());
            }
            bp.feedforward(x, 0, rows);
            bp.setTargets(y, 0);
            costSum += bp.cost() * rows;
            if (data.hasLabels()) {
                bp.readOutput(output, 0);
                for (int r = 0; r < rows; r++) {
                    if (argmax(output, r * data.outputWidth(), data.outputWidth()) == data.label(start + r)) {
                        correct++;
                    }
                }
            }
        }
        return new Evaluation(data.size(), costSum / data.size(), data.hasLabels() ? correct : -1);
    }

    /** The index of the largest of {@code values[offset … offset+length)}; the first on ties. */
    static int argmax(float[] values, int offset, int length) {
        int best = 0;
        for (int j = 1; j < length; j++) {
            if (values[offset + j] > values[offset + best]) {
                best = j;
            }
        }
        return best;
    }
}
