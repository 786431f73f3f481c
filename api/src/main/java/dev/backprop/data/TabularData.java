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
 * FeatureScaling scaling = FeatureScaling.standardize(iris.select(split.training()));
 * Dataset training = iris.select(split.training()).toDataset(scaling);
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

    /** Where the rows came from (the file name), for messages. */
    public String source() {
        return source;
    }

    public Kind kind() {
        return kind;
    }

    /** The number of rows. */
    public int size() {
        return rows;
    }

    /** The number of features per row: a network's input width. */
    public int inputWidth() {
        return featureNames.size();
    }

    /** The feature columns' names in the order of a row's values (header names, or "column 3" without a header). */
    public List<String> featureNames() {
        return featureNames;
    }

    /** The label column's name (classification) or the target columns' names (regression); empty when unlabelled. */
    public List<String> targetNames() {
        return targetNames;
    }

    /** The classes, in index order; empty unless {@link Kind#CLASSIFICATION}. */
    public List<String> classNames() {
        return classNames;
    }

    /** The name of class {@code index}. */
    public String className(int index) {
        return classNames.get(index);
    }

    /** A copy of row {@code row}'s raw feature values. */
    public float[] features(int row) {
        Objects.checkIndex(row, rows);
        int d = inputWidth();
        return Arrays.copyOfRange(features, row * d, (row + 1) * d);
    }

    /** The class index of row {@code row}. */
    public int label(int row) {
        requireKind(Kind.CLASSIFICATION);
        return labels[Objects.checkIndex(row, rows)];
    }

    /** A copy of every row's class index. */
    public int[] labels() {
        requireKind(Kind.CLASSIFICATION);
        return labels.clone();
    }

    /** A copy of row {@code row}'s targets. */
    public float[] target(int row) {
        requireKind(Kind.REGRESSION);
        Objects.checkIndex(row, rows);
        int k = targetNames.size();
        return Arrays.copyOfRange(targets, row * k, (row + 1) * k);
    }

    /** The rows at {@code indices}, in that order (repeats allowed), as a new table. */
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
     * @param scaling       the feature scaling, or {@link FeatureScaling#none(int)}
     * @param targetScaling the regression target scaling, or null to keep targets as they are
     * @throws IllegalStateException when the table is {@link Kind#UNLABELLED}
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

    /** {@link #toDataset(FeatureScaling, FeatureScaling)} with no target scaling. */
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
