package dev.backprop.data;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A table read from CSV: the raw (unscaled) feature values of each row and, when the file had
 * them, class labels (classification) or numeric targets (regression). Immutable.
 *
 * <pre>{@code
 * TabularData iris = Csv.classification("species").read(Path.of("data/iris/iris.csv"));
 * iris.classNames();                       // [setosa, versicolor, virginica]
 * iris.className(iris.label(0));           // "setosa"
 * Split split = Split.stratified(iris.labels(), 0.2, 0.0, 42);
 * TabularData train = iris.select(split.training());
 * FeatureScaling scaling = FeatureScaling.fit(FeatureScaling.Kind.STANDARDIZE, train);
 * Dataset training = train.toDataset(scaling);
 * Dataset test = iris.select(split.test()).toDataset(scaling);    // the training statistics
 * }</pre>
 *
 * <p>Class indices follow {@link #classNames()}, which is sorted (numerically when every label
 * is a number, so "2" comes before "10"), not the order of first appearance: the same labels
 * always get the same indices, whatever the order of the rows.
 */
public final class TabularData {
    /** What the rows carry besides features. */
    public enum Kind {
        /** A class label per row. */
        CLASSIFICATION,
        /** One or more numeric targets per row. */
        REGRESSION,
        /** Features only, as for prediction. */
        UNLABELLED
    }

    private final String source;
    private final Kind kind;
    private final List<String> featureNames;
    private final List<String> targetNames;
    private final List<String> classNames;
    private final int rows;
    private final float[] features;
    private final int[] labels;
    private final float[] targets;

    TabularData(String source, Kind kind, List<String> featureNames, List<String> targetNames, List<String> classNames,
                int rows, float[] features, int[] labels, float[] targets) {
        this.source = source;
        this.kind = kind;
        this.featureNames = List.copyOf(featureNames);
        this.targetNames = List.copyOf(targetNames);
        this.classNames = List.copyOf(classNames);
        this.rows = rows;
        this.features = features;
        this.labels = labels;
        this.targets = targets;
    }

    /**
     * Where the rows came from, for messages.
     *
     * @return the file name as given to {@link Csv#read(java.nio.file.Path)}, or the description
     *     given with a stream; a {@link #select selection} keeps its table's
     */
    public String source() {
        return source;
    }

    /**
     * What the rows carry besides features, as the {@link Csv} reader was told.
     *
     * @return {@link Kind#CLASSIFICATION}, {@link Kind#REGRESSION} or {@link Kind#UNLABELLED}
     */
    public Kind kind() {
        return kind;
    }

    /**
     * How many rows the table holds.
     *
     * @return the number of data rows (the header not counted); at least 1 for a table read
     *     from a file, possibly 0 for a selection
     */
    public int size() {
        return rows;
    }

    /**
     * How many features a row has.
     *
     * @return the number of feature columns: the input width of a network for this table
     */
    public int inputWidth() {
        return featureNames.size();
    }

    /**
     * Which columns the features are.
     *
     * @return an unmodifiable list of the feature columns' names in the order of a row's values
     *     (header names, or {@code "column 3"} and so on without a header)
     */
    public List<String> featureNames() {
        return featureNames;
    }

    /**
     * Which columns the labels or targets came from.
     *
     * @return an unmodifiable list: the label column's name (classification), the target
     *     columns' names in output order (regression), or nothing (unlabelled)
     */
    public List<String> targetNames() {
        return targetNames;
    }

    /**
     * The classes, in index order: the network's output j stands for class j.
     *
     * @return an unmodifiable list of the class names; empty unless {@link Kind#CLASSIFICATION}
     */
    public List<String> classNames() {
        return classNames;
    }

    /**
     * The name of a class.
     *
     * @param index a class index, in [0, classNames().size())
     * @return its name, as the label appears in the file
     * @throws IndexOutOfBoundsException if {@code index} is not a class (every index is not,
     *     unless the table is {@link Kind#CLASSIFICATION})
     */
    public String className(int index) {
        return classNames.get(index);
    }

    /**
     * One row's features, as read.
     *
     * @param row the row, in [0, size()); 0 is the first data row
     * @return a new array of the row's {@link #inputWidth()} raw (unscaled) feature values, in
     *     the order of {@link #featureNames()}
     * @throws IndexOutOfBoundsException if {@code row} is not a row
     */
    public float[] features(int row) {
        Objects.checkIndex(row, rows);
        int d = inputWidth();
        return Arrays.copyOfRange(features, row * d, (row + 1) * d);
    }

    /**
     * One row's class.
     *
     * @param row the row, in [0, size())
     * @return its class index, in [0, classNames().size())
     * @throws IllegalStateException if the table is not {@link Kind#CLASSIFICATION}
     * @throws IndexOutOfBoundsException if {@code row} is not a row
     */
    public int label(int row) {
        requireKind(Kind.CLASSIFICATION);
        return labels[Objects.checkIndex(row, rows)];
    }

    /**
     * Every row's class, as {@link Split#stratified} takes them.
     *
     * @return a new array of {@link #size()} class indices, row by row
     * @throws IllegalStateException if the table is not {@link Kind#CLASSIFICATION}
     */
    public int[] labels() {
        requireKind(Kind.CLASSIFICATION);
        return labels.clone();
    }

    /**
     * One row's regression targets, as read.
     *
     * @param row the row, in [0, size())
     * @return a new array of the row's targets, unscaled, in the order of {@link #targetNames()}
     * @throws IllegalStateException if the table is not {@link Kind#REGRESSION}
     * @throws IndexOutOfBoundsException if {@code row} is not a row
     */
    public float[] target(int row) {
        requireKind(Kind.REGRESSION);
        Objects.checkIndex(row, rows);
        int k = targetNames.size();
        return Arrays.copyOfRange(targets, row * k, (row + 1) * k);
    }

    /**
     * Some rows as a new table with the same columns, classes and source: one part of a
     * {@link Split}.
     *
     * @param indices rows of this table, each in [0, size()), in the order wanted; repeats
     *     allowed, empty allowed; not modified
     * @return a new table holding copies of those rows
     * @throws IndexOutOfBoundsException if an index is not a row
     */
    public TabularData select(int[] indices) {
        int d = inputWidth();
        int k = kind == Kind.REGRESSION ? targetNames.size() : 0;
        float[] f = new float[Math.multiplyExact(indices.length, d)];
        int[] l = kind == Kind.CLASSIFICATION ? new int[indices.length] : null;
        float[] t = kind == Kind.REGRESSION ? new float[indices.length * k] : null;
        for (int i = 0; i < indices.length; i++) {
            int r = Objects.checkIndex(indices[i], rows);
            System.arraycopy(features, r * d, f, i * d, d);
            if (l != null) {
                l[i] = labels[r];
            }
            if (t != null) {
                System.arraycopy(targets, r * k, t, i * k, k);
            }
        }
        return new TabularData(source, kind, featureNames, targetNames, classNames, indices.length, f, l, t);
    }

    /** Column {@code feature} of every row: for fitting a scaling. */
    float[] column(int feature) {
        Objects.checkIndex(feature, inputWidth());
        float[] column = new float[rows];
        for (int r = 0; r < rows; r++) {
            column[r] = features[r * inputWidth() + feature];
        }
        return column;
    }

    /** Target {@code index} of every row (regression). */
    float[] targetColumn(int index) {
        requireKind(Kind.REGRESSION);
        int k = targetNames.size();
        Objects.checkIndex(index, k);
        float[] column = new float[rows];
        for (int r = 0; r < rows; r++) {
            column[r] = targets[r * k + index];
        }
        return column;
    }

    /**
     * The rows as a {@link Dataset} for training or evaluation, features scaled by
     * {@code scaling} (fitted on the training rows only) and, for regression, targets by
     * {@code targetScaling}. Classification targets are one-hot over {@link #classNames()}.
     *
     * @param scaling       the feature scaling, as wide as {@link #inputWidth()}, or
     *                      {@link FeatureScaling#none(int)}
     * @param targetScaling the regression target scaling, as wide as {@link #targetNames()}, or
     *                      null to keep targets as they are; ignored for classification
     * @return a new data set of {@link #size()} examples with copies of the (scaled) values;
     *     labelled when the table is {@link Kind#CLASSIFICATION}
     * @throws IllegalArgumentException when a scaling's width does not fit the table, or a scaled
     *                                  value overflows float32 (a divisor far too small)
     * @throws IllegalStateException    when the table is {@link Kind#UNLABELLED}
     */
    public Dataset toDataset(FeatureScaling scaling, FeatureScaling targetScaling) {
        Objects.requireNonNull(scaling, "scaling");
        float[] x = scaling.applyToRows(features, rows);
        switch (kind) {
            case CLASSIFICATION:
                return Dataset.classificationOwning(x, inputWidth(), labels.clone(), classNames.size());
            case REGRESSION:
                float[] y = targetScaling == null ? targets : targetScaling.applyToRows(targets, rows);
                return Dataset.of(x, inputWidth(), y, targetNames.size());
            default:
                throw new IllegalStateException("the rows of " + source + " have no labels or targets; read them with "
                        + "Csv.classification(...) or Csv.regression(...) to train or evaluate");
        }
    }

    /**
     * The rows as a {@link Dataset}, features scaled and targets as they are:
     * {@link #toDataset(FeatureScaling, FeatureScaling)} with no target scaling.
     *
     * @param scaling the feature scaling, as wide as {@link #inputWidth()}, fitted on the training
     *     rows only
     * @return a new data set of {@link #size()} examples
     * @throws IllegalArgumentException when the scaling's width is not {@link #inputWidth()}
     * @throws IllegalStateException    when the table is {@link Kind#UNLABELLED}
     */
    public Dataset toDataset(FeatureScaling scaling) {
        return toDataset(scaling, null);
    }

    private void requireKind(Kind wanted) {
        if (kind != wanted) {
            throw new IllegalStateException(source + " was read as " + kind + ", not " + wanted);
        }
    }

    @Override
    public String toString() {
        return "TabularData[" + source + ": " + rows + " rows, " + inputWidth() + " features, " + kind
                + (kind == Kind.CLASSIFICATION ? " " + targetNames.get(0) + " " + classNames
                : kind == Kind.REGRESSION ? " " + targetNames : "") + "]";
    }
}
