package dev.backprop.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A model or .npy file that is readable but not what the loader expects: not a zip, a missing
 * array, a wrong dtype or shape, a non-finite value, an architecture the file contradicts.
 *
 * <p>The message names the file (when known), the array (when one is at fault) and says what was
 * expected and what came, for example:
 * {@code model.npz: array 'w3': expected shape (10, 30) from sizes [784, 30, 10], got (30, 10)}.
 */
public class ModelFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    // Path is not Serializable; a deserialized exception keeps its message but loses file().
    private final transient Path file;
    /** The key of the array at fault, or null (part of the serialized form). */
    private final String entry;
    /** The message without the file and array name (part of the serialized form). */
    private final String reason;

    /**
     * A problem in {@code file}, array {@code entry}.
     *
     * @param file   the file being read, or null when reading a stream
     * @param entry  the array's key (such as {@code "w2"}), or null when no single array is at fault
     * @param reason what was expected and what came
     */
    public ModelFormatException(Path file, String entry, String reason) {
        this(file, entry, reason, null);
    }

    /**
     * As {@link #ModelFormatException(Path, String, String)}, with the exception that revealed it.
     *
     * @param file   the file being read, or null when reading a stream
     * @param entry  the array's key (such as {@code "w2"}), or null when no single array is at fault
     * @param reason what was expected and what came
     * @param cause  the lower-level exception (a {@link java.util.zip.ZipException}, or the
     *               {@link IllegalArgumentException} of an architecture the network builder
     *               refuses), or null
     */
    public ModelFormatException(Path file, String entry, String reason, Throwable cause) {
        super(describe(file, entry, reason), cause);
        this.file = file;
        this.entry = entry;
        this.reason = reason;
    }

    /**
     * Which file the problem is in.
     *
     * @return the file being read; null when the source was a stream, and after Java
     *     deserialization
     */
    public Path file() {
        return file;
    }

    /**
     * Which array is at fault, for a caller that reacts to one (a missing {@code "w3"}, say).
     *
     * @return the array's key (such as {@code "w2"}), or null when no single array is at fault
     */
    public String entry() {
        return entry;
    }

    /**
     * What went wrong, without the place.
     *
     * @return the message without the file and array name: what was expected and what came
     */
    public String reason() {
        return reason;
    }

    /**
     * This problem, placed in {@code file} and array {@code entry}; used where a stream-level
     * reader (which knows neither) is called for one entry of a file.
     */
    ModelFormatException locatedAt(Path file, String entry) {
        return new ModelFormatException(file, entry, reason, this);
    }

    private static String describe(Path file, String entry, String reason) {
        StringBuilder s = new StringBuilder();
        if (file != null) {
            s.append(file).append(": ");
        }
        if (entry != null) {
            s.append("array '").append(entry).append("': ");
        }
        return s.append(reason).toString();
    }
}
