package dev.backprop.data;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The class labels of a CSV column, collected while reading: each new label gets a provisional
 * id in order of appearance; {@link #finish()} sorts the names (numerically when all are numbers)
 * and maps provisional ids to final indices, so the indices do not depend on row order. With a
 * fixed list (a saved model's classes) labels are looked up in it instead.
 */
final class ClassNames {
    /** More distinct labels than this is a regression target or an id column, not classes. */
    static final int MAX_CLASSES = 10_000;

    private final List<String> fixed;
    private final String source;
    private final Map<String, Integer> ids = new HashMap<>();
    private final List<String> seen = new ArrayList<>();
    private List<String> sorted;

    ClassNames(List<String> fixed, String source) {
        this.fixed = fixed;
        this.source = source;
        if (fixed != null) {
            for (int i = 0; i < fixed.size(); i++) {
                ids.put(fixed.get(i), i);
                seen.add(fixed.get(i));
            }
        }
    }

    /** The provisional id of {@code label}, as a float (exact: ids stay below 2^24). */
    float indexOf(String label, CsvRecords records, int column, String columnName) throws CsvFormatException {
        Integer id = ids.get(label);
        if (id != null) {
            return id;
        }
        if (label.isEmpty()) {
            throw new CsvFormatException(source, records.line(), column, null, "missing label in column " + columnName
                    + " (an empty cell)");
        }
        if (fixed != null) {
            throw new CsvFormatException(source, records.line(), column, null, "label '" + label + "' in column "
                    + columnName + " is not one of the model's classes " + fixed);
        }
        if (seen.size() == MAX_CLASSES) {
            throw new CsvFormatException(source, records.line(), column, null, "column " + columnName + " holds more than "
                    + MAX_CLASSES + " distinct labels; if it is a number to predict, read it with Csv.regression");
        }
        ids.put(label, seen.size());
        seen.add(label);
        return seen.size() - 1;
    }

    /** Maps each provisional id to its index in {@link #names()}. */
    int[] finish() {
        sorted = new ArrayList<>(seen);
        if (fixed == null) {
            sorted.sort(allNumbers(sorted)
                    ? Comparator.comparingDouble(Double::parseDouble).thenComparing(Comparator.naturalOrder())
                    : Comparator.naturalOrder());
        }
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < sorted.size(); i++) {
            index.put(sorted.get(i), i);
        }
        int[] order = new int[seen.size()];
        for (int id = 0; id < order.length; id++) {
            order[id] = index.get(seen.get(id));
        }
        return order;
    }

    List<String> names() {
        return List.copyOf(sorted);
    }

    private static boolean allNumbers(List<String> labels) {
        for (String label : labels) {
            if (!Numbers.isDecimal(label)) {
                return false;
            }
        }
        return true;
    }
}
