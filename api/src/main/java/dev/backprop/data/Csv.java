package dev.backprop.data;

import dev.backprop.internal.Heap;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * Reads a CSV or TSV file (RFC 4180: quoted cells may hold delimiters, line breaks and doubled
 * quotes) into a {@link TabularData}, streaming: memory holds the numbers read, as float32, and
 * one record of text; before the numbers outgrow what is left of the heap, the read stops with a
 * {@link DataTooLargeException} that says how much is needed and which {@code -Xmx} would do.
 *
 * <pre>{@code
 * TabularData iris = Csv.classification("species").read(Path.of("iris.csv"));
 * TabularData penguins = Csv.regression("body_mass_g").ignore("species", "island", "sex")
 *         .read(Path.of("penguins.csv"));
 * TabularData raw = Csv.classification(4).header(false).delimiter('\t').read(Path.of("iris.tsv"));
 * }</pre>
 *
 * <p>Columns are named by the header (its first record) or, with {@code header(false)}, by
 * position: {@code "column 1"}, {@code "column 2"}, … . Every column that is neither the label,
 * a target, nor ignored is a feature, and every feature or target cell must be a decimal number
 * ({@code 3}, {@code -0.5}, {@code 1e-3}); a missing, non-numeric or non-finite cell is a
 * {@link CsvFormatException} naming the file, line and column. Labels are text and kept as class
 * names. Column indices in this API count from 0; messages count lines and columns from 1, as
 * editors do. A file whose first bytes are gzip's magic is decompressed; text must be UTF-8.
 *
 * <p>A {@code Csv} is a mutable description of how to read; each {@code read} is independent.
 */
public final class Csv {
    private static final int ESTIMATE_AFTER_ROWS = 1024;

    private final TabularData.Kind kind;
    private final List<Object> targets;
    private List<String> features;
    private final Set<Object> ignored = new LinkedHashSet<>();
    private boolean header = true;
    private Character delimiter;
    private List<String> classes;
    private long maxRows = Long.MAX_VALUE;
    private long memoryLimit = -1;
    private int maxCellChars = 1 << 20;

    private Csv(TabularData.Kind kind, List<Object> targets) {
        this.kind = kind;
        this.targets = targets;
    }

    /**
     * A reader of rows with a class label in the column named {@code labelColumn}; every other
     * column not ignored is a feature. The classes are the distinct labels found (text, stripped
     * of surrounding white space), sorted (numerically when every label is a number), unless
     * {@link #classes} fixes them.
     *
     * @param labelColumn the label column's header name, exactly (names are case-sensitive); with
     *     {@code header(false)}, {@code "column 5"} and so on
     * @return a new reader, to configure further or {@link #read(Path) read} with
     * @throws NullPointerException if {@code labelColumn} is null
     */
    public static Csv classification(String labelColumn) {
        return new Csv(TabularData.Kind.CLASSIFICATION, List.of(Objects.requireNonNull(labelColumn, "labelColumn")));
    }

    /**
     * A reader of rows with a class label in column {@code labelColumn}, by position: for files
     * without a header, or whose header names are awkward to spell.
     *
     * @param labelColumn the label column's index, 0 for the first; checked against the file's
     *     width when it is read
     * @return a new reader
     * @throws IllegalArgumentException if {@code labelColumn} is negative
     */
    public static Csv classification(int labelColumn) {
        return new Csv(TabularData.Kind.CLASSIFICATION, List.of(checkIndex(labelColumn)));
    }

    /**
     * A reader of rows with numeric targets in the columns named {@code targetColumns}: the
     * network gets one output per target, in this order.
     *
     * @param targetColumns the target columns' header names, one or more, each exactly as in the
     *     header; copied
     * @return a new reader
     * @throws IllegalArgumentException if no name is given
     * @throws NullPointerException if a name is null
     */
    public static Csv regression(String... targetColumns) {
        if (targetColumns.length == 0) {
            throw new IllegalArgumentException("name at least one target column");
        }
        return new Csv(TabularData.Kind.REGRESSION, List.of((Object[]) targetColumns));
    }

    /**
     * A reader of rows with numeric targets in columns {@code targetColumns}, by position.
     *
     * @param targetColumns the target columns' indices, one or more, 0 for the first, in the
     *     order of the network's outputs; checked against the file's width when it is read
     * @return a new reader
     * @throws IllegalArgumentException if no index is given or one is negative
     */
    public static Csv regression(int... targetColumns) {
        if (targetColumns.length == 0) {
            throw new IllegalArgumentException("give at least one target column");
        }
        List<Object> list = new ArrayList<>();
        for (int c : targetColumns) {
            list.add(checkIndex(c));
        }
        return new Csv(TabularData.Kind.REGRESSION, List.copyOf(list));
    }

    /**
     * A reader of rows of features only, for prediction: every column not ignored is a feature,
     * and the table has no labels or targets (it cannot become a training {@link Dataset}).
     *
     * @return a new reader
     */
    public static Csv unlabelled() {
        return new Csv(TabularData.Kind.UNLABELLED, List.of());
    }

    /**
     * Takes exactly these columns as features, in this order, ignoring any other column that is
     * not a label or target: how a saved model reads new rows ({@link TabularSchema#csv} passes
     * its feature names), whatever order the file's columns are in and whatever else it holds.
     *
     * @param names the feature columns' header names, in the order of the network's inputs;
     *     copied. Each must be in the file (a missing one is a {@link CsvFormatException} on read)
     * @return this reader
     * @throws NullPointerException if {@code names} or one of them is null
     */
    public Csv features(List<String> names) {
        this.features = List.copyOf(names);
        return this;
    }

    /**
     * Leaves out columns that are neither features nor targets (text columns, ids), by header
     * name. Adds to the columns already ignored.
     *
     * @param names header names, each exactly as in the header; a name the file lacks is a
     *     {@link CsvFormatException} on read, so a typo does not quietly keep a column
     * @return this reader
     */
    public Csv ignore(String... names) {
        ignored.addAll(Arrays.asList(names));
        return this;
    }

    /**
     * Leaves out columns that are neither features nor targets, by position. Adds to the
     * columns already ignored.
     *
     * @param columns column indices, 0 for the first; an index past the file's last column is
     *     a {@link CsvFormatException} on read
     * @return this reader
     * @throws IllegalArgumentException if an index is negative
     */
    public Csv ignore(int... columns) {
        for (int c : columns) {
            ignored.add(checkIndex(c));
        }
        return this;
    }

    /**
     * Says whether the first record names the columns. Without a header, columns are called
     * {@code "column 1"}, {@code "column 2"}, … and the first record is data.
     *
     * @param present true (the default) when the first record is a header
     * @return this reader
     */
    public Csv header(boolean present) {
        this.header = present;
        return this;
    }

    /**
     * Sets the cell delimiter. Unless set, {@link #read(Path)} uses a tab for file names ending
     * in {@code .tsv}, {@code .tsv.gz} or {@code .tab} (any case), and a comma otherwise;
     * {@link #read(InputStream, String)} uses a comma.
     *
     * @param delimiter the character between cells, such as {@code ';'} or {@code '\t'}
     * @return this reader
     * @throws IllegalArgumentException if it is a double quote or a line break, which RFC 4180
     *     reserves
     */
    public Csv delimiter(char delimiter) {
        if (delimiter == '"' || delimiter == '\n' || delimiter == '\r') {
            throw new IllegalArgumentException("the delimiter cannot be a quote or a line break");
        }
        this.delimiter = delimiter;
        return this;
    }

    /**
     * Fixes the classes and their order (a saved model's), instead of collecting and sorting
     * them from the file, so that class indices match the model's outputs even when the file
     * lacks a class; a label outside them is a {@link CsvFormatException} naming its line. Used
     * with {@link #classification}; other readers ignore it.
     *
     * @param names the class names in index order, as the labels appear in the file; copied
     * @return this reader
     * @throws NullPointerException if {@code names} or one of them is null
     */
    public Csv classes(List<String> names) {
        this.classes = List.copyOf(names);
        return this;
    }

    /**
     * Reads at most {@code rows} data rows (the header not counted) and ignores the rest of the
     * file: a quick look at a large file, or a bound on memory.
     *
     * @param rows the most data rows to read; with 0 no row is read and {@code read} fails as
     *     for an empty table
     * @return this reader
     * @throws IllegalArgumentException if {@code rows} is negative
     */
    public Csv maxRows(long rows) {
        if (rows < 0) {
            throw new IllegalArgumentException("maxRows must be at least 0, got " + rows);
        }
        this.maxRows = rows;
        return this;
    }

    /**
     * Refuses tables whose values would take more than {@code bytes} of heap, with a
     * {@link DataTooLargeException}; the heap's own limit always applies as well. The values are
     * counted as they are read (float32 chunks and the final arrays), so the read stops early.
     *
     * @param bytes the most heap, in bytes, the values of one read may hold; unlimited unless set
     * @return this reader
     * @throws IllegalArgumentException if {@code bytes} is negative
     */
    public Csv memoryLimit(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("memoryLimit must be at least 0, got " + bytes);
        }
        this.memoryLimit = bytes;
        return this;
    }

    /**
     * Sets the longest cell accepted, in characters (2^20 unless set). A longer cell is a
     * {@link CsvFormatException}: usually a quote left open, which would otherwise swallow the
     * rest of the file into one cell.
     *
     * @param chars the most characters in one cell, at least 1
     * @return this reader
     * @throws IllegalArgumentException if {@code chars} is below 1
     */
    public Csv maxCellChars(int chars) {
        if (chars < 1) {
            throw new IllegalArgumentException("maxCellChars must be at least 1, got " + chars);
        }
        this.maxCellChars = chars;
        return this;
    }

    /**
     * Reads {@code file} as configured: plain or gzip (detected by its first bytes), UTF-8. After
     * the first 1024 rows of an uncompressed file, its size gives an estimate of the whole table,
     * which is refused then if it cannot fit rather than after most of it has been read.
     *
     * @param file the CSV or TSV file; its name (not its content) decides the default delimiter
     * @return a new table: the raw feature values in the order of the columns chosen, and the
     *     labels or targets
     * @throws CsvFormatException    naming the file, line and column of the first problem: broken
     *                               quoting, a row of the wrong width, a cell that is not a
     *                               number, a column named that is not there, no data rows
     * @throws DataTooLargeException when the values would not fit in the heap or the
     *                               {@link #memoryLimit}
     * @throws IOException           when the file cannot be read
     */
    public TabularData read(Path file) throws IOException {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        char d = delimiter != null ? delimiter
                : lower.endsWith(".tsv") || lower.endsWith(".tab") || lower.endsWith(".tsv.gz") ? '\t' : ',';
        try (InputStream raw = Files.newInputStream(file)) {
            BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
            in.mark(2);
            boolean gzip = in.read() == 0x1f && in.read() == 0x8b;
            in.reset();
            long size = gzip ? -1 : Files.size(file);
            return read(gzip ? new GZIPInputStream(in, 1 << 16) : in, file.toString(), d, size);
        }
    }

    /**
     * Reads UTF-8 text from {@code in}, with a comma as delimiter unless set. The stream is not
     * closed (reading is buffered, so with {@link #maxRows} it may be consumed past the last row
     * taken) and not decompressed: wrap a gzip stream in a {@link GZIPInputStream} first. Its
     * size is unknown, so a table too large for the heap is refused as it grows, not from an
     * estimate.
     *
     * @param in the text, UTF-8
     * @param source what to call the input in messages and in {@link TabularData#source()}, such
     *     as a URL
     * @return a new table, as {@link #read(Path)} gives
     * @throws CsvFormatException    naming the source, line and column of the first problem
     * @throws DataTooLargeException when the values would not fit in the heap or the
     *                               {@link #memoryLimit}
     * @throws IOException           when {@code in} fails
     */
    public TabularData read(InputStream in, String source) throws IOException {
        return read(in, source, delimiter != null ? delimiter : ',', -1);
    }

    private TabularData read(InputStream in, String source, char d, long size) throws IOException {
        Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
        CsvRecords records = new CsvRecords(reader, d, source, maxCellChars);
        try {
            return new TableReader(this, records, size).read();
        } catch (CharacterCodingException e) {
            throw new CsvFormatException(source, records.currentLine(), 0, null, "not UTF-8 text (" + e + ");"
                    + " save the file as UTF-8");
        }
    }

    private static Integer checkIndex(int column) {
        if (column < 0) {
            throw new IllegalArgumentException("column indices count from 0, got " + column);
        }
        return column;
    }

    /** One read: the columns resolved against the header, then the rows. */
    private static final class TableReader {
        private final Csv csv;
        private final CsvRecords records;
        private final long size;
        private final HeapBudget budget;
        private String[] names;
        private boolean named;
        private int[] featureColumns;
        private int[] targetColumns;
        private ClassNames classes;

        TableReader(Csv csv, CsvRecords records, long size) {
            this.csv = csv;
            this.records = records;
            this.size = size;
            this.budget = csv.memoryLimit >= 0 ? HeapBudget.of(csv.memoryLimit) : HeapBudget.ofRuntime();
        }

        TabularData read() throws IOException {
            String[] first = records.next();
            if (first == null) {
                throw new CsvFormatException(records.source(), 1, 0, null, "the file is empty; expected "
                        + (csv.header ? "a header and rows" : "rows"));
            }
            named = csv.header;
            names = new String[first.length];
            for (int c = 0; c < first.length; c++) {
                names[c] = csv.header ? first[c].strip() : "column " + (c + 1);
            }
            resolveColumns();
            String advice = "read fewer rows (Csv.maxRows) or columns (Csv.ignore)";
            GrowingFloats x = new GrowingFloats(budget, records.source(), advice);
            GrowingFloats y = new GrowingFloats(budget, records.source(), advice);
            String[] row = csv.header ? records.next() : first;
            long rows = 0;
            while (row != null && rows < csv.maxRows) {
                if (row.length != names.length) {
                    throw new CsvFormatException(records.source(), records.line(), 0, null, "expected " + names.length
                            + " cells, as " + (csv.header ? "in the header" : "in the first row") + ", got " + row.length
                            + "; is the delimiter right, or a cell with a delimiter not quoted?");
                }
                for (int c : featureColumns) {
                    x.add(number(row[c], c));
                }
                if (classes != null) {
                    y.add(classes.indexOf(row[targetColumns[0]].strip(), records, targetColumns[0] + 1,
                            name(targetColumns[0])));
                } else {
                    for (int c : targetColumns) {
                        y.add(number(row[c], c));
                    }
                }
                rows++;
                if (rows == ESTIMATE_AFTER_ROWS) {
                    checkEstimate(rows);
                }
                row = records.next();
            }
            if (rows == 0) {
                throw new CsvFormatException(records.source(), records.currentLine(), 0, null,
                        "no data rows" + (csv.header ? " after the header" : ""));
            }
            return build((int) rows, x, y);
        }

        private TabularData build(int rows, GrowingFloats x, GrowingFloats y) throws DataTooLargeException {
            List<String> featureNames = new ArrayList<>();
            for (int c : featureColumns) {
                featureNames.add(names[c]);
            }
            List<String> targetNames = new ArrayList<>();
            for (int c : targetColumns) {
                targetNames.add(names[c]);
            }
            float[] features = x.toArray();
            float[] targets = y.toArray();
            if (csv.kind == TabularData.Kind.CLASSIFICATION) {
                int[] order = classes.finish();
                int[] labels = new int[rows];
                for (int r = 0; r < rows; r++) {
                    labels[r] = order[(int) targets[r]];
                }
                return new TabularData(records.source(), csv.kind, featureNames, targetNames, classes.names(), rows,
                        features, labels, null);
            }
            return new TabularData(records.source(), csv.kind, featureNames, targetNames, List.of(), rows, features, null,
                    csv.kind == TabularData.Kind.REGRESSION ? targets : null);
        }

        /**
         * After the first rows, the file's size tells roughly how many follow: refuse now rather
         * than after reading most of a file that cannot fit.
         */
        private void checkEstimate(long rows) throws DataTooLargeException {
            long chars = records.charsConsumed();
            if (size <= 0 || chars <= 0) {
                return;
            }
            double perRow = (double) chars / rows;
            long expectedRows = (long) (size / perRow);
            long values = expectedRows * (featureColumns.length + Math.max(1, targetColumns.length));
            // Chunks plus the exact arrays at the end, plus the scaled copy a Dataset is made of.
            long bytes = 4 * values * 3;
            budget.require(bytes, records.source() + " (" + Heap.human(size) + ", about " + expectedRows
                    + " rows of " + (featureColumns.length + targetColumns.length) + " values, judging by the first "
                    + rows + ")", "read fewer rows (Csv.maxRows) or columns (Csv.ignore)");
        }

        private void resolveColumns() throws CsvFormatException {
            Set<Integer> taken = new LinkedHashSet<>();
            targetColumns = new int[csv.targets.size()];
            for (int i = 0; i < targetColumns.length; i++) {
                targetColumns[i] = column(csv.targets.get(i), csv.kind == TabularData.Kind.CLASSIFICATION ? "label"
                        : "target");
                if (!taken.add(targetColumns[i])) {
                    throw problem("column " + name(targetColumns[i]) + " is named twice as a target");
                }
            }
            Set<Integer> skip = new LinkedHashSet<>();
            for (Object ref : csv.ignored) {
                skip.add(column(ref, "ignored"));
            }
            List<Integer> chosen = new ArrayList<>();
            if (csv.features != null) {
                for (String feature : csv.features) {
                    chosen.add(column(feature, "feature"));
                }
            } else {
                for (int c = 0; c < names.length; c++) {
                    if (!taken.contains(c) && !skip.contains(c)) {
                        chosen.add(c);
                    }
                }
            }
            if (chosen.isEmpty()) {
                throw problem("no feature columns left: the file has " + describeColumns() + ", the " + (targetColumns.length
                        > 0 ? "targets and " : "") + "ignored columns take them all");
            }
            featureColumns = chosen.stream().mapToInt(Integer::intValue).toArray();
            checkDistinctNames();
            if (csv.kind == TabularData.Kind.CLASSIFICATION) {
                classes = new ClassNames(csv.classes, records.source());
            }
        }

        private void checkDistinctNames() throws CsvFormatException {
            Set<String> seen = new LinkedHashSet<>();
            for (int[] group : new int[][] {featureColumns, targetColumns}) {
                for (int c : group) {
                    if (!seen.add(names[c])) {
                        throw problem("two columns used are both named '" + names[c] + "'; a model finds its columns by"
                                + " name, so rename one or ignore it");
                    }
                }
            }
        }

        /** The column a reference (a header name or an index) points at. */
        private int column(Object ref, String role) throws CsvFormatException {
            if (ref instanceof Integer index) {
                if (index >= names.length) {
                    throw problem("the " + role + " column index " + index + " (counting from 0) is past the last column;"
                            + " the file has " + describeColumns());
                }
                return index;
            }
            String wanted = (String) ref;
            for (int c = 0; c < names.length; c++) {
                if (names[c].equals(wanted)) {
                    return c;
                }
            }
            for (int c = 0; c < names.length; c++) {
                if (names[c].equalsIgnoreCase(wanted)) {
                    throw problem("no " + role + " column '" + wanted + "'; did you mean '" + names[c] + "'? (names are"
                            + " case-sensitive)");
                }
            }
            throw problem("no " + role + " column '" + wanted + "'" + (named ? "" : " (the file has no header, so columns"
                    + " are called 'column 1', 'column 2', …)") + "; the file has " + describeColumns());
        }

        private String describeColumns() {
            if (names.length <= 20) {
                return names.length + " columns " + Arrays.toString(names);
            }
            return names.length + " columns " + Arrays.toString(Arrays.copyOf(names, 20)).replace("]", ", …]");
        }

        private float number(String cell, int column) throws CsvFormatException {
            String text = cell.strip();
            if (text.isEmpty()) {
                throw cellProblem(column, "missing value (an empty cell); every feature and target needs a number, so"
                        + " fill it in, drop the row, or ignore the column");
            }
            if (!Numbers.isDecimal(text)) {
                throw cellProblem(column, "expected a number, got '" + abbreviate(text) + "'"
                        + (named ? "; if this column is text, ignore it (Csv.ignore(\"" + names[column] + "\"))" : ""));
            }
            float value = Float.parseFloat(text);
            if (!Float.isFinite(value)) {
                throw cellProblem(column, "'" + text + "' is outside the float32 range (±3.4e38)");
            }
            return value;
        }

        private CsvFormatException cellProblem(int column, String problem) {
            return new CsvFormatException(records.source(), records.line(), column + 1, named ? names[column] : null,
                    problem);
        }

        private CsvFormatException problem(String problem) {
            return new CsvFormatException(records.source(), 1, 0, null, problem);
        }

        private String name(int column) {
            return named ? (column + 1) + " '" + names[column] + "'" : String.valueOf(column + 1);
        }

        private static String abbreviate(String text) {
            return text.length() <= 40 ? text : text.substring(0, 40) + "…";
        }
    }
}
