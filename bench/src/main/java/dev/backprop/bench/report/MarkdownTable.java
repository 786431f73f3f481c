package dev.backprop.bench.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A table written twice from the same cells: as GitHub Markdown for RESULTS.md and as aligned
 * plain text for the terminal. Columns whose header starts with a digit-like value are
 * right-aligned ({@link #right}).
 */
public final class MarkdownTable {
    private final List<String> header;
    private final boolean[] rightAligned;
    private final List<List<String>> rows = new ArrayList<>();

    public MarkdownTable(String... header) {
        this.header = List.of(header);
        this.rightAligned = new boolean[header.length];
    }

    /** Right-aligns the given columns (numbers). */
    public MarkdownTable right(int... columns) {
        for (int c : columns) {
            rightAligned[c] = true;
        }
        return this;
    }

    public MarkdownTable row(String... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException("row has " + cells.length + " cells, the table " + header.size() + " columns");
        }
        rows.add(List.of(cells));
        return this;
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    public String markdown() {
        StringBuilder s = new StringBuilder();
        s.append("| ").append(String.join(" | ", header.stream().map(MarkdownTable::cell).toList())).append(" |\n|");
        for (int c = 0; c < header.size(); c++) {
            s.append(rightAligned[c] ? "---:|" : "---|");
        }
        s.append('\n');
        for (List<String> row : rows) {
            s.append("| ").append(String.join(" | ", row.stream().map(MarkdownTable::cell).toList())).append(" |\n");
        }
        return s.toString();
    }

    public String text() {
        int[] widths = new int[header.size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = header.get(c).length();
            for (List<String> row : rows) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        StringBuilder s = new StringBuilder();
        append(s, header, widths);
        for (List<String> row : rows) {
            append(s, row, widths);
        }
        return s.toString();
    }

    private void append(StringBuilder s, List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < cells.size(); c++) {
            String v = cells.get(c);
            String pad = " ".repeat(widths[c] - v.length());
            line.append(c == 0 ? "" : "  ").append(rightAligned[c] ? pad + v : v + pad);
        }
        s.append(line.toString().stripTrailing()).append('\n');
    }

    private static String cell(String v) {
        return v.replace("|", "\\|");
    }
}
