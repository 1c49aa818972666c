package org.harassmentwatch.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class IndexRequestSpecTest {

    @Test
    void lineBreaksOfPrettyPrintedJsonBecomeSpacesSoTheBulkBodyStaysOneLinePerDocument() {
        IndexRequestSpec spec = IndexRequestSpec.of("idx", "1", "{\n  \"text\": \"caf\u00e9 \\n ok\"\r\n}");

        assertThat(spec.sourceAsString()).isEqualTo("{   \"text\": \"caf\u00e9 \\n ok\"  }");
    }

    @Test
    void sourceWithoutLineBreaksIsKeptAsGiven() {
        byte[] source = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);

        assertThat(new IndexRequestSpec("idx", "1", source, null).source()).isSameAs(source);
    }

    @Test
    void missingIdIsRefusedBecauseRetriesMustLandOnTheSameDocument() {
        assertThatThrownBy(() -> IndexRequestSpec.of("hw-alerts", " ", "{}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("id is blank (other part of the address: 'hw-alerts')");
    }

    @Test
    void negativeExternalVersionIsRefused() {
        assertThatThrownBy(() -> IndexRequestSpec.versioned("hw-campaigns", "cmp-1", "{}", -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("version of hw-campaigns/cmp-1 must be >= 0 for external versioning, got -1");
    }

    @Test
    void emptySourceIsRefused() {
        assertThatThrownBy(() -> IndexRequestSpec.of("idx", "7", ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("source of idx/7 is empty");
    }

    @Test
    void equalityComparesSourceContent() {
        assertThat(IndexRequestSpec.versioned("i", "1", "{\"v\":2}", 2))
                .isEqualTo(IndexRequestSpec.versioned("i", "1", "{\"v\":2}", 2))
                .hasSameHashCodeAs(IndexRequestSpec.versioned("i", "1", "{\"v\":2}", 2))
                .isNotEqualTo(IndexRequestSpec.versioned("i", "1", "{\"v\":3}", 2))
                .isNotEqualTo(IndexRequestSpec.of("i", "1", "{\"v\":2}"));
        assertThat(IndexRequestSpec.versioned("i", "1", "{}", 2)).hasToString("IndexRequestSpec[i/1 v2, 2 bytes]");
    }
}
