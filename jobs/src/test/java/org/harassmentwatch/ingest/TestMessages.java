package org.harassmentwatch.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Builds test input records and unwraps decode results. */
final class TestMessages {

    static final long NOW = Instant.parse("2026-03-01T12:00:00Z").toEpochMilli();
    static final String SOURCE = "file:/data/in.ndjson:7";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private TestMessages() {
    }

    /** A valid message with only the required fields, as a mutable map: tests change or remove fields. */
    static Map<String, Object> required() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("message_id", "m-1");
        fields.put("platform", "x");
        fields.put("sender_id", "alice");
        fields.put("created_at", "2026-03-01T11:00:00Z");
        fields.put("text", "@bob you are pathetic");
        fields.put("target_ids", List.of("bob"));
        return fields;
    }

    static String json(Map<String, Object> fields) {
        try {
            return MAPPER.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String with(String field, Object value) {
        Map<String, Object> fields = required();
        fields.put(field, value);
        return json(fields);
    }

    static String without(String field) {
        Map<String, Object> fields = required();
        fields.remove(field);
        return json(fields);
    }

    static Message decoded(DecodeResult result) {
        assertThat(result).as("decode result").isInstanceOf(DecodeResult.Decoded.class);
        return ((DecodeResult.Decoded) result).message();
    }

    static DeadLetter rejected(DecodeResult result) {
        assertThat(result).as("decode result").isInstanceOf(DecodeResult.Rejected.class);
        return ((DecodeResult.Rejected) result).deadLetter();
    }
}
