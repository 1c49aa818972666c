package org.harassmentwatch.job;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.harassmentwatch.ingest.DeadLetterReason;
import org.harassmentwatch.ingest.IsoTimestamps;

import java.io.UncheckedIOException;
import java.util.List;

/**
 * Turns a valid message line into a record the decoder must reject for one given reason. The result keeps the
 * original {@code created_at} where the reason allows (a broken record from a real producer carries a plausible
 * time), and gets its own message id.
 */
final class MalformedRecords {

    /** Every reason an input record can be rejected for (INDEX_REJECTED is Elasticsearch's, not the input's). */
    static final List<DeadLetterReason> KINDS = List.of(DeadLetterReason.MALFORMED_JSON, DeadLetterReason.MISSING_FIELD,
            DeadLetterReason.EMPTY_FIELD, DeadLetterReason.WRONG_TYPE, DeadLetterReason.BAD_TIMESTAMP,
            DeadLetterReason.FUTURE_TIMESTAMP, DeadLetterReason.TEXT_TOO_LONG, DeadLetterReason.SCORE_OUT_OF_RANGE,
            DeadLetterReason.NO_TARGET, DeadLetterReason.BAD_VALUE);

    private static final ObjectMapper JSON = new ObjectMapper();

    private MalformedRecords() {
    }

    static String make(DeadLetterReason kind, String validLine, int n, long nowMillis) {
        ObjectNode m;
        try {
            m = (ObjectNode) JSON.readTree(validLine);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        m.put("message_id", "bad-" + kind.name().toLowerCase(java.util.Locale.ROOT) + "-" + n);
        switch (kind) {
            case MALFORMED_JSON -> {
                String json = m.toString();
                return json.substring(0, json.length() - 1); // no closing brace
            }
            case MISSING_FIELD -> m.remove("text");
            case EMPTY_FIELD -> m.put("sender_id", " ");
            case WRONG_TYPE -> m.put("text", 42);
            case BAD_TIMESTAMP -> m.put("created_at", "yesterday at noon");
            case FUTURE_TIMESTAMP -> m.put("created_at", IsoTimestamps.formatUtcMillis(nowMillis + 3L * 86_400_000L));
            case TEXT_TOO_LONG -> m.put("text", "x".repeat(64 * 1024 + 1));
            case SCORE_OUT_OF_RANGE -> m.putObject("scores").put("toxicity", 1.5);
            case NO_TARGET -> m.putArray("target_ids");
            case BAD_VALUE -> m.put("channel", "carrier_pigeon");
            default -> throw new IllegalArgumentException("no malformed record for " + kind);
        }
        return m.toString();
    }
}
