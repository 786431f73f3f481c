package dev.backprop.io;

import dev.backprop.internal.Heap;

import dev.backprop.Network;
import dev.backprop.Parameters;
import dev.backprop.data.DataTooLargeException;
import dev.backprop.data.TabularSchema;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * ONNX export and import, with no dependency: a small protobuf writer and reader of this package
 * and the field numbers of onnx/onnx's {@code onnx.proto3}.
 *
 * <pre>{@code
 * Onnx.write(network, parameters, Path.of("mnist.onnx"));            // then run it in ONNX Runtime
 * Onnx.write(network, parameters, schema, Path.of("iris.onnx"));     // takes raw rows, as the schema does
 * TabularModelFile.Loaded back = Onnx.read(Path.of("from-pytorch.onnx"));
 * }</pre>
 *
 * <p><b>Export</b> writes opset 13 (IR version 8): a Gemm per layer with transB = 1 (the weights
 * stay W[out][in]), then Sigmoid, Tanh, Relu or Softmax (identity adds no node); a float input
 * {@code "input"} of shape [batch, n_in] whose batch dimension is symbolic, and an output
 * {@code "output"} [batch, n_out]. With a {@link TabularSchema}, Sub and Div nodes scale the raw
 * input as {@link dev.backprop.data.FeatureScaling#apply} does, a regression model ends in Mul
 * and Add back to target units, and metadata properties ({@code backprop.task},
 * {@code backprop.feature.0}, …, {@code backprop.class.0}, …) carry the names. The cost's id is
 * stored as {@code backprop.cost}. Files are replaced atomically.
 *
 * <p><b>Import</b> reads the same family from any exporter (PyTorch's {@code torch.onnx.export} of
 * {@code nn.Linear} and those activations included): Gemm, or MatMul followed by Add, then an
 * optional activation, layer after layer, float or double initializers. Anything else (a Conv, a
 * Reshape, a branch) is refused with the node's index, name, operator and byte offset. The cost
 * is {@code backprop.cost} when present, else log-likelihood after a softmax and quadratic
 * otherwise. The reader trusts no size in the file: see {@link OnnxFormatException}.
 */
public final class Onnx {
    private Onnx() {
    }

    /**
     * Exports a network that takes the inputs it was trained on (already scaled): the same as
     * {@link #write(Network, Parameters, TabularSchema, Path)} without a schema.
     *
     * @param network    the architecture; its activations must be sigmoid, tanh, ReLU, softmax
     *                   or identity
     * @param parameters the weights and biases of {@code network}, all finite; not modified
     * @param file       where to write; its directory must exist, and an existing file is
     *                   replaced atomically
     * @throws IllegalArgumentException when the parameters belong to another network, are not
     *                                  finite, or an activation has no ONNX operator (a custom one)
     * @throws IOException              when the file cannot be written; the old file is then
     *                                  untouched
     */
    public static void write(Network network, Parameters parameters, Path file) throws IOException {
        write(network, parameters, null, file);
    }

    /**
     * Exports a network and, when {@code schema} is not null, its scaling and names: the graph
     * then takes raw rows, scales them with Sub and Div nodes and, for regression, maps outputs
     * back to target units with Mul and Add, so ONNX Runtime answers as
     * {@link dev.backprop.TabularModel#predict} does.
     *
     * @param network    the architecture; its activations must be sigmoid, tanh, ReLU, softmax
     *                   or identity
     * @param parameters the weights and biases of {@code network}, all finite; not modified
     * @param schema     the table's schema, its features as many as the network's inputs and its
     *                   classes or targets as many as its outputs; or null for a plain network
     * @param file       where to write; its directory must exist, and an existing file is
     *                   replaced atomically
     * @throws IllegalArgumentException when the parameters belong to another network, are not
     *                                  finite, the schema does not fit the network, or an
     *                                  activation has no ONNX operator (a custom one)
     * @throws IOException              when the file cannot be written; the old file is then
     *                                  untouched
     */
    public static void write(Network network, Parameters parameters, TabularSchema schema, Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        if (!parameters.network().equals(network)) {
            throw new IllegalArgumentException("the parameters belong to " + parameters.network() + ", not " + network);
        }
        if (parameters.firstNonFinite() != null) {
            throw new IllegalArgumentException("refusing to export a non-finite parameter: " + parameters.firstNonFinite());
        }
        if (schema != null && (schema.features().size() != network.inputWidth()
                || schema.outputWidth() != network.outputWidth())) {
            throw new IllegalArgumentException("the schema's " + schema.features().size() + " features and "
                    + schema.outputWidth() + " outputs do not fit " + network);
        }
        byte[] bytes = OnnxWriter.write(network, parameters, schema);
        AtomicFile.write(file, out -> out.write(bytes));
    }

    /**
     * Exports a loaded model, with its schema when it has one: turns a {@link TabularModelFile}
     * (or a plain {@link ModelFile}'s network and parameters) into ONNX.
     *
     * <pre>{@code
     * Onnx.write(TabularModelFile.load(Path.of("iris.npz")), Path.of("iris.onnx"));
     * }</pre>
     *
     * @param model the network, parameters and optional schema, as {@link TabularModelFile#load}
     *              or {@link #read(Path)} gives them
     * @param file  where to write; its directory must exist, and an existing file is replaced
     *              atomically
     * @throws IllegalArgumentException as {@link #write(Network, Parameters, TabularSchema, Path)}
     * @throws IOException              when the file cannot be written
     */
    public static void write(TabularModelFile.Loaded model, Path file) throws IOException {
        write(model.network(), model.parameters(), model.schema(), file);
    }

    /**
     * Imports a network from an ONNX file. The whole file is read into memory (at most 2 GiB)
     * after checking that it and the arrays decoded from it fit the heap.
     *
     * @param file an ONNX model of the supported family (see the class description)
     * @return the network and parameters, and the schema when the file is a tabular model exported by backprop
     * @throws OnnxFormatException   naming the offset, when the file is damaged or its graph is not supported
     * @throws DataTooLargeException when the file would not fit in the heap
     * @throws IOException           when the file cannot be read
     */
    public static TabularModelFile.Loaded read(Path file) throws IOException {
        long size = Files.size(file);
        // The bytes, and the float arrays decoded from them (at most as large again).
        if (size > Heap.MAX_ARRAY || !Heap.fits(2 * size)) {
            throw new DataTooLargeException(file.toString(), 2 * size, Heap.left(), size > Heap.MAX_ARRAY
                    ? "this reader holds a model file in one array, at most 2 GiB" : "");
        }
        return read(Files.readAllBytes(file), file);
    }

    /**
     * Imports a network from the bytes of an ONNX file already in memory (a resource, a
     * download). Sizes in the bytes are checked against the bytes present before anything is
     * allocated.
     *
     * @param bytes the serialized ModelProto; not modified
     * @param file  what the bytes came from, named in messages; may be null
     * @return the network and parameters, and the schema when the bytes are a tabular model
     *     exported by backprop
     * @throws OnnxFormatException naming the offset, when the bytes are damaged or the graph is
     *                             not supported
     */
    public static TabularModelFile.Loaded read(byte[] bytes, Path file) throws OnnxFormatException {
        return OnnxImporter.read(OnnxGraph.parse(bytes, file));
    }
}
