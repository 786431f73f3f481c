package dev.backprop;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How a classifier did: accuracy, the confusion matrix, and per class precision, recall and F1
 * with their macro (unweighted mean over classes) and weighted (by each class's true count)
 * averages, as scikit-learn's {@code classification_report} defines them. Immutable.
 *
 * <pre>{@code
 * ClassificationMetrics m = ClassificationMetrics.of(actual, predicted, List.of("setosa", "versicolor", "virginica"));
 * m.accuracy();            // 0.9667
 * m.recall(2);             // of the true virginica, the share found
 * System.out.println(m);   // a report with the confusion matrix
 * }</pre>
 *
 * <p>Precision of a class never predicted, and recall of a class absent from the data, are 0
 * (scikit-learn's {@code zero_division=0}); so is F1 when precision and recall are both 0.
 */
public final class ClassificationMetrics {
    private final List<String> classes;
    private final int[][] confusion;
    private final int examples;

    private ClassificationMetrics(List<String> classes, int[][] confusion, int examples) {
        this.classes = classes;
        this.confusion = confusion;
        this.examples = examples;
    }

    /**
     * Counts the confusion matrix of a classifier's answers; every measure is computed from it.
     *
     * @param actual    the true class of each example, in [0, classes.size()); not modified
     * @param predicted the predicted class of each example, in the same range and order; not
     *                  modified
     * @param classes   the class names, in index order; copied
     * @return the metrics of these examples
     * @throws IllegalArgumentException if the arrays differ in length, there is no example or no
     *                                  class, or a class index is out of range (naming the
     *                                  example)
     */
    public static ClassificationMetrics of(int[] actual, int[] predicted, List<String> classes) {
        Objects.requireNonNull(actual, "actual");
        Objects.requireNonNull(predicted, "predicted");
        List<String> names = List.copyOf(classes);
        if (actual.length != predicted.length) {
            throw new IllegalArgumentException(actual.length + " true classes but " + predicted.length + " predictions");
        }
        if (actual.length == 0 || names.isEmpty()) {
            throw new IllegalArgumentException("metrics need at least one example and one class");
        }
        int k = names.size();
        int[][] confusion = new int[k][k];
        for (int i = 0; i < actual.length; i++) {
            if (actual[i] < 0 || actual[i] >= k || predicted[i] < 0 || predicted[i] >= k) {
                throw new IllegalArgumentException("example " + i + ": true class " + actual[i] + ", predicted "
                        + predicted[i] + "; expected 0 to " + (k - 1));
            }
            confusion[actual[i]][predicted[i]]++;
        }
        return new ClassificationMetrics(names, confusion, actual.length);
    }

    /**
     * The classes, as given.
     *
     * @return an unmodifiable list of the class names in index order
     */
    public List<String> classes() {
        return classes;
    }

    /**
     * How many examples were counted.
     *
     * @return the number of examples, at least 1
     */
    public int examples() {
        return examples;
    }

    /**
     * The share of examples classified correctly: the trace of the confusion matrix over the
     * number of examples.
     *
     * @return a value in [0, 1]
     */
    public double accuracy() {
        long correct = 0;
        for (int k = 0; k < confusion.length; k++) {
            correct += confusion[k][k];
        }
        return (double) correct / examples;
    }

    /**
     * The confusion matrix: how many examples of each true class got each prediction.
     *
     * @return a copy, {@code confusion[t][p]} counting the examples of true class t predicted as
     *     p; k × k for k classes, each row summing to that class's {@link #support}
     */
    public int[][] confusion() {
        int[][] copy = new int[confusion.length][];
        for (int k = 0; k < copy.length; k++) {
            copy[k] = confusion[k].clone();
        }
        return copy;
    }

    /**
     * How many examples truly are of class {@code k}: the weight of class k in the weighted
     * averages.
     *
     * @param k a class index, in [0, classes().size())
     * @return the count, possibly 0
     * @throws ArrayIndexOutOfBoundsException if {@code k} is not a class
     */
    public int support(int k) {
        int sum = 0;
        for (int p : confusion[k]) {
            sum += p;
        }
        return sum;
    }

    private int predictedCount(int k) {
        int sum = 0;
        for (int[] row : confusion) {
            sum += row[k];
        }
        return sum;
    }

    /**
     * Of the examples predicted as {@code k}, the share that are {@code k}: TP / (TP + FP).
     *
     * @param k a class index, in [0, classes().size())
     * @return a value in [0, 1]; 0 when no example was predicted as {@code k}
     * @throws ArrayIndexOutOfBoundsException if {@code k} is not a class
     */
    public double precision(int k) {
        int predicted = predictedCount(k);
        return predicted == 0 ? 0 : (double) confusion[k][k] / predicted;
    }

    /**
     * Of the examples of class {@code k}, the share predicted as {@code k}: TP / (TP + FN).
     *
     * @param k a class index, in [0, classes().size())
     * @return a value in [0, 1]; 0 when no example is of class {@code k}
     * @throws ArrayIndexOutOfBoundsException if {@code k} is not a class
     */
    public double recall(int k) {
        int support = support(k);
        return support == 0 ? 0 : (double) confusion[k][k] / support;
    }

    /**
     * The harmonic mean of precision and recall of class {@code k}: F1 = 2PR / (P + R).
     *
     * @param k a class index, in [0, classes().size())
     * @return a value in [0, 1]; 0 when precision and recall are both 0
     * @throws ArrayIndexOutOfBoundsException if {@code k} is not a class
     */
    public double f1(int k) {
        double p = precision(k);
        double r = recall(k);
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    /**
     * Precision averaged over classes with equal weight, so that a rare class counts as much as
     * a common one.
     *
     * @return the unweighted mean of {@link #precision} over every class, in [0, 1]
     */
    public double macroPrecision() {
        return macro(0);
    }

    /**
     * Recall averaged over classes with equal weight.
     *
     * @return the unweighted mean of {@link #recall} over every class, in [0, 1]
     */
    public double macroRecall() {
        return macro(1);
    }

    /**
     * F1 averaged over classes with equal weight (the mean of the per-class F1, not the F1 of
     * the macro precision and recall).
     *
     * @return the unweighted mean of {@link #f1} over every class, in [0, 1]
     */
    public double macroF1() {
        return macro(2);
    }

    /**
     * Precision averaged over classes weighted by their {@link #support}, so that it follows the
     * common classes.
     *
     * @return Σ_k precision(k) · support(k) / examples, in [0, 1]
     */
    public double weightedPrecision() {
        return weighted(0);
    }

    /**
     * Recall averaged over classes weighted by their {@link #support}; equal to
     * {@link #accuracy()} up to rounding.
     *
     * @return Σ_k recall(k) · support(k) / examples, in [0, 1]
     */
    public double weightedRecall() {
        return weighted(1);
    }

    /**
     * F1 averaged over classes weighted by their {@link #support}.
     *
     * @return Σ_k f1(k) · support(k) / examples, in [0, 1]
     */
    public double weightedF1() {
        return weighted(2);
    }

    private double measure(int which, int k) {
        return which == 0 ? precision(k) : which == 1 ? recall(k) : f1(k);
    }

    private double macro(int which) {
        double sum = 0;
        for (int k = 0; k < classes.size(); k++) {
            sum += measure(which, k);
        }
        return sum / classes.size();
    }

    private double weighted(int which) {
        double sum = 0;
        for (int k = 0; k < classes.size(); k++) {
            sum += measure(which, k) * support(k);
        }
        return sum / examples;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ClassificationMetrics m && m.classes.equals(classes)
                && java.util.Arrays.deepEquals(m.confusion, confusion);
    }

    @Override
    public int hashCode() {
        return Objects.hash(classes, java.util.Arrays.deepHashCode(confusion));
    }

    /** A report: accuracy, a table of per-class and averaged measures, and the confusion matrix. */
    @Override
    public String toString() {
        int width = "weighted avg".length();
        for (String name : classes) {
            width = Math.max(width, name.length());
        }
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "accuracy %.4f (%d of %d)%n", accuracy(), Math.round(accuracy() * examples),
                examples));
        String row = "%-" + width + "s  %9s  %9s  %9s  %7s%n";
        String values = "%-" + width + "s  %9.4f  %9.4f  %9.4f  %7d%n";
        s.append(String.format(Locale.ROOT, row, "", "precision", "recall", "f1", "support"));
        for (int k = 0; k < classes.size(); k++) {
            s.append(String.format(Locale.ROOT, values, classes.get(k), precision(k), recall(k), f1(k), support(k)));
        }
        s.append(String.format(Locale.ROOT, values, "macro avg", macroPrecision(), macroRecall(), macroF1(), examples));
        s.append(String.format(Locale.ROOT, values, "weighted avg", weightedPrecision(), weightedRecall(), weightedF1(),
                examples));
        s.append("confusion (rows: true class, columns: predicted)").append(System.lineSeparator());
        int cell = 5;
        for (String name : classes) {
            cell = Math.max(cell, name.length());
        }
        s.append(String.format(Locale.ROOT, "%-" + width + "s", ""));
        for (String name : classes) {
            s.append(String.format(Locale.ROOT, "  %" + cell + "s", name));
        }
        s.append(System.lineSeparator());
        for (int k = 0; k < classes.size(); k++) {
            s.append(String.format(Locale.ROOT, "%-" + width + "s", classes.get(k)));
            for (int p = 0; p < classes.size(); p++) {
                s.append(String.format(Locale.ROOT, "  %" + cell + "d", confusion[k][p]));
            }
            s.append(System.lineSeparator());
        }
        return s.toString();
    }
}
