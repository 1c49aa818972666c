package org.harassmentwatch.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.harassmentwatch.ingest.DeadLetter;
import org.junit.jupiter.api.Test;

class DeadLetterRejectionHandlerTest {

    private static final Instant NOW = Instant.parse("2025-03-14T09:15:00Z");

    private static DocumentRejection rejection(String json) {
        return new DocumentRejection(IndexRequestSpec.of("hw-evidence", "m-1|cmp-1", json), 400,
                "strict_dynamic_mapping_exception",
                "[1:9] mapping set to strict, dynamic introduction of [colour] within [_doc] is not allowed");
    }

    @Test
    void rejectionBecomesAnIndexRejectedDeadLetterNamingTheIndexTheIdAndTheReason() {
        DeadLetter letter = DeadLetterRejectionHandler.deadLetter(rejection("{\"colour\":\"red\"}"), NOW.toEpochMilli());

        assertThat(letter.errorCode()).isEqualTo("INDEX_REJECTED");
        assertThat(letter.field()).isNull();
        assertThat(letter.message()).isEqualTo("strict_dynamic_mapping_exception: [1:9] mapping set to strict,"
                + " dynamic introduction of [colour] within [_doc] is not allowed");
        assertThat(letter.rawInput()).isEqualTo("{\"colour\":\"red\"}");
        assertThat(letter.rawTruncated()).isFalse();
        assertThat(letter.rawBytes()).isEqualTo(16);
        assertThat(letter.source()).isEqualTo("es:hw-evidence/m-1|cmp-1");
        assertThat(letter.failedAt()).isEqualTo(NOW.toEpochMilli());
    }

    @Test
    void longDocumentIsTruncatedToTheDeadLetterLimitWithItsFullSizeKept() {
        String json = "{\"text\":\"" + "é".repeat(5000) + "\"}";

        DeadLetter letter = DeadLetterRejectionHandler.deadLetter(rejection(json), 0);

        assertThat(letter.rawInput()).hasSize(DeadLetter.MAX_RAW_CHARS).isEqualTo(json.substring(0, 4096));
        assertThat(letter.rawTruncated()).isTrue();
        assertThat(letter.rawBytes()).isEqualTo(json.getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void truncationNeverSplitsASurrogatePair() {
        String text = "a".repeat(4095) + "\uD83D\uDE00" + "tail"; // emoji straddles the limit

        assertThat(DeadLetterRejectionHandler.truncate(text, 4096)).hasSize(4095).doesNotContain("\uD83D");
    }

    @Test
    void deadLetterIsWrittenToTheDeadLetterIndexUnderAContentHashThatIgnoresTheTime() {
        DeadLetterRejectionHandler atNine = new DeadLetterRejectionHandler("it-dead-letters",
                letter -> "{\"source\":\"" + letter.source() + "\",\"failed_at\":" + letter.failedAt() + "}",
                Clock.fixed(NOW, ZoneOffset.UTC));
        DeadLetterRejectionHandler anHourLater = new DeadLetterRejectionHandler("it-dead-letters",
                letter -> "{}", Clock.fixed(NOW.plusSeconds(3600), ZoneOffset.UTC));

        List<IndexRequestSpec> written = atNine.onRejected(rejection("{\"colour\":\"red\"}"));

        assertThat(written).singleElement().satisfies(spec -> {
            assertThat(spec.index()).isEqualTo("it-dead-letters");
            assertThat(spec.id()).matches("[0-9a-f]{64}");
            assertThat(spec.version()).isNull();
            assertThat(spec.sourceAsString())
                    .isEqualTo("{\"source\":\"es:hw-evidence/m-1|cmp-1\",\"failed_at\":" + NOW.toEpochMilli() + "}");
        });
        assertThat(anHourLater.onRejected(rejection("{\"colour\":\"red\"}")).get(0).id())
                .isEqualTo(written.get(0).id());
        assertThat(atNine.onRejected(rejection("{\"colour\":\"blue\"}")).get(0).id())
                .isNotEqualTo(written.get(0).id());
    }
}
