package dev.backprop.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * An ONNX file this importer cannot read: damaged protobuf (truncated, a length past the end of
 * its message, a malformed varint), a tensor whose declared size its data do not hold, or a
 * graph outside the supported family (a node other than Gemm, MatMul + Add, Sigmoid, Tanh, Relu,
 * Softmax). The message names the file and the byte offset of the problem and, for a node, its
 * index, name and operator, for example
 * {@code "model.onnx, offset 1412: node 3 'conv1' (Conv) is not supported; …"}.
 *
 * <pre>{@code
 * try {
 *     Onnx.read(path);
 * } catch (OnnxFormatException e) {
 *     System.err.println("byte " + e.offset() + ": " + e.getMessage());
 * }
 * }</pre>
 */
public final class OnnxFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    // Path is not Serializable; a deserialized exception keeps its message but loses file().
    private final transient Path file;
    /** The byte offset of the problem, or −1 (part of the serialized form). */
    private final long offset;

    /**
     * Makes the exception; its message is {@code "<file>, offset <offset>: <problem>"}, with
     * {@code "ONNX model"} for a missing file and no offset when it is −1.
     *
     * @param file    the file, or null for bytes that came from elsewhere
     * @param offset  the byte offset of the problem, or −1 when it concerns the whole graph
     * @param problem what was expected and what was found
     */
    public OnnxFormatException(Path file, long offset, String problem) {
        super((file == null ? "ONNX model" : file.toString()) + (offset >= 0 ? ", offset " + offset : "") + ": " + problem);
        this.file = file;
        this.offset = offset;
    }

    /**
     * Which file the problem is in.
     *
     * @return the file being read; null for bytes read with no file named, and after Java
     *     deserialization
     */
    public Path file() {
        return file;
    }

    /**
     * Where the problem is.
     *
     * @return the byte offset in the file of the field, node or tensor at fault, or −1 when the
     *     problem concerns the whole graph (a missing layer, an unknown cost in the metadata)
     */
    public long offset() {
        return offset;
    }
}
