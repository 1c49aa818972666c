package org.harassmentwatch.evidence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The JSON form of the package's JSON files ({@code campaign.json}, {@code manifest.json}): keys sorted by code
 * point, two-space indentation, {@code \n} line ends, a final newline, strings escaped only where JSON requires,
 * numbers exactly as Elasticsearch returned them. The writer is here, not left to a library's pretty printer, so
 * the bytes (and their hashes) do not change with a Jackson upgrade or the platform's line separator.
 *
 * <p>Numbers are read as {@link BigDecimal} with their scale kept ({@link #mapper()}), so {@code 0.420} stays
 * {@code 0.420} and no double-to-text conversion (which changed between JDK 17 and 19) is ever involved.
 */
public final class CanonicalJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private CanonicalJson() {
    }

    /** A mapper that reads numbers exactly; give it to the Elasticsearch client that reads documents to export. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Parses JSON text exactly (see {@link #mapper()}). */
    public static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Parses UTF-8 JSON bytes exactly; rejects bytes that are not valid UTF-8 JSON. */
    public static JsonNode parse(byte[] json) {
        try {
            return MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getMessage(), e);
        }
    }

    /** The canonical, indented form of {@code node}, ending with a newline. */
    public static String pretty(JsonNode node) {
        StringBuilder out = new StringBuilder(1024);
        write(out, node, 0);
        return out.append('\n').toString();
    }

    /** {@link #pretty} as UTF-8 bytes. */
    public static byte[] prettyBytes(JsonNode node) {
        return pretty(node).getBytes(StandardCharsets.UTF_8);
    }

    private static void write(StringBuilder out, JsonNode node, int depth) {
        if (node.isObject()) {
            List<String> keys = new ArrayList<>();
            Iterator<String> names = node.fieldNames();
            names.forEachRemaining(keys::add);
            keys.sort(CanonicalJson::compareCodePoints);
            if (keys.isEmpty()) {
                out.append("{}");
                return;
            }
            out.append('{');
            for (int i = 0; i < keys.size(); i++) {
                out.append(i == 0 ? "\n" : ",\n");
                indent(out, depth + 1);
                appendString(out, keys.get(i));
                out.append(": ");
                write(out, node.get(keys.get(i)), depth + 1);
            }
            out.append('\n');
            indent(out, depth);
            out.append('}');
        } else if (node.isArray()) {
            if (node.isEmpty()) {
                out.append("[]");
                return;
            }
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                out.append(i == 0 ? "\n" : ",\n");
                indent(out, depth + 1);
                write(out, node.get(i), depth + 1);
            }
            out.append('\n');
            indent(out, depth);
            out.append(']');
        } else if (node.isTextual()) {
            appendString(out, node.textValue());
        } else if (node.isIntegralNumber()) {
            out.append(node.bigIntegerValue().toString());
        } else if (node.isNumber()) {
            // BigDecimal.toString is specified exactly (and the same on every JVM); a double that slipped in is
            // converted through its shortest decimal form.
            BigDecimal value = node.isBigDecimal() ? node.decimalValue() : BigDecimal.valueOf(node.doubleValue());
            out.append(value.toString());
        } else if (node.isBoolean()) {
            out.append(node.booleanValue());
        } else if (node.isNull() || node.isMissingNode()) {
            out.append("null");
        } else {
            throw new IllegalArgumentException("no JSON form for a " + node.getNodeType() + " node");
        }
    }

    private static void indent(StringBuilder out, int depth) {
        for (int i = 0; i < depth; i++) {
            out.append("  ");
        }
    }

    /** Code-point order (String.compareTo orders UTF-16 units, which differs above U+FFFF). */
    static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    /** A JSON string literal: quote, backslash and control characters escaped, lone surrogates as \\uXXXX. */
    static void appendString(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                out.append(c).append(s.charAt(++i));
                continue;
            }
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || Character.isSurrogate(c)) {
                        out.append("\\u").append(HEX[(c >> 12) & 0xF]).append(HEX[(c >> 8) & 0xF])
                                .append(HEX[(c >> 4) & 0xF]).append(HEX[c & 0xF]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
