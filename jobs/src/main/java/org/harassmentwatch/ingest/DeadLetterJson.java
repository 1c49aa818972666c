package org.harassmentwatch.ingest;

import java.nio.charset.StandardCharsets;

/**
 * The one JSON shape of a dead letter, for the file, Kafka and Elasticsearch outputs:
 * {@code {"error_code","field","message","raw_input","raw_truncated","raw_bytes","source","failed_at"}} in this
 * order, every key always present ({@code field} may be null), {@code failed_at} as ISO-8601 UTC with millis.
 */
public final class DeadLetterJson {

    private DeadLetterJson() {
    }

    public static String toJson(DeadLetter deadLetter) {
        StringBuilder out = new StringBuilder(256 + deadLetter.rawInput().length());
        out.append("{\"error_code\":");
        appendNullable(out, deadLetter.errorCode());
        out.append(",\"field\":");
        appendNullable(out, deadLetter.field());
        out.append(",\"message\":");
        appendNullable(out, deadLetter.message());
        out.append(",\"raw_input\":");
        appendNullable(out, deadLetter.rawInput());
        out.append(",\"raw_truncated\":").append(deadLetter.rawTruncated());
        out.append(",\"raw_bytes\":").append(deadLetter.rawBytes());
        out.append(",\"source\":");
        appendNullable(out, deadLetter.source());
        out.append(",\"failed_at\":\"").append(IsoTimestamps.formatUtcMillis(deadLetter.failedAt())).append("\"}");
        return out.toString();
    }

    /** {@link #toJson} as UTF-8, e.g. for a Kafka record value. */
    public static byte[] toJsonBytes(DeadLetter deadLetter) {
        return toJson(deadLetter).getBytes(StandardCharsets.UTF_8);
    }

    private static void appendNullable(StringBuilder out, String value) {
        if (value == null) {
            out.append("null");
        } else {
            Texts.appendJsonString(out, value);
        }
    }
}
