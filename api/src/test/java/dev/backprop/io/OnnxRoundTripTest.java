package dev.backprop.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.Activation;
import dev.backprop.Activations;
import dev.backprop.Costs;
import dev.backprop.Init;
import dev.backprop.Network;
import dev.backprop.Parameters;
import dev.backprop.data.FeatureScaling;
import dev.backprop.data.TabularData;
import dev.backprop.data.TabularSchema;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Export then import gives back the same network and bit-identical parameters; other exporters' forms import too. */
class OnnxRoundTripTest {
    @TempDir
    Path dir;

    private TabularModelFile.Loaded roundTrip(Network network, Parameters p, TabularSchema schema) throws Exception {
        Path file = dir.resolve("m.onnx");
        Onnx.write(network, p, schema, file);
        return Onnx.read(file);
    }

    @Test
    void everyActivationAndCostComesBackExactly() throws Exception {
        List<Network> networks = List.of(
                Network.of(5, 7, 3),
                Network.builder(4).layer(6, Activations.TANH).layer(5, Activations.RELU).layer(3, Activations.SOFTMAX)
                        .cost(Costs.LOG_LIKELIHOOD).build(),
                Network.builder(3).layer(4, Activations.RELU).layer(2, Activations.IDENTITY).build(),
                Network.builder(2).layer(3, Activations.IDENTITY).layer(1, Activations.SIGMOID).cost(Costs.CROSS_ENTROPY)
                        .build());
        for (Network network : networks) {
            Parameters p = Parameters.initialize(network, Init.SCALED_NORMAL, 11);
            TabularModelFile.Loaded back = roundTrip(network, p, null);
            assertEquals(network, back.network());
            assertEquals(p, back.parameters(), network.toString());
            assertNull(back.schema());
        }
    }

    @Test
    void tabularSchemaTravelsAsNodesAndMetadata() throws Exception {
        Network network = Network.of(2, 4, 3);
        Parameters p = Parameters.initialize(network, Init.STANDARD_NORMAL, 3);
        TabularSchema classifier = new TabularSchema(List.of("petal, length", "width"),
                FeatureScaling.of(FeatureScaling.Kind.STANDARDIZE, new float[] {1.5f, -2f}, new float[] {0.25f, 3f}),
                TabularData.Kind.CLASSIFICATION, List.of("species"), List.of("setosa", "vers\"icolor", "virginica"), null);
        assertEquals(classifier, roundTrip(network, p, classifier).schema());

        Network linear = Network.builder(2).layer(4, Activations.TANH).layer(2, Activations.IDENTITY).build();
        Parameters q = Parameters.initialize(linear, Init.STANDARD_NORMAL, 4);
        TabularSchema regression = new TabularSchema(List.of("a", "b"), FeatureScaling.none(2), TabularData.Kind.REGRESSION,
                List.of("mass", "length"), List.of(),
                FeatureScaling.of(FeatureScaling.Kind.STANDARDIZE, new float[] {4000f, 200f}, new float[] {800f, 14f}));
        TabularModelFile.Loaded back = roundTrip(linear, q, regression);
        assertEquals(regression, back.schema());
        assertEquals(q, back.parameters());
    }

    @Test
    void customActivationIsRefusedOnExport() {
        Activation swish = CustomActivation.SWISH;
        Network network = Network.builder(2).layer(2, swish).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Onnx.write(network, Parameters.zeros(network), dir.resolve("x.onnx")));
        assertTrue(e.getMessage().contains("swish"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("x.onnx")), "nothing is written when export fails");
    }

    @Test
    void matMulPlusAddWithWeightsInByOutImports() throws Exception {
        // W as [in, out] = [[1, 2, 3], [4, 5, 6]]: backprop's W[out][in] is its transpose.
        byte[] model = OnnxBytes.graph(2)
                .floats("W", new float[] {1, 2, 3, 4, 5, 6}, 2, 3)
                .floats("b", new float[] {0.5f, -0.5f, 1}, 3)
                .node("MatMul", "mm", List.of("x", "W"), "h")
                .node("Add", "add", List.of("b", "h"), "z")
                .node("Relu", "relu", List.of("z"), "a")
                .node("Identity", "id", List.of("a"), "y")
                .output("y").bytes();
        TabularModelFile.Loaded back = Onnx.read(model, null);
        assertEquals(Network.builder(2).layer(3, Activations.RELU).cost(Costs.QUADRATIC).build(), back.network());
        assertArrayEquals(new float[] {1, 4, 2, 5, 3, 6}, back.parameters().weights(0));
        assertArrayEquals(new float[] {0.5f, -0.5f, 1}, back.parameters().biases(0));
    }

    @Test
    void gemmWithoutTransposeDoubleWeightsAndNoBias() throws Exception {
        byte[] model = OnnxBytes.graph(2)
                .doubles("W", new double[] {1, 2, 3, 4}, 2, 2)
                .node("Gemm", "g", List.of("x", "W"), "z", "alpha", 1.0f, "transB", 0L)
                .node("Softmax", "s", List.of("z"), "p", "axis", 1L)
                .output("p").bytes();
        TabularModelFile.Loaded back = Onnx.read(model, null);
        assertEquals(Costs.LOG_LIKELIHOOD, back.network().cost(), "a softmax output implies log-likelihood");
        assertArrayEquals(new float[] {1, 3, 2, 4}, back.parameters().weights(0));
        assertArrayEquals(new float[] {0, 0}, back.parameters().biases(0));
    }

    @Test
    void unsupportedNodesAreNamedWithTheirOffset() {
        byte[] conv = OnnxBytes.graph(2)
                .floats("W", new float[] {1, 2, 3, 4}, 2, 2)
                .node("Gemm", "fc1", List.of("x", "W"), "z", "transB", 1L)
                .node("Conv", "conv1", List.of("z"), "y")
                .output("y").bytes();
        OnnxFormatException e = assertThrows(OnnxFormatException.class, () -> Onnx.read(conv, Path.of("net.onnx")));
        assertTrue(e.getMessage().startsWith("net.onnx, offset "), e.getMessage());
        assertTrue(e.getMessage().contains("node 1 'conv1' (Conv): not supported"), e.getMessage());
        assertTrue(e.offset() > 0);

        byte[] alpha = OnnxBytes.graph(2).floats("W", new float[] {1, 2, 3, 4}, 2, 2)
                .node("Gemm", "fc1", List.of("x", "W"), "z", "alpha", 2.0f).output("z").bytes();
        assertTrue(assertThrows(OnnxFormatException.class, () -> Onnx.read(alpha, null)).getMessage()
                .contains("attribute alpha = 2.0; expected 1"));

        byte[] variableWeights = OnnxBytes.graph(2).node("MatMul", "mm", List.of("x", "x"), "z").output("z").bytes();
        assertTrue(assertThrows(OnnxFormatException.class, () -> Onnx.read(variableWeights, null)).getMessage()
                .contains("is not an initializer"));

        byte[] softmaxHidden = OnnxBytes.graph(2).floats("W", new float[] {1, 2, 3, 4}, 2, 2)
                .node("Gemm", "a", List.of("x", "W"), "z", "transB", 1L).node("Softmax", "s", List.of("z"), "p")
                .node("Gemm", "b", List.of("p", "W"), "y", "transB", 1L).output("y").bytes();
        assertTrue(assertThrows(OnnxFormatException.class, () -> Onnx.read(softmaxHidden, null)).getMessage()
                .contains("only legal in the output layer"));

        byte[] oldOpset = OnnxBytes.graph(2).opset(6).floats("W", new float[] {1, 2, 3, 4}, 2, 2)
                .node("Gemm", "a", List.of("x", "W"), "z").output("z").bytes();
        assertTrue(assertThrows(OnnxFormatException.class, () -> Onnx.read(oldOpset, null)).getMessage()
                .contains("opset 6"));

        byte[] wrongOutput = OnnxBytes.graph(2).floats("W", new float[] {1, 2, 3, 4}, 2, 2)
                .node("Gemm", "a", List.of("x", "W"), "z").output("elsewhere").bytes();
        assertTrue(assertThrows(OnnxFormatException.class, () -> Onnx.read(wrongOutput, null)).getMessage()
                .contains("'elsewhere'"));
    }

    @Test
    void layerWidthsMustChain() {
        byte[] model = OnnxBytes.graph(2)
                .floats("W1", new float[6], 3, 2).node("Gemm", "a", List.of("x", "W1"), "h", "transB", 1L)
                .floats("W2", new float[8], 2, 4).node("Gemm", "b", List.of("h", "W2"), "y", "transB", 1L)
                .output("y").bytes();
        OnnxFormatException e = assertThrows(OnnxFormatException.class, () -> Onnx.read(model, null));
        assertTrue(e.getMessage().contains("take 4 inputs, the layer before gives 3"), e.getMessage());
    }
}
