package dev.backprop.bench;

import dev.backprop.data.Csv;
import dev.backprop.data.TabularSchema;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The CSV options of the tabular commands: {@code --csv FILE --label COL[,COL…] --regression
 * --ignore COL[,COL…] --no-header --delimiter comma|tab|C}. A column is a header name or, when
 * all digits, a column number counted from 1 as the error messages count.
 */
final class CsvOptions {
    static final Set<String> VALUED = Set.of("--csv", "--label", "--ignore", "--delimiter");
    static final Set<String> FLAGS = Set.of("--regression", "--no-header");

    private CsvOptions() {
    }

    static Path file(Options o) {
        if (!o.has("--csv")) {
            throw new UsageException("name the data with --csv FILE (a CSV or TSV file, header in the first line)");
        }
        Path file = Path.of(o.string("--csv", null));
        if (!Files.isRegularFile(file)) {
            throw new UsageException("--csv " + file + ": no such file");
        }
        return file;
    }

    /** How to read a file to train on: the label or targets from --label. */
    static Csv forTraining(Options o) {
        if (!o.has("--label")) {
            throw new UsageException("name the column to predict with --label NAME (or its number, 1 = the first column);"
                    + " with --regression, several may be given: --label y1,y2");
        }
        List<String> names = new ArrayList<>();
        List<Integer> indices = new ArrayList<>();
        split(o.string("--label", ""), names, indices);
        if (!names.isEmpty() && !indices.isEmpty()) {
            throw new UsageException("--label: give names or column numbers, not both");
        }
        int count = names.size() + indices.size();
        Csv csv;
        if (o.has("--regression")) {
            csv = names.isEmpty() ? Csv.regression(indices.stream().mapToInt(Integer::intValue).toArray())
                    : Csv.regression(names.toArray(new String[0]));
        } else {
            if (count != 1) {
                throw new UsageException("--label names one class column; for several numeric targets add --regression");
            }
            csv = names.isEmpty() ? Csv.classification(indices.get(0)) : Csv.classification(names.get(0));
        }
        return common(o, csv);
    }

    /** How to read new rows for a saved model: its feature columns by name, with labels if {@code labelled}. */
    static Csv forModel(Options o, TabularSchema schema, boolean labelled) {
        if (o.has("--label") || o.has("--regression") || o.has("--ignore")) {
            throw new UsageException("the model knows its columns; leave out --label, --regression and --ignore");
        }
        return common(o, schema.csv(labelled));
    }

    private static Csv common(Options o, Csv csv) {
        if (o.has("--ignore")) {
            List<String> names = new ArrayList<>();
            List<Integer> indices = new ArrayList<>();
            split(o.string("--ignore", ""), names, indices);
            csv.ignore(names.toArray(new String[0]));
            csv.ignore(indices.stream().mapToInt(Integer::intValue).toArray());
        }
        csv.header(!o.has("--no-header"));
        if (o.has("--delimiter")) {
            String d = o.string("--delimiter", ",");
            switch (d) {
                case "comma" -> csv.delimiter(',');
                case "tab", "\\t" -> csv.delimiter('\t');
                case "semicolon" -> csv.delimiter(';');
                default -> {
                    if (d.length() != 1) {
                        throw new UsageException("--delimiter: comma, tab, semicolon or one character, got '" + d + "'");
                    }
                    csv.delimiter(d.charAt(0));
                }
            }
        }
        return csv;
    }

    /** Splits "a,3,b" into names and 0-based indices (the user counts from 1). */
    private static void split(String list, List<String> names, List<Integer> indices) {
        for (String part : list.split(",")) {
            String token = part.strip();
            if (token.isEmpty()) {
                throw new UsageException("empty column name in '" + list + "'");
            }
            if (token.chars().allMatch(Character::isDigit)) {
                int number = Integer.parseInt(token);
                if (number < 1) {
                    throw new UsageException("column numbers count from 1, got " + token);
                }
                indices.add(number - 1);
            } else {
                names.add(token);
            }
        }
    }
}
