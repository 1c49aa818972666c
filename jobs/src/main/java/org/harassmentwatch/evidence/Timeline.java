package org.harassmentwatch.evidence;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code timeline.txt}: one line per evidence message in the order sent, in aligned columns (time, sender,
 * targets, categories, message id), a rule before each new UTC day. Control characters in ids are shown as
 * {@code \}{@code uXXXX} so every message stays on one line.
 */
final class Timeline {

    private static final List<String> HEADER = List.of("TIME (UTC)", "SENDER", "TARGET(S)", "CATEGORIES", "MESSAGE ID");

    private Timeline() {
    }

    static String render(JsonNode campaign, List<EvidenceRecord> records) {
        List<List<String>> rows = new ArrayList<>();
        for (EvidenceRecord r : records) {
            JsonNode d = r.document();
            rows.add(List.of(Times.iso(r.createdAt()), printable(MessagesCsv.text(d.get("sender_id"))),
                    printable(String.join(", ", list(d.get("target_ids")))),
                    printable(String.join(", ", list(d.get("categories")))), printable(r.messageId())));
        }
        int[] widths = new int[HEADER.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = HEADER.get(i).codePointCount(0, HEADER.get(i).length());
        }
        for (List<String> row : rows) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], row.get(i).codePointCount(0, row.get(i).length()));
            }
        }
        StringBuilder out = new StringBuilder(128 * (rows.size() + 6));
        out.append("Timeline of campaign ").append(printable(campaign.path("campaign_id").asText()))
                .append(" (version ").append(campaign.path("version").asText()).append("): ")
                .append(records.size()).append(records.size() == 1 ? " message" : " messages")
                .append(", in the order sent; times in UTC.\n");
        out.append("Categories are the detector's (category score at or above its threshold). "
                + "The messages themselves are in messages.ndjson.\n\n");
        line(out, HEADER, widths);
        String day = null;
        for (List<String> row : rows) {
            String rowDay = row.get(0).substring(0, 10);
            if (!rowDay.equals(day)) {
                out.append("-- ").append(rowDay).append(" --\n");
                day = rowDay;
            }
            line(out, row, widths);
        }
        return out.toString();
    }

    private static void line(StringBuilder out, List<String> cells, int[] widths) {
        for (int i = 0; i < cells.size(); i++) {
            String cell = cells.get(i);
            out.append(cell);
            if (i < cells.size() - 1) {
                int pad = widths[i] - cell.codePointCount(0, cell.length()) + 2;
                out.append(" ".repeat(pad));
            }
        }
        out.append('\n');
    }

    private static List<String> list(JsonNode value) {
        List<String> out = new ArrayList<>();
        if (value != null && value.isArray()) {
            value.forEach(v -> out.add(v.asText()));
        } else if (value != null && !value.isNull() && !value.isMissingNode()) {
            out.add(value.asText());
        }
        return out;
    }

    /** Control characters (including line breaks) as {@code \}{@code uXXXX}. */
    static String printable(String s) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean control = Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
            if (control && out == null) {
                out = new StringBuilder(s.length() + 8).append(s, 0, i);
            }
            if (out != null) {
                if (control) {
                    out.append(String.format("\\u%04x", (int) c));
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? s : out.toString();
    }
}
