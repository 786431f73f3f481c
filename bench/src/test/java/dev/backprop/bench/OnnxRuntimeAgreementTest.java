package dev.backprop.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.backprop.Activations;
import dev.backprop.Costs;
import dev.backprop.Engines;
import dev.backprop.Init;
import dev.backprop.Network;
import dev.backprop.Parameters;
import dev.backprop.Predictor;
import dev.backprop.TabularModel;
import dev.backprop.data.FeatureScaling;
import dev.backprop.data.TabularData;
import dev.backprop.data.TabularSchema;
import dev.backprop.io.Onnx;
import dev.backprop.spi.EngineProvider;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every exported model runs in ONNX Runtime (the real one, from Maven Central, test scope) and
 * gives what backprop's own forward pass gives, on every engine here: within 1e-6 for sigmoid,
 * tanh and softmax outputs (values in [−1, 1]; float32 sums in another order differ by a few
 * ulps), and within 1e-5 relative for linear outputs.
 */
class OnnxRuntimeAgreementTest {
    @TempDir
    Path dir;

    private static float[][] rows(int count, int width, long seed, double scale) {
        Random random = new Random(seed);
        float[][] rows = new float[count][width];
        for (float[] row : rows) {
            for (int j = 0; j < width; j++) {
                row[j] = (float) (random.nextGaussian() * scale);
            }
        }
        return rows;
    }

    private static float[][] runOrt(Path model, float[][] rows) throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(model.toString(), new OrtSession.SessionOptions());
             OnnxTensor input = OnnxTensor.createTensor(env, rows);
             OrtSession.Result result = session.run(Map.of("input", input))) {
            assertEquals(List.of("input"), List.copyOf(session.getInputNames()));
            return (float[][]) result.get(0).getValue();
        }
    }

    private static void assertClose(float[] expected, float[] actual, double tolerance, boolean relative, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int j = 0; j < expected.length; j++) {
            double bound = relative ? tolerance * Math.max(1, Math.abs(expected[j])) : tolerance;
            assertTrue(Math.abs(expected[j] - actual[j]) <= bound, what + " output " + j + ": backprop " + expected[j]
                    + ", ONNX Runtime " + actual[j] + ", |difference| " + Math.abs(expected[j] - actual[j]) + " > " + bound);
        }
    }

    @Test
    void exportedNetworksAgreeWithEveryEngine() throws Exception {
        List<Network> networks = List.of(
                Network.of(784, 30, 10),
                Network.builder(13).layer(17, Activations.TANH).layer(9, Activations.RELU).layer(4, Activations.SOFTMAX)
                        .cost(Costs.LOG_LIKELIHOOD).build(),
                Network.builder(5).layer(31, Activations.RELU).layer(3, Activations.IDENTITY).build());
        for (Network network : networks) {
            Parameters p = Parameters.initialize(network, Init.SCALED_NORMAL, 17);
            Path file = dir.resolve("n.onnx");
            Onnx.write(network, p, file);
            float[][] inputs = rows(37, network.inputWidth(), 3, 1.0);
            float[][] ort = runOrt(file, inputs);
            float[][] single = runOrt(file, new float[][] {inputs[5]});
            boolean linear = network.layer(network.depth() - 1).activation() == Activations.IDENTITY;
            for (EngineProvider engine : Engines.load().providers()) {
                if (!engine.availability().available()) {
                    continue;
                }
                try (Predictor predictor = Predictor.open(p, engine)) {
                    for (int r = 0; r < inputs.length; r++) {
                        assertClose(predictor.predict(inputs[r]), ort[r], linear ? 1e-5 : 1e-6, linear,
                                network + " on " + engine.name() + ", row " + r);
                    }
                    assertClose(predictor.predict(inputs[5]), single[0], linear ? 1e-5 : 1e-6, linear, "batch of 1");
                }
            }
        }
    }

    @Test
    void tabularModelsTakeRawRowsInOnnxRuntimeToo() throws Exception {
        Network classifier = Network.of(4, 30, 3);
        TabularSchema iris = new TabularSchema(List.of("sepal_length", "sepal_width", "petal_length", "petal_width"),
                FeatureScaling.of(FeatureScaling.Kind.STANDARDIZE, new float[] {5.8f, 3.05f, 3.76f, 1.2f},
                        new float[] {0.83f, 0.43f, 1.76f, 0.76f}),
                TabularData.Kind.CLASSIFICATION, List.of("species"), List.of("setosa", "versicolor", "virginica"), null);
        check(classifier, iris, rows(25, 4, 8, 3.0), 1e-6, false);

        Network regression = Network.builder(3).layer(30, Activations.SIGMOID).layer(2, Activations.IDENTITY).build();
        TabularSchema penguins = new TabularSchema(List.of("bill", "depth", "flipper"), FeatureScaling.none(3),
                TabularData.Kind.REGRESSION, List.of("mass", "x"), List.of(),
                FeatureScaling.of(FeatureScaling.Kind.STANDARDIZE, new float[] {4200f, -3f}, new float[] {800f, 0.5f}));
        check(regression, penguins, rows(25, 3, 9, 10.0), 1e-5, true);
    }

    private void check(Network network, TabularSchema schema, float[][] raw, double tolerance, boolean relative)
            throws Exception {
        Parameters p = Parameters.initialize(network, Init.STANDARD_NORMAL, 23);
        Path file = dir.resolve("tabular.onnx");
        Onnx.write(network, p, schema, file);
        float[][] ort = runOrt(file, raw);
        try (TabularModel model = TabularModel.open(p, schema, Engines.load().choose("ref"))) {
            for (int r = 0; r < raw.length; r++) {
                assertClose(model.predict(raw[r]), ort[r], tolerance, relative, schema.kind() + " row " + r);
            }
        }
    }
}
