package org.harassmentwatch.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.harassmentwatch.ingest.TestMessages.NOW;

class DeadLetterJsonTest {

    @Test
    void writesEveryFieldInAStableSnakeCaseShape() {
        DeadLetter dl = new DeadLetter("BAD_VALUE", "channel", "channel: \"dm\" is not one of reply",
                "{\"channel\":\"dm\"}", false, 16, "file:/in.ndjson:3", NOW);

        assertThat(DeadLetterJson.toJson(dl)).isEqualTo("{\"error_code\":\"BAD_VALUE\",\"field\":\"channel\","
                + "\"message\":\"channel: \\\"dm\\\" is not one of reply\",\"raw_input\":\"{\\\"channel\\\":\\\"dm\\\"}\","
                + "\"raw_truncated\":false,\"raw_bytes\":16,\"source\":\"file:/in.ndjson:3\","
                + "\"failed_at\":\"2026-03-01T12:00:00.000Z\"}");
    }

    @Test
    void recordLevelProblemsHaveANullField() throws Exception {
        DeadLetter dl = TestMessages.rejected(new MessageDecoder().decode("[\u0001garbage", "kafka:t/0/5", NOW));

        JsonNode json = new ObjectMapper().readTree(DeadLetterJson.toJsonBytes(dl));

        assertThat(json.get("field").isNull()).isTrue();
        assertThat(json.get("error_code").asText()).isEqualTo("MALFORMED_JSON");
        assertThat(json.get("raw_input").asText()).isEqualTo("[\u0001garbage");
        assertThat(json.get("source").asText()).isEqualTo("kafka:t/0/5");
    }

    @Test
    void invalidUtf8InTheRawInputStillGivesValidJson() throws Exception {
        byte[] raw = {'{', (byte) 0xC3, (byte) 0x28, '}'};

        DeadLetter dl = TestMessages.rejected(new MessageDecoder().decode(raw, "kafka:t/0/6", NOW));
        byte[] json = DeadLetterJson.toJsonBytes(dl);

        assertThat(new ObjectMapper().readTree(json).get("raw_input").asText()).isEqualTo("{\uFFFD(}");
        assertThat(new String(json, StandardCharsets.UTF_8)).contains("\"raw_bytes\":4");
    }
}
