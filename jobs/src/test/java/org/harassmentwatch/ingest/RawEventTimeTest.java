package org.harassmentwatch.ingest;

import org.apache.flink.api.common.eventtime.TimestampAssigner;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class RawEventTimeTest {

    private static final long NONE = TimestampAssigner.NO_TIMESTAMP;
    private static final long T = Instant.parse("2026-03-01T12:00:00Z").toEpochMilli();

    @Test
    void topLevelCreatedAtIsReadWhereverItStands() {
        assertThat(RawEventTime.createdAtMillis("{\"created_at\":\"2026-03-01T12:00:00Z\"}")).isEqualTo(T);
        assertThat(RawEventTime.createdAtMillis(" \uFEFF{ \"message_id\" : \"m1\", \"scores\": {\"threat\": 0.1},"
                + " \"created_at\" : \"2026-03-01T13:00:00+01:00\" }")).isEqualTo(T);
    }

    @Test
    void createdAtInsideTextsOrNestedObjectsIsNotTaken() {
        assertThat(RawEventTime.createdAtMillis("{\"text\":\"\\\"created_at\\\":\\\"2030-01-01T00:00:00Z\\\"\","
                + "\"meta\":{\"created_at\":\"2031-01-01T00:00:00Z\"},\"list\":[{\"created_at\":\"2032-01-01T00:00:00Z\"}],"
                + "\"sender_created_at\":\"2033-01-01T00:00:00Z\",\"created_at\":\"2026-03-01T12:00:00Z\"}"))
                .isEqualTo(T);
        assertThat(RawEventTime.createdAtMillis("{\"meta\":{\"created_at\":\"2031-01-01T00:00:00Z\"}}")).isEqualTo(NONE);
    }

    @Test
    void recordsWithoutAReadableTimeGiveNoTimestamp() {
        assertThat(RawEventTime.createdAtMillis(null)).isEqualTo(NONE);
        assertThat(RawEventTime.createdAtMillis("")).isEqualTo(NONE);
        assertThat(RawEventTime.createdAtMillis("[\"created_at\",\"2026-03-01T12:00:00Z\"]")).isEqualTo(NONE);
        assertThat(RawEventTime.createdAtMillis("{\"created_at\":\"yesterday\"}")).isEqualTo(NONE);
        assertThat(RawEventTime.createdAtMillis("{\"created_at\":\"2026-03-01T12:00:00\"}")).isEqualTo(NONE);
        assertThat(RawEventTime.createdAtMillis("{\"created_at\":1772366400000}")).isEqualTo(NONE);
        assertThat(RawEventTime.createdAtMillis("{\"created_at\":\"2026-03-01T12:00:00Z")).isEqualTo(NONE);
        assertThat(RawEventTime.createdAtMillis("{\"created_at\":\"2026\\u002d03-01T12:00:00Z\"}")).isEqualTo(NONE);
        assertThat(RawEventTime.createdAtMillis("{\"text\":\"unterminated")).isEqualTo(NONE);
    }

    @Test
    void timesBeyondTheFutureSkewNeverAdvanceTheWatermark() {
        RawEventTime assigner = new RawEventTime(Duration.ofDays(1), Clock.fixed(Instant.ofEpochMilli(T), ZoneOffset.UTC));

        assertThat(assigner.extractTimestamp(record("2026-03-02T12:00:00Z"), 0)).isEqualTo(T + 86_400_000L);
        assertThat(assigner.extractTimestamp(record("2026-03-02T12:00:00.001Z"), 0)).isEqualTo(NONE);
        assertThat(assigner.extractTimestamp(record("2020-01-01T00:00:00Z"), 0))
                .isEqualTo(Instant.parse("2020-01-01T00:00:00Z").toEpochMilli());
        assertThat(assigner.extractTimestamp(new RawRecord(null, "kafka:t/0/1"), 0)).isEqualTo(NONE);
    }

    @Test
    void theScanAgreesWithTheDecoderOnEveryGeneratedMessage() {
        MessageDecoder decoder = new MessageDecoder();
        long[] compared = {0};
        org.harassmentwatch.generate.TrafficGenerator.forEach(
                org.harassmentwatch.generate.GeneratorConfig.defaults(3, 5_000), line -> {
                    Message m = TestMessages.decoded(decoder.decode(line, "file:x:1", System.currentTimeMillis()));
                    assertThat(RawEventTime.createdAtMillis(line)).as(line).isEqualTo(m.createdAt());
                    compared[0]++;
                });
        assertThat(compared[0]).isEqualTo(5_000);
    }

    private static RawRecord record(String createdAt) {
        return new RawRecord("{\"message_id\":\"m\",\"created_at\":\"" + createdAt + "\"}", "kafka:t/0/1");
    }

    @Test
    void closingQuoteSkipsEscapedQuotesLikeACharByCharScan() {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(5);
        char[] alphabet = {'a', '"', '\\', 'b', '\\', '"'};
        for (int round = 0; round < 200_000; round++) {
            char[] text = new char[rng.nextInt(1, 12)];
            for (int i = 0; i < text.length; i++) {
                text[i] = alphabet[rng.nextInt(alphabet.length)];
            }
            String s = new String(text);
            int from = rng.nextInt(s.length());
            org.assertj.core.api.Assertions.assertThat(RawEventTime.closingQuote(s, from))
                    .as("%s from %d", s, from).isEqualTo(charByChar(s, from));
        }
    }

    private static int charByChar(String json, int from) {
        for (int i = from; i < json.length(); i++) {
            char c = json.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                return i;
            }
        }
        return -1;
    }
}
