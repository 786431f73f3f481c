package dev.backprop;

import dev.backprop.data.TabularData;
import dev.backprop.data.TabularSchema;
import dev.backprop.spi.EngineProvider;

import java.util.Objects;

/**
 * A trained network with its {@link TabularSchema}: takes raw rows (unscaled, in the columns'
 * own units) and answers with class names or target values, scaling on the way in and out as
 * training did.
 *
 * <pre>{@code
 * TabularModelFile.Loaded saved = TabularModelFile.load(Path.of("iris.npz"));
 * try (TabularModel model = TabularModel.open(saved.parameters(), saved.schema())) {
 *     String species = model.classify(new float[] {5.1f, 3.5f, 1.4f, 0.2f});   // "setosa"
 *     System.out.println(model.evaluateClassification(saved.schema().csv(true).read(path)));
 * }
 * }</pre>
 *
 * <p>Runs on a {@link Predictor} and, like it, may be shared by any number of threads; the
 * schema is immutable. Rows are checked before any arithmetic: a row of the wrong width, or with
 * a NaN or infinite value, is refused.
 */
public final class TabularModel implements AutoCloseable {
    private final Predictor predictor;
    private final TabularSchema schema;

    private TabularModel(Predictor predictor, TabularSchema schema) {
        this.predictor = predictor;
        this.schema = schema;
    }

    /**
     * A model on the engine {@link Engines#choose()} picks, as {@link Predictor#open(Parameters)}.
     *
     * @param parameters the trained weights and biases, all finite; copied, so later training
     *                   does not change the model
     * @param schema     the schema the network was trained with: as many features as the
     *                   network has inputs, as many classes or targets as it has outputs
     * @return an open model, the caller's to close
     * @throws IllegalArgumentException if the schema does not fit the network, a parameter is NaN
     *                                  or infinite, or the engine cannot compute the network
     * @throws IllegalStateException    if no engine (or not the named one) is available
     */
    public static TabularModel open(Parameters parameters, TabularSchema schema) {
        check(parameters, schema);
        return new TabularModel(Predictor.open(parameters), schema);
    }

    /**
     * A model on the given engine, as {@link Predictor#open(Parameters, EngineProvider)}.
     *
     * @param parameters the trained weights and biases, all finite; copied
     * @param schema     the schema the network was trained with, fitting the network's widths
     * @param engine     the engine to run on
     * @return an open model, the caller's to close
     * @throws IllegalArgumentException if the schema does not fit the network, a parameter is NaN
     *                                  or infinite, or the engine cannot compute the network
     */
    public static TabularModel open(Parameters parameters, TabularSchema schema, EngineProvider engine) {
        check(parameters, schema);
        return new TabularModel(Predictor.open(parameters, engine), schema);
    }

    private static void check(Parameters parameters, TabularSchema schema) {
        Objects.requireNonNull(schema, "schema");
        Network network = parameters.network();
        if (network.inputWidth() != schema.features().size() || network.outputWidth() != schema.outputWidth()) {
            throw new IllegalArgumentException("the network takes " + network.inputWidth() + " inputs and gives "
                    + network.outputWidth() + " outputs; the schema has " + schema.features().size() + " features and "
                    + schema.outputWidth() + (schema.isClassification() ? " classes" : " targets"));
        }
    }

    /**
     * What the model takes and answers.
     *
     * @return the schema it was opened with: feature names, scaling, classes or targets
     */
    public TabularSchema schema() {
        return schema;
    }

    /**
     * The network's outputs for one raw row: for regression, in the targets' units (the target
     * scaling inverted); for classification, the output layer's activations, one per class.
     *
     * @param row raw feature values in the order of {@code schema().features()}, unscaled;
     *            not modified
     * @return a new array of {@code schema().outputWidth()} values: targets in their own units,
     *     or a^L over {@code schema().classes()} (probabilities when the output is softmax)
     * @throws IllegalArgumentException if the row's length is not the number of features, or a
     *                                  value (after scaling) is NaN or infinite
     * @throws IllegalStateException    if the model is closed
     */
    public float[] predict(float[] row) {
        float[] output = predictor.predict(schema.scaling().apply(row));
        return schema.isClassification() ? output : schema.targetScaling().invert(output);
    }

    /**
     * The class of one raw row, as an index.
     *
     * @param row raw feature values in the order of {@code schema().features()}; not modified
     * @return the index, into {@code schema().classes()}, of the class with the largest output
     *     (the first on ties)
     * @throws IllegalArgumentException if the row's length is not the number of features, or a
     *                                  value is NaN or infinite
     * @throws IllegalStateException    if the model predicts targets, not classes, or is closed
     */
    public int classIndex(float[] row) {
        requireClassifier();
        return predictor.classify(schema.scaling().apply(row));
    }

    /**
     * The class of one raw row, by name.
     *
     * @param row raw feature values in the order of {@code schema().features()}; not modified
     * @return the name of the class with the largest output (the first on ties)
     * @throws IllegalArgumentException if the row's length is not the number of features, or a
     *                                  value is NaN or infinite
     * @throws IllegalStateException    if the model predicts targets, not classes, or is closed
     */
    public String classify(float[] row) {
        return schema.classes().get(classIndex(row));
    }

    /**
     * Accuracy, confusion matrix and per-class measures on labelled rows, each row classified as
     * {@link #classIndex} does.
     *
     * @param data rows read with {@code schema().csv(true)}: this model's features and classes,
     *             at least one row
     * @return the metrics, with this model's class names
     * @throws IllegalArgumentException if the table's features or classes are not the model's, or
     *                                  it has no rows
     * @throws IllegalStateException    if the model predicts targets, not classes, or is closed
     */
    public ClassificationMetrics evaluateClassification(TabularData data) {
        requireClassifier();
        schema.checkColumns(data);
        if (data.kind() != TabularData.Kind.CLASSIFICATION || !data.classNames().equals(schema.classes())) {
            throw new IllegalArgumentException(data.source() + " must be read with the model's classes "
                    + schema.classes() + " (schema.csv(true)), got " + data.kind() + " " + data.classNames());
        }
        int[] predicted = new int[data.size()];
        for (int r = 0; r < predicted.length; r++) {
            predicted[r] = classIndex(data.features(r));
        }
        return ClassificationMetrics.of(data.labels(), predicted, schema.classes());
    }

    /**
     * MSE, MAE and R² on rows with targets, in the targets' units, each row predicted as
     * {@link #predict} does.
     *
     * @param data rows read with {@code schema().csv(true)}: this model's features and targets,
     *             at least one row
     * @return the metrics, per target and averaged over targets
     * @throws IllegalArgumentException if the table's features or targets are not the model's, or
     *                                  it has no rows
     * @throws IllegalStateException    if the model predicts classes, or is closed
     */
    public RegressionMetrics evaluateRegression(TabularData data) {
        if (schema.isClassification()) {
            throw new IllegalStateException("this model is a classifier; use evaluateClassification");
        }
        schema.checkColumns(data);
        if (data.kind() != TabularData.Kind.REGRESSION || !data.targetNames().equals(schema.targets())) {
            throw new IllegalArgumentException(data.source() + " must hold the targets " + schema.targets()
                    + " (schema.csv(true)), got " + data.kind() + " " + data.targetNames());
        }
        int k = schema.outputWidth();
        float[] actual = new float[data.size() * k];
        float[] predicted = new float[data.size() * k];
        for (int r = 0; r < data.size(); r++) {
            System.arraycopy(data.target(r), 0, actual, r * k, k);
            System.arraycopy(predict(data.features(r)), 0, predicted, r * k, k);
        }
        return RegressionMetrics.of(actual, predicted, k, schema.targets());
    }

    private void requireClassifier() {
        if (!schema.isClassification()) {
            throw new IllegalStateException("this model predicts the targets " + schema.targets() + ", not classes; use"
                    + " predict");
        }
    }

    /**
     * Closes the predictor's engines. Calls running in other threads finish first; calls after
     * this one are refused with an {@link IllegalStateException}.
     */
    @Override
    public void close() {
        predictor.close();
    }
}
