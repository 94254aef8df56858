package io.spate.cli.output;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A table for people: columns padded to their widest value, numeric columns aligned right, a rule under
 * the header. Rows are held until {@link #print}; meant for summaries and terminal output, not for bulk.
 */
public final class TextTable {
    private static final Pattern NUMBER = Pattern.compile("-?[0-9][0-9,_]*(\\.[0-9]+)?|-");
    /** What a SQL NULL is shown as. */
    public static final String NULL = "NULL";

    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();

    public TextTable(List<String> headers) {
        this.headers = List.copyOf(headers);
    }

    /** Adds a row; {@code null} values show as {@value #NULL}; missing trailing values as empty. */
    public TextTable add(List<String> row) {
        List<String> cells = new ArrayList<>(headers.size());
        for (int i = 0; i < headers.size(); i++) {
            String value = i < row.size() ? row.get(i) : "";
            cells.add(value == null ? NULL : value.replace("\n", "\\n").replace("\r", "\\r"));
        }
        rows.add(cells);
        return this;
    }

    public int size() {
        return rows.size();
    }

    public void print(PrintWriter out) {
        int columns = headers.size();
        int[] widths = new int[columns];
        boolean[] numeric = new boolean[columns];
        for (int c = 0; c < columns; c++) {
            widths[c] = headers.get(c).length();
            numeric[c] = !rows.isEmpty();
            for (List<String> row : rows) {
                widths[c] = Math.max(widths[c], row.get(c).length());
                numeric[c] &= NUMBER.matcher(row.get(c)).matches() || row.get(c).equals(NULL);
            }
        }
        out.println(line(headers, widths, numeric));
        StringBuilder rule = new StringBuilder();
        for (int c = 0; c < columns; c++) {
            rule.append(c == 0 ? "" : "  ").append("-".repeat(widths[c]));
        }
        out.println(rule);
        for (List<String> row : rows) {
            out.println(line(row, widths, numeric));
        }
    }

    private static String line(List<String> cells, int[] widths, boolean[] numeric) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < cells.size(); c++) {
            String cell = cells.get(c);
            String padding = " ".repeat(widths[c] - cell.length());
            line.append(c == 0 ? "" : "  ").append(numeric[c] ? padding + cell : cell + (c == cells.size() - 1 ? "" : padding));
        }
        return line.toString();
    }
}
