package org.harassmentwatch.job;

import org.harassmentwatch.ingest.KafkaClientConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LatencySettingsTest {

    @Test
    void defaultsAreFlinksAndKafkasOwn() {
        LatencySettings d = LatencySettings.defaults();
        assertThat(d.watermarkInterval()).isEqualTo(Duration.ofMillis(200));
        assertThat(d.bufferTimeout()).isEqualTo(Duration.ofMillis(100));
        assertThat(d.fetchMaxWait()).isEqualTo(Duration.ofMillis(500));
        assertThat(d.alertLinger()).isEqualTo(Duration.ofMillis(5));
    }

    @Test
    void aZeroWatermarkIntervalIsRejectedBecauseItTurnsWatermarksOff() {
        assertThatThrownBy(() -> new LatencySettings(Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO))
                .hasMessageContaining("--watermark-interval");
    }

    @Test
    void zeroWaitsAreAllowedAndNegativeOnesNamed() {
        assertThat(new LatencySettings(Duration.ofMillis(1), Duration.ZERO, Duration.ZERO, Duration.ZERO).bufferTimeout())
                .isZero();
        assertThatThrownBy(() -> new LatencySettings(Duration.ofMillis(20), Duration.ofMillis(-1), Duration.ZERO,
                Duration.ZERO)).hasMessageContaining("--buffer-timeout");
        assertThatThrownBy(() -> new LatencySettings(Duration.ofMillis(20), Duration.ZERO, Duration.ofMillis(-5),
                Duration.ZERO)).hasMessageContaining("--fetch-max-wait");
        assertThatThrownBy(() -> new LatencySettings(Duration.ofMillis(20), Duration.ZERO, Duration.ZERO,
                Duration.ofDays(30))).hasMessageContaining("--alert-linger");
    }

    @Test
    void theJobRefusesTheSameKafkaPropertyAlsoGivenAsAnExtraClientProperty() {
        KafkaClientConfig kafka = KafkaClientConfig.parse("localhost:9092", List.of("linger.ms=50"));
        assertThatThrownBy(() -> StreamingJob.Config.defaults(kafka, org.harassmentwatch.sink.EsConnection.of("http://localhost:9200")))
                .hasMessageContaining("linger.ms").hasMessageContaining("--alert-linger");
    }
}
