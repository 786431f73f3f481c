package dev.backprop.data;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * What a model trained on a table needs, besides its weights, to take raw rows and answer in the
 * table's terms: the feature columns by name and in order, the feature scaling fitted on the
 * training rows, and what it predicts: a class label (with the class names, in output order) or
 * numeric targets (with their names and the scaling that maps network outputs back to target
 * units). Saved beside the network by {@code TabularModelFile}, exported to ONNX as graph nodes
 * and metadata.
 *
 * <pre>{@code
 * TabularSchema schema = TabularSchema.fit(training, FeatureScaling.Kind.STANDARDIZE);
 * Dataset train = schema.dataset(training);        // scaled features, one-hot classes
 * Dataset test = schema.dataset(test);             // scaled with the training statistics
 * }</pre>
 *
 * @param features      the feature columns' names, in the order of the network's inputs
 * @param scaling       the feature scaling, as wide as {@code features}
 * @param kind          {@link TabularData.Kind#CLASSIFICATION} or {@link TabularData.Kind#REGRESSION}
 * @param targets       the label column's name (classification) or the target columns' names
 * @param classes       the class names in output order (classification), else empty
 * @param targetScaling how targets were scaled for training (regression; its inverse turns
 *                      outputs into target units), else null
 */
public record TabularSchema(List<String> features, FeatureScaling scaling, TabularData.Kind kind, List<String> targets,
                            List<String> classes, FeatureScaling targetScaling) {
    /**
     * Checks that the parts make one model's schema; the lists are copied.
     *
     * @throws IllegalArgumentException if there is no feature, names repeat, the scaling's width
     *     is not the number of features, a classifier has other than one label column, no class
     *     or a target scaling, a regression model has classes or no target scaling as wide as its
     *     targets, or {@code kind} is {@link TabularData.Kind#UNLABELLED}
     * @throws NullPointerException if a list, a name in one, {@code scaling} or {@code kind} is
     *     null
     */
    public TabularSchema {
        features = List.copyOf(features);
        targets = List.copyOf(targets);
        classes = List.copyOf(classes);
        Objects.requireNonNull(scaling, "scaling");
        Objects.requireNonNull(kind, "kind");
        if (features.isEmpty()) {
            throw new IllegalArgumentException("a tabular model needs at least one feature");
        }
        if (new HashSet<>(features).size() != features.size()) {
            throw new IllegalArgumentException("feature names must be distinct, got " + features);
        }
        if (scaling.width() != features.size()) {
            throw new IllegalArgumentException("the scaling covers " + scaling.width() + " columns, the model has "
                    + features.size() + " features " + features);
        }
        switch (kind) {
            case CLASSIFICATION:
                if (targets.size() != 1 || classes.isEmpty() || targetScaling != null) {
                    throw new IllegalArgumentException("a classifier has one label column and at least one class, and no"
                            + " target scaling; got targets " + targets + ", classes " + classes + ", target scaling "
                            + targetScaling);
                }
                if (new HashSet<>(classes).size() != classes.size()) {
                    throw new IllegalArgumentException("class names must be distinct, got " + classes);
                }
                break;
            case REGRESSION:
                if (targets.isEmpty() || !classes.isEmpty() || targetScaling == null
                        || targetScaling.width() != targets.size()) {
                    throw new IllegalArgumentException("a regression model has one target scaling column per target and no"
                            + " classes; got targets " + targets + ", classes " + classes + ", target scaling "
                            + targetScaling);
                }
                break;
            default:
                throw new IllegalArgumentException("a model predicts classes or targets, not " + kind);
        }
    }

    /**
     * Fits the schema of a model to train on {@code training}: feature scaling of {@code kind}
     * on its rows and, for regression, standardised targets (a linear output layer learns
     * targets of mean 0 and variance 1 far more easily than, say, grams). Classes and names
     * come from the table.
     *
     * @param training the training split only (statistics from test rows would leak into
     *     training), read with {@link Csv#classification} or {@link Csv#regression}; at least one
     *     row
     * @param kind     how the features are scaled
     * @return a schema whose {@link #dataset} gives the training set and, from other tables with
     *     the same columns, validation and test sets scaled alike
     * @throws IllegalArgumentException if the table is unlabelled or has no rows to fit on
     */
    public static TabularSchema fit(TabularData training, FeatureScaling.Kind kind) {
        FeatureScaling scaling = FeatureScaling.fit(kind, training);
        if (training.kind() == TabularData.Kind.REGRESSION) {
            return new TabularSchema(training.featureNames(), scaling, training.kind(), training.targetNames(), List.of(),
                    FeatureScaling.fitTargets(FeatureScaling.Kind.STANDARDIZE, training));
        }
        return new TabularSchema(training.featureNames(), scaling, training.kind(), training.targetNames(),
                training.classNames(), null);
    }

    /**
     * Whether the model predicts a class.
     *
     * @return true for {@link TabularData.Kind#CLASSIFICATION}, false for regression
     */
    public boolean isClassification() {
        return kind == TabularData.Kind.CLASSIFICATION;
    }

    /**
     * How many outputs the network has.
     *
     * @return the number of classes (classification) or targets (regression)
     */
    public int outputWidth() {
        return isClassification() ? classes.size() : targets.size();
    }

    /**
     * {@code data} as a data set for this model: features scaled, regression targets scaled,
     * classes one-hot in this schema's order.
     *
     * @param data a table with this schema's feature columns in order, of this schema's kind and,
     *     for a classifier, with exactly its classes (read it with {@link #csv csv(true)})
     * @return a new data set of {@code data.size()} examples, ready for training or evaluation
     * @throws IllegalArgumentException when its columns, kind or classes are not this schema's
     */
    public Dataset dataset(TabularData data) {
        checkColumns(data);
        if (data.kind() != kind) {
            throw new IllegalArgumentException(data.source() + " was read as " + data.kind() + ", the model is " + kind);
        }
        if (isClassification() && !data.classNames().equals(classes)) {
            throw new IllegalArgumentException(data.source() + " has classes " + data.classNames() + ", the model "
                    + classes + "; read it with Csv.classification(...).classes(schema.classes())");
        }
        return data.toDataset(scaling, targetScaling);
    }

    /**
     * A reader for new rows of this model: its feature columns by name and in its order, other
     * columns ignored, and the label (with this model's classes fixed) or targets if
     * {@code labelled}.
     *
     * <pre>{@code
     * TabularData rows = schema.csv(false).read(Path.of("new-flowers.csv"));   // features only
     * }</pre>
     *
     * @param labelled true to read the label or target columns too, for evaluation; false for
     *     rows to predict
     * @return a new reader, which may be configured further (delimiter, header)
     */
    public Csv csv(boolean labelled) {
        Csv csv = !labelled ? Csv.unlabelled()
                : isClassification() ? Csv.classification(targets.get(0)).classes(classes)
                : Csv.regression(targets.toArray(new String[0]));
        return csv.features(features);
    }

    /**
     * Checks that {@code data} has this schema's features, by name and in order, before its rows
     * are fed to the model.
     *
     * @param data a table to predict or evaluate
     * @throws IllegalArgumentException when {@code data}'s features are not this schema's, in
     *     order, naming both lists
     */
    public void checkColumns(TabularData data) {
        if (!data.featureNames().equals(features)) {
            throw new IllegalArgumentException(data.source() + " has features " + data.featureNames() + ", the model takes "
                    + features + "; read it with schema.csv(...)");
        }
    }
}
