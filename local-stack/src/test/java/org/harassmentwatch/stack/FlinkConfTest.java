package org.harassmentwatch.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class FlinkConfTest {
    @Test
    void settingsAreWrittenAsQuotedFlatKeysInGivenOrder() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("rest.port", "8081");
        settings.put("io.tmp.dirs", "/data/a #1: on");

        assertThat(FlinkConf.yaml(settings)).isEqualTo("""
            # Written by the harassment-watch local stack on every start.
            "rest.port": "8081"
            "io.tmp.dirs": "/data/a #1: on"
            """);
    }

    @Test
    void quotesAndBackslashesAreEscaped() {
        assertThat(FlinkConf.quoted("C:\\a \"b\"\n")).isEqualTo("\"C:\\\\a \\\"b\\\"\\n\"");
    }
}
