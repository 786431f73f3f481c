package dev.backprop.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.backprop.Activations;
import dev.backprop.Costs;
import dev.backprop.Engines;
import dev.backprop.Predictor;
import dev.backprop.io.Onnx;
import dev.backprop.io.TabularModelFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Models exported by PyTorch's {@code torch.onnx.export} (made by bench/peers/make_torch_onnx.py,
 * kept as test resources with torch's own outputs) import and predict what torch predicted.
 * The committed files need no torch; the script is rerun when /usr/bin/python3 has torch.
 */
class TorchOnnxImportTest {
    private static final Path RESOURCES = Path.of("src", "test", "resources", "dev", "backprop", "bench", "onnx");

    @TempDir
    Path dir;

    @Test
    void gemmSigmoidTanhSoftmaxFromTorchPredictsAsTorchDid() throws Exception {
        TabularModelFile.Loaded model = Onnx.read(RESOURCES.resolve("torch-gemm.onnx"));
        assertEquals(List.of(Activations.SIGMOID, Activations.TANH, Activations.SOFTMAX),
                model.network().layers().stream().map(l -> l.activation()).toList());
        assertEquals(Costs.LOG_LIKELIHOOD, model.network().cost());
        assertPredictsLikeTorch(model, RESOURCES.resolve("torch-gemm.csv"), 1e-6, false);
    }

    @Test
    void matMulAddReluFromTorchPredictsAsTorchDid() throws Exception {
        TabularModelFile.Loaded model = Onnx.read(RESOURCES.resolve("torch-matmul.onnx"));
        assertEquals("[6, 7, 2]", Arrays.toString(model.network().sizes()));
        assertEquals(Activations.IDENTITY, model.network().layer(1).activation());
        assertPredictsLikeTorch(model, RESOURCES.resolve("torch-matmul.csv"), 1e-5, true);
    }

    @Test
    void theScriptStillMakesModelsThatImport() throws Exception {
        assumeTrue(run(List.of("/usr/bin/python3", "-c", "import torch")) == 0,
                "/usr/bin/python3 cannot import torch (apt-get install python3-torch); the committed models are tested above");
        assertEquals(0, run(List.of("/usr/bin/python3", Path.of("peers", "make_torch_onnx.py").toString(), dir.toString())),
                Files.readString(dir.resolve("log.txt")));
        assertPredictsLikeTorch(Onnx.read(dir.resolve("torch-gemm.onnx")), dir.resolve("torch-gemm.csv"), 1e-6, false);
        assertPredictsLikeTorch(Onnx.read(dir.resolve("torch-matmul.onnx")), dir.resolve("torch-matmul.csv"), 1e-5, true);
    }

    private static void assertPredictsLikeTorch(TabularModelFile.Loaded model, Path csv, double tolerance, boolean relative)
            throws IOException {
        List<String> lines = Files.readAllLines(csv);
        int n = model.network().inputWidth();
        int k = model.network().outputWidth();
        assertEquals(n + k, lines.get(0).split(",").length, "columns of " + csv);
        try (Predictor predictor = Predictor.open(model.parameters(), Engines.load().choose("ref"))) {
            for (int r = 1; r < lines.size(); r++) {
                String[] cells = lines.get(r).split(",");
                float[] x = new float[n];
                for (int i = 0; i < n; i++) {
                    x[i] = Float.parseFloat(cells[i]);
                }
                float[] y = predictor.predict(x);
                for (int j = 0; j < k; j++) {
                    float torch = Float.parseFloat(cells[n + j]);
                    double bound = relative ? tolerance * Math.max(1, Math.abs(torch)) : tolerance;
                    assertTrue(Math.abs(y[j] - torch) <= bound, csv.getFileName() + " row " + r + " output " + j
                            + ": torch " + torch + ", backprop " + y[j]);
                }
            }
        }
    }

    private int run(List<String> command) throws Exception {
        return ExternalProcess.run(command, dir.resolve("log.txt"));
    }
}
