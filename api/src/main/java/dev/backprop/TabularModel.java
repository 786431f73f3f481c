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
 * <p>Runs on a {@link Predictor} and, like it, serves one thread at a time.
 */
public final class TabularModel implements AutoCloseable {
    private final Predictor predictor;
    private final TabularSchema schema;

    private TabularModel(Predictor predictor, TabularSchema schema) {
        this.predictor = predictor;
        this.schema = schema;
    }

    /** A model on the engine {@link Engines#open()} chooses. */
    public static TabularModel open(Parameters parameters, TabularSchema schema) {
        check(parameters, schema);
        return new TabularModel(Predictor.open(parameters), schema);
    }

    /** A model on the given engine. */
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

    public TabularSchema schema() {
        return schema;
    }

    /**
     * The network's outputs for one raw row: for regression, in the targets' units (the target
     * scaling inverted); for classification, the output layer's activations, one per class.
     */
    public float[] predict(float[] row) {
        float[] output = predictor.predict(schema.scaling().apply(row));
        return schema.isClassification() ? output : schema.targetScaling().invert(output);
    }

    /** The index of the class with the largest output (the first on ties). */
    public int classIndex(float[] row) {
        requireClassifier();
        return predictor.classify(schema.scaling().apply(row));
    }

    /** The name of the class with the largest output. */
    public String classify(float[] row) {
        return schema.classes().get(classIndex(row));
    }

    /** Accuracy, confusion matrix and per-class measures on labelled rows. */
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

    /** MSE, MAE and R² on rows with targets, in the targets' units. */
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

    @Override
    public void close() {
        predictor.close();
    }
}
