package org.harassmentwatch.ingest;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The canonical JSON record of a {@link Message}, and its SHA-256: the evidence hash. The same message gives the
 * same bytes on any machine, JVM or library version, so an independent party can recompute the hash.
 *
 * <p>Form {@value #CANONICAL_FORM}:
 * <ul>
 *   <li>the message as sent: the JSON input field names ({@code message_id}, {@code target_ids}, {@code scores},
 *       ...); ingestion metadata ({@code ingestedAt}, {@code source}) is left out, so a message read again from a
 *       file or another Kafka offset hashes the same;</li>
 *   <li>keys sorted by code point, no insignificant whitespace, nulls and empty arrays/objects omitted,
 *       {@code reported} always present, arrays in their order;</li>
 *   <li>timestamps as UTC ISO-8601 with milliseconds and {@code Z}: {@code 2026-03-01T12:00:00.000Z};</li>
 *   <li>strings escaped only where JSON requires (quote, backslash, control chars as {@code \b \f \n \r \t} or
 *       <code>&#92;u00XX</code>) plus lone surrogates as <code>&#92;uXXXX</code>; everything else as UTF-8;</li>
 *   <li>numbers (scores) in plain decimal notation with the fewest significant digits (at most 17) that convert
 *       back to the same double, computed exactly with {@link BigDecimal} (not {@code Double.toString}, whose
 *       output changed between JDK 17 and 19); {@code 0} and {@code 1} without a fraction.</li>
 * </ul>
 */
public final class MessageJson {

    /** Name of the canonical form; record it next to each hash so the form can evolve without ambiguity. */
    public static final String CANONICAL_FORM = "harassment-watch/message/v1";

    private static final MathContext[] PRECISIONS = new MathContext[18];

    static {
        for (int digits = 1; digits <= 17; digits++) {
            PRECISIONS[digits] = new MathContext(digits, RoundingMode.HALF_EVEN);
        }
    }

    private MessageJson() {
    }

    public static String toCanonicalJson(Message m) {
        StringBuilder out = new StringBuilder(320 + m.text().length());
        out.append('{');
        Fields fields = new Fields(out);
        // Keys in sorted order; MessageJsonTest checks the order.
        fields.string("channel", m.channel());
        fields.string("conversation_id", m.conversationId());
        fields.timestamp("created_at", m.createdAt());
        fields.strings("hashtags", m.hashtags());
        fields.string("in_reply_to", m.inReplyTo());
        fields.string("lang", m.lang());
        fields.string("message_id", m.messageId());
        fields.string("platform", m.platform());
        fields.bool("reported", m.reported());
        fields.scores("scores", m.upstreamScores());
        fields.timestamp("sender_created_at", m.senderCreatedAt());
        fields.string("sender_id", m.senderId());
        fields.strings("target_ids", m.targetIds());
        fields.string("text", m.text());
        fields.strings("urls", m.urls());
        return out.append('}').toString();
    }

    /** {@link #toCanonicalJson} as UTF-8 bytes: what {@link #sha256Hex} hashes. */
    public static byte[] canonicalBytes(Message m) {
        return toCanonicalJson(m).getBytes(StandardCharsets.UTF_8);
    }

    /** Lower-case hex SHA-256 of {@link #canonicalBytes}. */
    public static String sha256Hex(Message m) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonicalBytes(m)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /**
     * Plain decimal with the fewest significant digits p such that the exact value of {@code value}, rounded
     * half-even to p digits, reads back as {@code value}; exact, and the same on every JVM.
     *
     * <p>{@code Double.toString} always reads back, so its digit count bounds p from above (JDK 17 sometimes gives
     * one digit more than needed, JDK 19+ never); from there the search goes down while the rounding still reads
     * back. That finds the smallest p because rounding to more digits never moves further from the exact value
     * and the read-back interval around a double is symmetric, except at powers of two (the gap below is half the
     * gap above): those search upwards.
     */
    static String canonicalNumber(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("no JSON number for " + value);
        }
        if (value == 0.0) {
            return "0";
        }
        if ((Double.doubleToRawLongBits(value) & 0x000F_FFFF_FFFF_FFFFL) == 0) {
            return canonicalNumberBySearchingUp(value);
        }
        BigDecimal exact = new BigDecimal(value);
        int digits = Math.min(17, new BigDecimal(Double.toString(value)).stripTrailingZeros().precision());
        BigDecimal best = exact.round(PRECISIONS[digits]);
        while (digits > 1) {
            BigDecimal shorter = exact.round(PRECISIONS[digits - 1]);
            if (shorter.doubleValue() != value) {
                break;
            }
            best = shorter;
            digits--;
        }
        return best.stripTrailingZeros().toPlainString();
    }

    /** The definition of {@link #canonicalNumber} as a plain search upwards; slower. */
    static String canonicalNumberBySearchingUp(double value) {
        if (value == 0.0) {
            return "0";
        }
        BigDecimal exact = new BigDecimal(value);
        for (int digits = 1; digits <= 17; digits++) {
            BigDecimal rounded = exact.round(PRECISIONS[digits]);
            if (rounded.doubleValue() == value) {
                return rounded.stripTrailingZeros().toPlainString();
            }
        }
        throw new AssertionError("17 significant digits always identify a double: " + value);
    }

    /** Writes "key":value pairs with commas; skips absent values. */
    private static final class Fields {
        private final StringBuilder out;
        private boolean first = true;

        Fields(StringBuilder out) {
            this.out = out;
        }

        private void key(String key) {
            if (!first) {
                out.append(',');
            }
            first = false;
            out.append('"').append(key).append("\":");
        }

        void string(String key, String value) {
            if (value != null) {
                key(key);
                Texts.appendJsonString(out, value);
            }
        }

        void bool(String key, boolean value) {
            key(key);
            out.append(value);
        }

        void timestamp(String key, Long epochMillis) {
            if (epochMillis != null) {
                key(key);
                out.append('"').append(IsoTimestamps.formatUtcMillis(epochMillis)).append('"');
            }
        }

        void strings(String key, List<String> values) {
            if (values == null || values.isEmpty()) {
                return;
            }
            key(key);
            out.append('[');
            for (int i = 0; i < values.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                String value = values.get(i);
                if (value == null) {
                    out.append("null");
                } else {
                    Texts.appendJsonString(out, value);
                }
            }
            out.append(']');
        }

        void scores(String key, Map<String, Double> scores) {
            if (scores == null || scores.isEmpty()) {
                return;
            }
            key(key);
            out.append('{');
            boolean firstScore = true;
            // Sorted here, whatever map the message carries (Flink deserializes maps as HashMap).
            Map<String, Double> sorted = scores instanceof SortedMap<String, Double> sortedMap
                    && sortedMap.comparator() == null ? scores : new TreeMap<>(scores);
            for (Map.Entry<String, Double> score : sorted.entrySet()) {
                if (!firstScore) {
                    out.append(',');
                }
                firstScore = false;
                Texts.appendJsonString(out, score.getKey());
                out.append(':');
                out.append(score.getValue() == null ? "null" : canonicalNumber(score.getValue()));
            }
            out.append('}');
        }
    }
}
