package org.harassmentwatch.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IsoTimeTest {

    private static final DateTimeFormatter REFERENCE =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    @Test
    void matchesJavaTimeWithMillisAndZ() {
        IsoTime iso = new IsoTime();
        SplittableRandom rng = new SplittableRandom(1);
        long from = Instant.parse("1970-01-01T00:00:00Z").toEpochMilli();
        long to = Instant.parse("2199-12-31T23:59:59.999Z").toEpochMilli();
        for (int i = 0; i < 200_000; i++) {
            long millis = from + rng.nextLong(to - from);
            assertThat(iso.format(millis)).isEqualTo(REFERENCE.format(Instant.ofEpochMilli(millis)));
        }
        assertThat(iso.format(Instant.parse("2024-02-29T23:59:59.999Z").toEpochMilli()))
                .isEqualTo("2024-02-29T23:59:59.999Z");
        assertThat(iso.format(Instant.parse("2026-01-05T00:00:00Z").toEpochMilli()))
                .isEqualTo("2026-01-05T00:00:00.000Z");
    }
}
