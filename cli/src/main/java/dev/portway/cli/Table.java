package dev.portway.cli;

import com.google.protobuf.Timestamp;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;

/** Plain-text tables: columns padded to their widest cell, no trailing spaces. */
final class Table {

    private Table() {}

    /** Prints {@code rows} (the first is the header). */
    static void print(List<String[]> rows, PrintWriter out) {
        int columns = rows.get(0).length;
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(i == row.length - 1 ? row[i] : String.format("%-" + widths[i] + "s  ", row[i]));
            }
            out.println(line.toString().stripTrailing());
        }
        out.flush();
    }

    /** User text on one line; "-" for none. */
    static String cell(String text) {
        return text == null || text.isBlank() ? "-" : text.strip().replaceAll("\\s+", " ");
    }

    /** A protobuf time as ISO-8601 UTC to the second; "-" when unset. */
    static String time(boolean set, Timestamp timestamp) {
        return set ? Instant.ofEpochSecond(timestamp.getSeconds()).toString() : "-";
    }
}
