package org.harassmentwatch.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.harassmentwatch.detect.Hashing;
import org.harassmentwatch.ingest.IsoTimestamps;
import org.harassmentwatch.ingest.Message;
import org.harassmentwatch.ingest.MessageJson;

import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Rebuilds the canonical message record ({@link MessageJson}, form {@value MessageJson#CANONICAL_FORM}) from an
 * evidence document of the {@code evidence} index, so its hash can be checked against the {@code record_sha256}
 * the detector sealed.
 *
 * <p>The evidence document holds every field of the canonical record: the upstream classifier scores a platform
 * sent are kept as {@code upstream_scores} (the document's {@code scores} are the detector's own). A record that
 * does not rebuild to its seal is reported as a mismatch rather than hidden.
 */
public final class EvidenceRecords {

    private EvidenceRecords() {
    }

    /**
     * The record of one evidence document.
     *
     * @throws IllegalArgumentException naming the message and the field when a field the record needs is missing or
     *                                  has the wrong type
     */
    public static EvidenceRecord fromDocument(ObjectNode doc) {
        String messageId = requiredText(doc, "message_id", "?");
        long createdAt = requiredTime(doc, "created_at", messageId);
        Message message = new Message(
                messageId,
                requiredText(doc, "platform", messageId),
                requiredText(doc, "sender_id", messageId),
                createdAt,
                requiredText(doc, "text", messageId),
                strings(doc, "target_ids", messageId, true),
                optionalText(doc, "conversation_id", messageId),
                optionalText(doc, "in_reply_to", messageId),
                optionalText(doc, "channel", messageId),
                optionalText(doc, "lang", messageId),
                optionalTime(doc, "sender_created_at", messageId),
                requiredBoolean(doc, "reported", messageId),
                strings(doc, "hashtags", messageId, false),
                strings(doc, "urls", messageId, false),
                upstreamScores(doc, messageId),
                doc.has("ingested_at") ? requiredTime(doc, "ingested_at", messageId) : 0L,
                optionalText(doc, "source", messageId));
        String canonical = MessageJson.toCanonicalJson(message);
        return new EvidenceRecord(messageId, createdAt, canonical, Hashing.sha256Hex(canonical),
                requiredText(doc, "record_sha256", messageId), doc);
    }

    /** The upstream classifier scores as sent (part of the sealed record), empty when none were sent. */
    static Map<String, Double> upstreamScores(JsonNode doc, String messageId) {
        JsonNode value = doc.get("upstream_scores");
        if (value == null || value.isNull()) {
            return Map.of();
        }
        if (!value.isObject()) {
            throw bad(messageId, "upstream_scores", "is not an object", value);
        }
        Map<String, Double> scores = new java.util.TreeMap<>();
        for (var it = value.fields(); it.hasNext(); ) {
            var e = it.next();
            if (!e.getValue().isNumber()) {
                throw bad(messageId, "upstream_scores." + e.getKey(), "is not a number", e.getValue());
            }
            scores.put(e.getKey(), e.getValue().doubleValue());
        }
        return scores;
    }

    /** Epoch millis of an ISO-8601 timestamp (or epoch-millis number) field, or null when absent. */
    static Long optionalTime(JsonNode doc, String field, String messageId) {
        JsonNode value = doc.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isIntegralNumber()) {
            return value.longValue();
        }
        if (!value.isTextual()) {
            throw bad(messageId, field, "is not a timestamp", value);
        }
        try {
            return IsoTimestamps.parseEpochMillis(value.textValue());
        } catch (DateTimeException e) {
            throw bad(messageId, field, "is not an ISO-8601 timestamp with offset", value);
        }
    }

    private static long requiredTime(JsonNode doc, String field, String messageId) {
        Long millis = optionalTime(doc, field, messageId);
        if (millis == null) {
            throw missing(messageId, field);
        }
        return millis;
    }

    private static String requiredText(JsonNode doc, String field, String messageId) {
        String text = optionalText(doc, field, messageId);
        if (text == null) {
            throw missing(messageId, field);
        }
        return text;
    }

    private static String optionalText(JsonNode doc, String field, String messageId) {
        JsonNode value = doc.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw bad(messageId, field, "is not a string", value);
        }
        return value.textValue();
    }

    private static boolean requiredBoolean(JsonNode doc, String field, String messageId) {
        JsonNode value = doc.get(field);
        if (value == null || value.isNull()) {
            throw missing(messageId, field);
        }
        if (!value.isBoolean()) {
            throw bad(messageId, field, "is not a boolean", value);
        }
        return value.booleanValue();
    }

    private static List<String> strings(JsonNode doc, String field, String messageId, boolean required) {
        JsonNode value = doc.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw missing(messageId, field);
            }
            return List.of();
        }
        List<String> out = new ArrayList<>();
        if (value.isTextual()) {
            out.add(value.textValue()); // Elasticsearch accepts a single value where an array is mapped
            return out;
        }
        if (!value.isArray()) {
            throw bad(messageId, field, "is not an array of strings", value);
        }
        for (JsonNode element : value) {
            if (!element.isTextual()) {
                throw bad(messageId, field, "holds a value that is not a string", element);
            }
            out.add(element.textValue());
        }
        return out;
    }

    private static IllegalArgumentException missing(String messageId, String field) {
        return new IllegalArgumentException(
                "evidence document of message '" + messageId + "': field '" + field + "' is missing");
    }

    private static IllegalArgumentException bad(String messageId, String field, String problem, JsonNode value) {
        String shown = value.toString();
        if (shown.length() > 80) {
            shown = shown.substring(0, 77) + "...";
        }
        return new IllegalArgumentException(
                "evidence document of message '" + messageId + "': field '" + field + "' " + problem + ": " + shown);
    }
}
