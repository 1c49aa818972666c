package org.harassmentwatch.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BulkSettingsTest {

    @Test
    void defaultsAreAThousandActionsFiveMegabytesOneSecondAndOneRequestInFlight() {
        BulkSettings defaults = BulkSettings.defaults();

        assertThat(defaults.maxActions()).isEqualTo(1000);
        assertThat(defaults.maxBytes()).isEqualTo(5L * 1024 * 1024);
        assertThat(defaults.flushInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(defaults.initialBackoff()).isEqualTo(Duration.ofMillis(100));
        assertThat(defaults.maxBackoff()).isEqualTo(Duration.ofSeconds(30));
        assertThat(defaults.maxInFlight()).isEqualTo(1);
    }

    @Test
    void invalidValuesAreRefusedByName() {
        BulkSettings defaults = BulkSettings.defaults();
        assertThatThrownBy(() -> defaults.withMaxActions(0)).hasMessage("bulk maxActions must be >= 1, got 0");
        assertThatThrownBy(() -> defaults.withMaxBytes(-5)).hasMessage("bulk maxBytes must be >= 1, got -5");
        assertThatThrownBy(() -> defaults.withFlushInterval(Duration.ZERO))
                .hasMessage("bulk flushInterval must be positive, got PT0S");
        assertThatThrownBy(() -> defaults.withMaxInFlight(0)).hasMessage("bulk maxInFlight must be >= 1, got 0");
        assertThatThrownBy(() -> defaults.withBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .hasMessage("bulk maxBackoff (PT1S) must not be shorter than initialBackoff (PT2S)");
    }
}
