package dev.backprop.data;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits text into records and cells as RFC 4180 defines them, one record at a time: cells are
 * separated by the delimiter, records by CRLF, LF or CR; a cell in double quotes may hold the
 * delimiter, line breaks and doubled quotes ({@code ""} is one {@code "}).
 *
 * <p>Strict where leniency would guess: a quote inside an unquoted cell, text after a closing
 * quote, or a quote still open at the end of the input are errors naming the line. Completely
 * empty lines are skipped (a trailing newline, blank lines between blocks), and a byte-order mark
 * at the start is dropped. Memory is bounded by the longest record, not the file: a cell may hold
 * at most {@code maxCellChars} characters and a record {@link #MAX_COLUMNS} cells, so an
 * unclosed quote in a large file fails quickly instead of swallowing it.
 */
final class CsvRecords {
    /** The most cells one record may have. */
    static final int MAX_COLUMNS = 1 << 16;

    private final Reader in;
    private final char delimiter;
    private final String source;
    private final int maxCellChars;
    private final char[] buffer = new char[1 << 14];
    private int position;
    private int limit;
    private boolean atStart = true;
    /** The line the reader is on (1-based). */
    private long line = 1;
    /** The line where the record last returned by {@link #next()} began. */
    private long recordLine;
    private final StringBuilder cell = new StringBuilder();
    /** Characters read from {@code in} so far, including those still in the buffer. */
    private long charsFilled;

    CsvRecords(Reader in, char delimiter, String source, int maxCellChars) {
        this.in = in;
        this.delimiter = delimiter;
        this.source = source;
        this.maxCellChars = maxCellChars;
    }

    /** The 1-based line where the record last returned by {@link #next()} starts. */
    long line() {
        return recordLine;
    }

    String source() {
        return source;
    }

    /** The line the reader is on: where an error found between records is. */
    long currentLine() {
        return line;
    }

    /** Characters consumed so far: with a file's size, an estimate of how many records follow. */
    long charsConsumed() {
        return charsFilled - (limit - position);
    }

    /**
     * The next record's cells, or null at the end of the input.
     *
     * @throws CsvFormatException when the record breaks RFC 4180's quoting rules or a limit
     */
    String[] next() throws IOException {
        int c = read();
        if (atStart) {
            atStart = false;
            if (c == '\uFEFF') {
                c = read();
            }
        }
        while (c == '\n' || c == '\r') { // empty lines hold no record
            endOfLine(c);
            c = read();
        }
        if (c < 0) {
            return null;
        }
        recordLine = line;
        List<String> cells = new ArrayList<>();
        while (true) {
            cell.setLength(0);
            if (c == '"') {
                c = quoted(cells.size() + 1);
            } else {
                while (c >= 0 && c != delimiter && c != '\n' && c != '\r') {
                    if (c == '"') {
                        throw problem(line, cells.size() + 1, "a double quote inside an unquoted cell (after '" + cell
                                + "'); RFC 4180 quotes the whole cell and doubles the quote: \"a \"\"b\"\"\"");
                    }
                    append(c, cells.size() + 1);
                    c = read();
                }
            }
            if (cells.size() == MAX_COLUMNS) {
                throw problem(recordLine, 0, "a record with more than " + MAX_COLUMNS + " cells; is the delimiter right"
                        + " (a TSV read as CSV, or the other way round)?");
            }
            cells.add(cell.toString());
            if (c != delimiter) {
                if (c >= 0) {
                    endOfLine(c);
                }
                return cells.toArray(new String[0]);
            }
            c = read();
        }
    }

    /** Reads a quoted cell whose opening quote was just read; returns the character after it. */
    private int quoted(int column) throws IOException {
        long opened = line;
        while (true) {
            int c = read();
            if (c < 0) {
                throw problem(opened, column, "the quote opened here is never closed (end of input after "
                        + cell.length() + " characters of the cell)");
            }
            if (c == '"') {
                c = read();
                if (c != '"') {
                    if (c >= 0 && c != delimiter && c != '\n' && c != '\r') {
                        throw problem(line, column, "expected the delimiter or the end of the line after the closing"
                                + " quote, got '" + (char) c + "'; a quote inside a quoted cell is written twice (\"\")");
                    }
                    return c;
                }
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && peek() == '\n') {
                    read();
                    append('\r', column);
                    c = '\n';
                }
                line++;
            }
            append(c, column);
        }
    }

    private void append(int c, int column) throws CsvFormatException {
        if (cell.length() == maxCellChars) {
            throw problem(line, column, "a cell longer than " + maxCellChars + " characters; a quote left open?");
        }
        cell.append((char) c);
    }

    /** Finishes a line break that began with {@code c} (CRLF, LF or a lone CR). */
    private void endOfLine(int c) throws IOException {
        if (c == '\r' && peek() == '\n') {
            read();
        }
        line++;
    }

    private int read() throws IOException {
        if (position == limit && !fill()) {
            return -1;
        }
        return buffer[position++];
    }

    private int peek() throws IOException {
        if (position == limit && !fill()) {
            return -1;
        }
        return buffer[position];
    }

    private boolean fill() throws IOException {
        int n;
        do {
            n = in.read(buffer, 0, buffer.length);
        } while (n == 0);
        if (n < 0) {
            return false;
        }
        position = 0;
        limit = n;
        charsFilled += n;
        return true;
    }

    CsvFormatException problem(long where, int column, String problem) {
        return new CsvFormatException(source, where, column, null, problem);
    }
}
