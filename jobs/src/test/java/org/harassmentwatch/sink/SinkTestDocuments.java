package org.harassmentwatch.sink;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.harassmentwatch.ingest.DeadLetter;

/**
 * Test helper: full, mapping-conformant documents of every index family (the sample documents with their ids and
 * versions replaced), and the dead-letter document the job's document builder writes for a {@link DeadLetter}.
 */
final class SinkTestDocuments {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectNode CAMPAIGN = sample("campaigns");
    private static final ObjectNode EVIDENCE = sample("evidence");
    private static final ObjectNode ALERT = sample("alerts");
    private static final ObjectNode DEAD_LETTER = sample("dead-letters");

    private SinkTestDocuments() {
    }

    static String campaign(String campaignId, long version) {
        ObjectNode doc = CAMPAIGN.deepCopy();
        doc.put("campaign_id", campaignId);
        doc.put("version", version);
        return write(doc);
    }

    static String evidence(String messageId, String campaignId) {
        ObjectNode doc = EVIDENCE.deepCopy();
        doc.put("message_id", messageId);
        doc.put("campaign_id", campaignId);
        return write(doc);
    }

    static String alert(String alertId) {
        ObjectNode doc = ALERT.deepCopy();
        doc.put("alert_id", alertId);
        return write(doc);
    }

    static String deadLetter(String source) {
        ObjectNode doc = DEAD_LETTER.deepCopy();
        doc.put("source", source);
        return write(doc);
    }

    /** The hw-dead-letters document of a dead letter, field for field as the template declares. */
    static String deadLetterJson(DeadLetter letter) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("error_code", letter.errorCode());
        if (letter.field() != null) {
            doc.put("field", letter.field());
        }
        doc.put("message", letter.message());
        doc.put("raw_input", letter.rawInput());
        doc.put("raw_truncated", letter.rawTruncated());
        doc.put("raw_bytes", letter.rawBytes());
        doc.put("source", letter.source());
        doc.put("failed_at", Instant.ofEpochMilli(letter.failedAt()).toString());
        return write(doc);
    }

    private static ObjectNode sample(String family) {
        return (ObjectNode) TemplateMappings.sampleDocument(family);
    }

    private static String write(Object doc) {
        try {
            return JSON.writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
