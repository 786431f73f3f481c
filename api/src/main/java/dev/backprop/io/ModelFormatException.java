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

    private final transient Path file;
    private final String entry;
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

    /** As {@link #ModelFormatException(Path, String, String)}, with the exception that revealed it. */
    public ModelFormatException(Path file, String entry, String reason, Throwable cause) {
        super(describe(file, entry, reason), cause);
        this.file = file;
        this.entry = entry;
        this.reason = reason;
    }

    /** The file being read, or null when the source was a stream. */
    public Path file() {
        return file;
    }

    /** The key of the array at fault (such as {@code "w2"}), or null. */
    public String entry() {
        return entry;
    }

    /** The message without the file and array name. */
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
