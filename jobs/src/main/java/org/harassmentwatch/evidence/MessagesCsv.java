package org.harassmentwatch.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.harassmentwatch.scoring.Category;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code messages.csv}: one row per evidence message, in package order, for spreadsheets and analysis tools.
 * RFC 4180 (comma, CRLF, double quotes), UTF-8 without BOM. Lists are space-separated. Times are UTC.
 *
 * <p>Cells that start with {@code = + - @}, tab or carriage return get a leading apostrophe, so a spreadsheet
 * shows a message such as {@code =HYPERLINK(...)} instead of evaluating it (OWASP CSV injection). The exact text
 * of every message is in {@code messages.ndjson}.
 */
final class MessagesCsv {

    private static final String CRLF = "\r\n";

    private MessagesCsv() {
    }

    static List<String> header() {
        List<String> columns = new ArrayList<>(List.of("message_id", "created_at", "ingested_at", "platform",
                "channel", "sender_id", "target_ids", "conversation_id", "in_reply_to", "lang", "reported",
                "sender_created_at", "hashtags", "urls", "categories", "abuse", "directedness"));
        for (Category c : Category.values()) {
            columns.add(c.field());
        }
        columns.addAll(List.of("evidence_terms", "text", "record_sha256", "source"));
        return columns;
    }

    static String render(List<EvidenceRecord> records) {
        StringBuilder out = new StringBuilder(256 * (records.size() + 1));
        row(out, header());
        for (EvidenceRecord r : records) {
            row(out, cells(r));
        }
        return out.toString();
    }

    private static List<String> cells(EvidenceRecord r) {
        ObjectNode d = r.document();
        JsonNode scores = d.path("scores");
        List<String> cells = new ArrayList<>(List.of(
                r.messageId(),
                Times.iso(r.createdAt()),
                Times.iso(d.get("ingested_at")),
                text(d.get("platform")),
                text(d.get("channel")),
                text(d.get("sender_id")),
                joined(d.get("target_ids")),
                text(d.get("conversation_id")),
                text(d.get("in_reply_to")),
                text(d.get("lang")),
                text(d.get("reported")),
                Times.iso(d.get("sender_created_at")),
                joined(d.get("hashtags")),
                joined(d.get("urls")),
                joined(d.get("categories")),
                number(scores.get("abuse")),
                number(scores.get("directedness"))));
        for (Category c : Category.values()) {
            cells.add(number(scores.get(c.field())));
        }
        cells.addAll(List.of(joined(d.get("evidence_terms")), text(d.get("text")), r.sha256(), text(d.get("source"))));
        return cells;
    }

    static String text(JsonNode value) {
        return value == null || value.isNull() || value.isMissingNode() ? "" : value.asText();
    }

    /** A score as stored (exact decimal, no exponent). */
    static String number(JsonNode value) {
        if (value == null || !value.isNumber()) {
            return text(value);
        }
        return value.isIntegralNumber() ? value.bigIntegerValue().toString() : value.decimalValue().toPlainString();
    }

    static String joined(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return "";
        }
        if (!value.isArray()) {
            return value.asText();
        }
        StringBuilder out = new StringBuilder();
        for (JsonNode element : value) {
            if (!out.isEmpty()) {
                out.append(' ');
            }
            out.append(element.asText());
        }
        return out.toString();
    }

    private static void row(StringBuilder out, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            cell(out, cells.get(i));
        }
        out.append(CRLF);
    }

    static void cell(StringBuilder out, String value) {
        String v = neutraliseFormula(value);
        boolean quote = v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0
                || (!v.isEmpty() && (v.charAt(0) == ' ' || v.charAt(v.length() - 1) == ' '));
        if (!quote) {
            out.append(v);
            return;
        }
        out.append('"').append(v.replace("\"", "\"\"")).append('"');
    }

    static String neutraliseFormula(String value) {
        if (value.isEmpty()) {
            return value;
        }
        char first = value.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + value : value;
    }
}
