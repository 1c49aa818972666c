package org.harassmentwatch.evidence;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CanonicalJsonTest {

    @Test
    void keysAreSortedAtEveryLevelAndIndentedWithTwoSpaces() {
        String pretty = CanonicalJson.pretty(CanonicalJson.parse("{\"b\":{\"y\":1,\"x\":[2,{\"d\":0,\"c\":null}]},\"a\":true,\"e\":[],\"f\":{}}"));

        assertThat(pretty).isEqualTo("""
                {
                  "a": true,
                  "b": {
                    "x": [
                      2,
                      {
                        "c": null,
                        "d": 0
                      }
                    ],
                    "y": 1
                  },
                  "e": [],
                  "f": {}
                }
                """);
    }

    @Test
    void numbersKeepTheExactTextElasticsearchStored() {
        String pretty = CanonicalJson.pretty(CanonicalJson.parse(
                "{\"a\":0.420,\"b\":0.1,\"c\":1.0E-4,\"d\":12345678901234567890,\"e\":-3,\"f\":0.30000000000000004}"));

        assertThat(pretty).contains("\"a\": 0.420,", "\"b\": 0.1,", "\"c\": 0.00010,", "\"d\": 12345678901234567890,",
                "\"e\": -3,", "\"f\": 0.30000000000000004");
    }

    @Test
    void stringsAreEscapedOnlyWhereJsonRequires() {
        String pretty = CanonicalJson.pretty(CanonicalJson.parse(
                "{\"t\":\"quote \\\" back \\\\ nl \\n tab \\t bell \\u0007 é 🤡 \\u2028 </script>\"}"));

        assertThat(pretty).isEqualTo(
                "{\n  \"t\": \"quote \\\" back \\\\ nl \\n tab \\t bell \\u0007 é 🤡 \u2028 </script>\"\n}\n");
    }

    @Test
    void keysAreOrderedByCodePointNotByUtf16Unit() {
        // U+FF5E (one UTF-16 unit, 0xFF5E) sorts before U+1F921 (surrogates 0xD83E...) by code point, after it by unit.
        String pretty = CanonicalJson.pretty(CanonicalJson.parse("{\"🤡\":1,\"～\":2}"));

        assertThat(pretty).isEqualTo("{\n  \"～\": 2,\n  \"🤡\": 1\n}\n");
        assertThat(CanonicalJson.compareCodePoints("～", "🤡")).isNegative();
        assertThat("～".compareTo("🤡")).isPositive();
    }

    @Test
    void invalidJsonIsRejected() {
        assertThatThrownBy(() -> CanonicalJson.parse("{\"a\":")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not valid JSON");
        assertThatThrownBy(() -> CanonicalJson.parse(new byte[] {'"', (byte) 0xC3, '"'}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
