package org.harassmentwatch.ingest;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StartingOffsetsTest {

    @Test
    void namedPositionsParseCaseInsensitively() {
        assertThat(StartingOffsets.parse("committed")).isEqualTo(StartingOffsets.COMMITTED);
        assertThat(StartingOffsets.parse(" Earliest ")).isEqualTo(StartingOffsets.EARLIEST);
        assertThat(StartingOffsets.parse("LATEST")).isEqualTo(StartingOffsets.LATEST);
    }

    @Test
    void timestampTakesIsoWithOffsetOrEpochMillis() {
        long t = Instant.parse("2026-03-01T00:00:00Z").toEpochMilli();
        assertThat(StartingOffsets.parse("timestamp:2026-03-01T01:00:00+01:00"))
                .isEqualTo(new StartingOffsets(StartingOffsets.Kind.TIMESTAMP, t));
        assertThat(StartingOffsets.parse("timestamp:" + t)).isEqualTo(new StartingOffsets(StartingOffsets.Kind.TIMESTAMP, t));
        assertThat(StartingOffsets.parse("timestamp:" + t)).hasToString("timestamp:2026-03-01T00:00:00.000Z");
    }

    @Test
    void badSpecsAreNamedInTheError() {
        assertThatThrownBy(() -> StartingOffsets.parse("newest"))
                .hasMessage("starting offsets 'newest' is not one of committed, earliest, latest, timestamp:<ISO-8601 or epoch millis>");
        assertThatThrownBy(() -> StartingOffsets.parse("timestamp:yesterday"))
                .hasMessage("starting offsets 'timestamp:yesterday': 'yesterday' is neither epoch millis nor ISO-8601 with offset (e.g. 2026-03-01T00:00:00Z)");
        assertThatThrownBy(() -> StartingOffsets.parse("timestamp:99999999999999999999"))
                .hasMessageContaining("out of the epoch-millis range");
    }

    @Test
    void everyKindGivesAnInitializer() {
        for (String spec : new String[] {"committed", "earliest", "latest", "timestamp:0"}) {
            assertThat(StartingOffsets.parse(spec).initializer()).as(spec).isNotNull();
        }
    }
}
