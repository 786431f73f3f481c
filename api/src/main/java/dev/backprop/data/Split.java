package dev.backprop.data;

import dev.backprop.internal.FisherYates;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * A seeded split of n examples into training, validation and test indices. Stratified when
 * labels are given: each class is shuffled and cut on its own, so every part keeps the class
 * proportions of the whole (within one example per class); otherwise the indices are shuffled
 * and cut once. The same seed, labels and fractions give the same split on every JVM
 * ({@link Random}'s algorithm is specified; the shuffle is Fisher–Yates).
 *
 * <pre>{@code
 * Split split = Split.stratified(table.labels(), 0.2, 0.1, 42);   // 70 % / 10 % / 20 %
 * TabularData training = table.select(split.training());
 * }</pre>
 *
 * <p>Each part's indices are in ascending order, so a part reads the file's rows in file order;
 * the trainer shuffles for itself. Each class keeps at least one example for training; when a
 * class is too small for every part, validation gives way first, then test.
 *
 * @param training   indices for fitting
 * @param validation indices for choosing settings or stopping early (may be empty)
 * @param test       indices held out for the final measurement (may be empty)
 */
public record Split(int[] training, int[] validation, int[] test) {
    /**
     * A split of given indices, for parts chosen elsewhere (a fixed test set, a time-ordered cut).
     * The arrays are copied, and nothing is checked: the parts may overlap or be unsorted.
     *
     * @throws NullPointerException if an array is null
     */
    public Split {
        training = training.clone();
        validation = validation.clone();
        test = test.clone();
    }

    /**
     * Splits every class of {@code labels} by the fractions: each class is shuffled, then its
     * first round(n · testFraction) examples go to test, the next round(n · validationFraction)
     * to validation and the rest to training, n being the class's size. A class too small for
     * that keeps at least one example for training, taking it from validation first.
     *
     * @param labels             the class index of every example, each 0 or more (such as
     *                           {@link TabularData#labels()}); not modified
     * @param testFraction       the share of each class held out for testing, in [0, 1)
     * @param validationFraction the share of each class for validation, in [0, 1); the two
     *                           together below 1
     * @param seed               the seed of the one {@link Random} that shuffles every class, in
     *                           class order
     * @return the three parts, each in ascending order, together holding every index in
     *     [0, labels.length) exactly once
     * @throws IllegalArgumentException if a label is negative, or a fraction is negative or they
     *                                  add up to 1 or more (NaN included)
     */
    public static Split stratified(int[] labels, double testFraction, double validationFraction, long seed) {
        Objects.requireNonNull(labels, "labels");
        checkFractions(testFraction, validationFraction);
        int classes = 0;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0) {
                throw new IllegalArgumentException("label of example " + i + " is " + labels[i] + ", expected 0 or more");
            }
            classes = Math.max(classes, labels[i] + 1);
        }
        List<List<Integer>> members = new ArrayList<>();
        for (int k = 0; k < classes; k++) {
            members.add(new ArrayList<>());
        }
        for (int i = 0; i < labels.length; i++) {
            members.get(labels[i]).add(i);
        }
        Random random = new Random(seed);
        Parts parts = new Parts(labels.length);
        for (List<Integer> group : members) {
            int[] indices = group.stream().mapToInt(Integer::intValue).toArray();
            FisherYates.shuffle(indices, random);
            parts.cut(indices, testFraction, validationFraction);
        }
        return parts.split();
    }

    /**
     * The examples to fit on.
     *
     * @return a copy of the training indices, ascending
     */
    @Override
    public int[] training() {
        return training.clone();
    }

    /**
     * The examples for choosing settings or stopping early.
     *
     * @return a copy of the validation indices, ascending; may be empty
     */
    @Override
    public int[] validation() {
        return validation.clone();
    }

    /**
     * The examples held out for the final measurement.
     *
     * @return a copy of the test indices, ascending; may be empty
     */
    @Override
    public int[] test() {
        return test.clone();
    }

    /**
     * The examples of {@code data} at {@code indices}, in that order, as a new data set: one part
     * of a split of a {@link Dataset} (labels and targets come along). For a table, use
     * {@link TabularData#select} instead, and fit the scaling on the training part.
     *
     * <pre>{@code
     * Split split = Split.stratified(labels, 0.2, 0.0, 7);
     * Dataset training = Split.select(data, split.training());
     * }</pre>
     *
     * @param data    the whole data set; not modified
     * @param indices examples of {@code data}, each in [0, data.size()); repeats allowed
     * @return a new data set with copies of those examples' inputs and targets, and their labels
     *     when {@code data} has labels
     * @throws IndexOutOfBoundsException if an index is not an example of {@code data}
     */
    public static Dataset select(Dataset data, int[] indices) {
        int d = data.inputWidth();
        int k = data.outputWidth();
        float[] inputs = new float[Math.multiplyExact(indices.length, d)];
        float[] targets = data.hasLabels() ? null : new float[Math.multiplyExact(indices.length, k)];
        int[] labels = data.hasLabels() ? new int[indices.length] : null;
        for (int i = 0; i < indices.length; i++) {
            data.copyInput(indices[i], inputs, i * d);
            if (labels != null) {
                labels[i] = data.label(indices[i]);
            } else {
                data.copyTarget(indices[i], targets, i * k);
            }
        }
        return labels != null ? Dataset.classificationOwning(inputs, d, labels, k) : Dataset.of(inputs, d, targets, k);
    }

    /**
     * Splits {@code size} examples without regard to labels (regression, or when classes need
     * not be balanced): the indices 0 … size − 1 are shuffled once and cut, round(size ·
     * testFraction) to test, round(size · validationFraction) to validation, the rest (at least
     * one when {@code size} is at least 1) to training.
     *
     * <pre>{@code
     * Split split = Split.random(table.size(), 0.2, 0.0, 42);     // 80 % / 0 % / 20 %
     * }</pre>
     *
     * @param size               the number of examples, 0 or more
     * @param testFraction       the share held out for testing, in [0, 1)
     * @param validationFraction the share for validation, in [0, 1); the two together below 1
     * @param seed               the seed of the {@link Random} that shuffles
     * @return the three parts, each in ascending order, together holding every index in
     *     [0, size) exactly once
     * @throws IllegalArgumentException if {@code size} is negative, or a fraction is negative or
     *                                  they add up to 1 or more (NaN included)
     */
    public static Split random(int size, double testFraction, double validationFraction, long seed) {
        if (size < 0) {
            throw new IllegalArgumentException("size must be at least 0, got " + size);
        }
        checkFractions(testFraction, validationFraction);
        int[] indices = new int[size];
        for (int i = 0; i < size; i++) {
            indices[i] = i;
        }
        FisherYates.shuffle(indices, new Random(seed));
        Parts parts = new Parts(size);
        parts.cut(indices, testFraction, validationFraction);
        return parts.split();
    }

    private static void checkFractions(double test, double validation) {
        if (!(test >= 0 && validation >= 0 && test + validation < 1)) {
            throw new IllegalArgumentException("test fraction " + test + " and validation fraction " + validation
                    + ": each must be at least 0 and together below 1, leaving examples to train on");
        }
    }

    /** Collects the three parts while groups are cut. */
    private static final class Parts {
        private final int[] training;
        private final int[] validation;
        private final int[] test;
        private int trainingSize;
        private int validationSize;
        private int testSize;

        Parts(int size) {
            training = new int[size];
            validation = new int[size];
            test = new int[size];
        }

        void cut(int[] group, double testFraction, double validationFraction) {
            int n = group.length;
            int nTest = (int) Math.round(n * testFraction);
            int nValidation = (int) Math.round(n * validationFraction);
            // Training keeps at least one example of every class it can.
            while (nTest + nValidation >= n && n > 0 && nTest + nValidation > 0) {
                if (nValidation > 0) {
                    nValidation--;
                } else {
                    nTest--;
                }
            }
            int at = 0;
            for (int i = 0; i < nTest; i++) {
                test[testSize++] = group[at++];
            }
            for (int i = 0; i < nValidation; i++) {
                validation[validationSize++] = group[at++];
            }
            while (at < n) {
                training[trainingSize++] = group[at++];
            }
        }

        Split split() {
            int[] a = Arrays.copyOf(training, trainingSize);
            int[] b = Arrays.copyOf(validation, validationSize);
            int[] c = Arrays.copyOf(test, testSize);
            Arrays.sort(a);
            Arrays.sort(b);
            Arrays.sort(c);
            return new Split(a, b, c);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Split s && Arrays.equals(s.training, training) && Arrays.equals(s.validation, validation)
                && Arrays.equals(s.test, test);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(training), Arrays.hashCode(validation), Arrays.hashCode(test));
    }

    @Override
    public String toString() {
        return "Split[" + training.length + " training, " + validation.length + " validation, " + test.length + " test]";
    }
}
