package dev.backprop.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * An IDX file that is not what the reader needs: a wrong magic number, a truncated header or
 * payload, bytes after the declared data, a declared size too large to hold, or a value outside
 * its allowed range.
 *
 * <p>The message names the file, the byte offset of the problem, what was expected and what was
 * found, for example
 * {@code "train-images-idx3-ubyte.gz, offset 3 (decompressed): expected magic 0x00000803 (unsigned
 * bytes, 3 dimensions), got 0x00000801 (unsigned bytes, 1 dimension); this looks like a label
 * file"}. For a gzip file the offset counts bytes of the decompressed stream, since that is where
 * the IDX structure lives.
 *
 * <pre>{@code
 * try {
 *     Mnist.load(directory);
 * } catch (IdxFormatException e) {
 *     log(e.file() + " is damaged at byte " + e.offset() + ": " + e.getMessage());
 * }
 * }</pre>
 */
public final class IdxFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    // Path is not Serializable; a deserialized exception keeps its message but loses file().
    private final transient Path file;
    /** Byte offset of the problem (part of the serialized form). */
    private final long offset;

    /**
     * Makes the exception; its message is {@code "<file>, offset <offset>: <problem>"}.
     *
     * @param file    the IDX file
     * @param offset  byte offset of the problem in the file
     * @param problem what was expected and what was found
     */
    public IdxFormatException(Path file, long offset, String problem) {
        this(file, offset, false, problem, null);
    }

    IdxFormatException(Path file, long offset, boolean decompressed, String problem, Throwable cause) {
        super(Objects.requireNonNull(file, "file") + ", offset " + offset
                + (decompressed ? " (decompressed)" : "") + ": " + Objects.requireNonNull(problem, "problem"), cause);
        this.file = file;
        this.offset = offset;
    }

    /**
     * The file the problem is in.
     *
     * @return the file; {@code null} only after Java deserialization
     */
    public Path file() {
        return file;
    }

    /**
     * Where the problem is.
     *
     * @return the byte offset of the problem: in the decompressed stream if the file is gzip-compressed
     */
    public long offset() {
        return offset;
    }
}
