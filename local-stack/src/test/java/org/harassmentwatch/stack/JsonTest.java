package org.harassmentwatch.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void writtenStateReadsBackInTheSameOrder() {
        Map<String, Object> kafka = new LinkedHashMap<>();
        kafka.put("pid", 4242L);
        kafka.put("bootstrap", "127.0.0.1:9092");
        kafka.put("home", "/tmp/a \"quoted\" \\ folder\n");
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("startedAt", "2026-01-01T00:00:00Z");
        state.put("kafka", kafka);
        state.put("flags", List.of(true, false));
        state.put("nothing", null);

        String text = Json.write(state);
        Map<String, Object> read = Json.parseObject(text);

        assertThat(read).isEqualTo(state);
        assertThat(read.keySet()).containsExactly("startedAt", "kafka", "flags", "nothing");
        assertThat(text).contains("\"pid\": 4242");
    }

    @Test
    void unicodeEscapesAndEmptyContainersParse() {
        assertThat(Json.parseObject("{\"a\":\"caf\\u00e9\",\"b\":{},\"c\":[],\"d\":-7}"))
            .containsEntry("a", "café")
            .containsEntry("b", Map.of())
            .containsEntry("c", List.of())
            .containsEntry("d", -7L);
    }

    @Test
    void brokenJsonNamesTheOffset() {
        assertThatThrownBy(() -> Json.parseObject("{\"pid\": 12,}"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("invalid JSON at offset 11");
    }
}
