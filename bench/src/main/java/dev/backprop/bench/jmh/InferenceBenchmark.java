package dev.backprop.bench.jmh;

import dev.backprop.bench.EngineNames;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import dev.backprop.Init;
import dev.backprop.Network;
import dev.backprop.Parameters;
import dev.backprop.Predictor;
import dev.backprop.io.Onnx;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Question: how fast does a trained model answer, against ONNX Runtime serving the same model?
 *
 * <p>One operation is one call for {@code batch} rows of 784 inputs through the book's network
 * [784, 30, 10] (sigmoid, seeded N(0,1) weights): backprop's shared {@link Predictor} writing into
 * a caller's array ({@code predict(inputs, rows, outputs)}, allocation-free once warm), or ONNX
 * Runtime's Java API running the file {@link Onnx#write} exported from the same parameters, with
 * the input tensor made once and the outputs copied out, as a server would. Mode is average time
 * per call: at batch 1 that is the latency of one prediction, at batch 1000 its inverse times
 * 1000 is rows per second. {@code shared} runs two threads on one predictor (or one session),
 * which is how an application serves requests.
 *
 * <p>ONNX Runtime keeps its default session options (its own thread pool, all optimisations), as
 * a user who adds it to an app gets them.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {Flags.VECTOR, Flags.NATIVE})
public class InferenceBenchmark {
    /** The runtime serving the model: a backprop engine by name, or ONNX Runtime. */
    @Param({EngineNames.SIMD, EngineNames.REF, EngineNames.OPENCL, ONNX_RUNTIME})
    public String engine;

    @Param({"1", "1000"})
    public int batch;

    static final String ONNX_RUNTIME = "onnxruntime";
    private static final Network BOOK = Network.of(784, 30, 10);

    private Predictor predictor;
    private OrtEnvironment environment;
    private OrtSession session;
    private Path exported;

    /** Each thread's own input and output, so that only the model is shared. */
    @State(Scope.Thread)
    public static class Rows {
        float[] inputs;
        float[] outputs;
        OnnxTensor tensor;

        @Setup(Level.Trial)
        public void setUp(InferenceBenchmark shared) throws OrtException {
            Random random = new Random(Thread.currentThread().getId());
            inputs = new float[shared.batch * 784];
            for (int i = 0; i < inputs.length; i++) {
                inputs[i] = random.nextFloat();
            }
            outputs = new float[shared.batch * 10];
            if (shared.session != null) {
                tensor = OnnxTensor.createTensor(shared.environment, FloatBuffer.wrap(inputs), new long[] {shared.batch, 784});
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            if (tensor != null) {
                tensor.close();
            }
        }
    }

    @Setup(Level.Trial)
    public void setUp() throws IOException, OrtException {
        Parameters parameters = Parameters.initialize(BOOK, Init.STANDARD_NORMAL, 1);
        if (engine.equals(ONNX_RUNTIME)) {
            exported = Files.createTempFile("book", ".onnx");
            Onnx.write(BOOK, parameters, exported);
            environment = OrtEnvironment.getEnvironment();
            session = environment.createSession(exported.toString(), new OrtSession.SessionOptions());
        } else {
            predictor = Predictor.open(parameters, EngineChoice.provider(engine));
        }
    }

    @Benchmark
    public float[] oneThread(Rows rows) throws OrtException {
        return predict(rows);
    }

    @Benchmark
    @Threads(2)
    public float[] shared(Rows rows) throws OrtException {
        return predict(rows);
    }

    private float[] predict(Rows rows) throws OrtException {
        if (session == null) {
            predictor.predict(rows.inputs, batch, rows.outputs);
            return rows.outputs;
        }
        try (OrtSession.Result result = session.run(Map.of("input", rows.tensor))) {
            ((OnnxTensor) result.get(0)).getFloatBuffer().get(rows.outputs);
            return rows.outputs;
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws OrtException {
        if (predictor != null) {
            predictor.close();
        }
        if (session != null) {
            session.close();
        }
        if (exported != null) {
            try {
                Files.deleteIfExists(exported);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
