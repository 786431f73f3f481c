package dev.backprop.data;

import java.io.IOException;
import java.util.Objects;

/**
 * A CSV or TSV file that is readable but not a table this reader can use: a quote left open, a
 * row with more or fewer cells than the header, a missing or non-numeric cell in a feature or
 * target column, a label column that is not there.
 *
 * <p>The message names the file, the line (1-based, counting physical lines, so a quoted cell
 * that spans lines moves later rows down as an editor shows them) and, where one cell is at
 * fault, the column by number and by header name, for example
 * {@code "iris.csv, line 14, column 3 'petal_length': expected a number, got 'n/a'"}.
 *
 * <pre>{@code
 * try {
 *     TabularData table = Csv.classification("species").read(path);
 * } catch (CsvFormatException e) {
 *     System.err.println("fix line " + e.line() + " of " + e.source() + ": " + e.getMessage());
 * }
 * }</pre>
 */
public final class CsvFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    /** The file or stream the problem is in (part of the serialized form). */
    private final String source;
    /** The 1-based line of the problem (part of the serialized form). */
    private final long line;
    /** The 1-based column of the problem, or 0 (part of the serialized form). */
    private final int column;

    /**
     * Makes the exception; its message is {@code "<source>, line <line>[, column <n> '<name>']: <problem>"}.
     *
     * @param source     the file name, or a description of the stream
     * @param line       the 1-based line of the problem
     * @param column     the 1-based column, or 0 when the problem is not in one cell
     * @param columnName the column's header name, or null when the file has no header
     * @param problem    what was expected and what was found
     */
    public CsvFormatException(String source, long line, int column, String columnName, String problem) {
        super(Objects.requireNonNull(source, "source") + ", line " + line
                + (column > 0 ? ", column " + column + (columnName == null ? "" : " '" + columnName + "'") : "")
                + ": " + Objects.requireNonNull(problem, "problem"));
        this.source = source;
        this.line = line;
        this.column = column;
    }

    /**
     * Which input the problem is in.
     *
     * @return the file name as given to {@link Csv#read(java.nio.file.Path)}, or the description
     *     given with a stream
     */
    public String source() {
        return source;
    }

    /**
     * Where the problem is, as an editor counts lines.
     *
     * @return the 1-based physical line where the problem was found: where a record with a bad
     *     cell or the wrong number of cells starts, where a stray quote is, where a quote never
     *     closed was opened; 1 for a problem with the header or the columns asked for
     */
    public long line() {
        return line;
    }

    /**
     * Which cell is at fault, when one is.
     *
     * @return the 1-based column of the problem, or 0 when the whole row or file is at fault
     */
    public int column() {
        return column;
    }
}
