package org.harassmentwatch.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Renders rows as the printed table and the JSON report. */
final class ResultTable {

    private ResultTable() {
    }

    static String render(List<ResultRow> rows) {
        List<String[]> cells = new ArrayList<>();
        cells.add(new String[] {"name", "value", "unit", "target", "met", "rerun", "note"});
        for (ResultRow r : rows) {
            cells.add(new String[] {
                    r.name(),
                    r.value() == null ? "-" : formatValue(r.value(), r.unit()),
                    r.unit(),
                    r.target() == null ? "" : r.goal().symbol + formatValue(r.target(), r.unit()),
                    r.met() == null ? "" : r.met() ? "yes" : "NO",
                    r.command(),
                    r.note() == null ? "" : r.note()});
        }
        int columns = cells.get(0).length;
        int[] widths = new int[columns];
        for (String[] row : cells) {
            for (int c = 0; c < columns - 1; c++) { // the note, last, is not padded
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String[] row = cells.get(i);
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < columns; c++) {
                boolean right = c == 1 || c == 3;
                String cell = row[c];
                if (c == columns - 1) {
                    line.append(cell);
                } else if (right) {
                    line.append(" ".repeat(widths[c] - cell.length())).append(cell).append("  ");
                } else {
                    line.append(cell).append(" ".repeat(widths[c] - cell.length())).append("  ");
                }
            }
            out.append(line.toString().stripTrailing()).append('\n');
            if (i == 0) {
                int total = 0;
                for (int c = 0; c < columns - 1; c++) {
                    total += widths[c] + 2;
                }
                out.append("-".repeat(total + 4)).append('\n');
            }
        }
        return out.toString();
    }

    static String formatValue(double v, String unit) {
        if (unit.equals("ratio")) {
            return String.format(Locale.ROOT, "%.2f", v);
        }
        if (Math.abs(v) >= 100 || v == Math.rint(v)) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        return String.format(Locale.ROOT, "%.1f", v);
    }

    static void writeJson(List<ResultRow> rows, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        List<Object> json = new ArrayList<>();
        for (ResultRow r : rows) {
            json.add(r.toJson());
        }
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), json);
    }
}
