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

    private final transient Path file;
    private final long offset;

    /**
     * @param file    the file, or null for bytes that came from elsewhere
     * @param offset  the byte offset of the problem, or −1 when it concerns the whole graph
     * @param problem what was expected and what was found
     */
    public OnnxFormatException(Path file, long offset, String problem) {
        super((file == null ? "ONNX model" : file.toString()) + (offset >= 0 ? ", offset " + offset : "") + ": " + problem);
        this.file = file;
        this.offset = offset;
    }

    /** The file, or null. */
    public Path file() {
        return file;
    }

    /** The byte offset of the problem, or −1. */
    public long offset() {
        return offset;
    }
}
