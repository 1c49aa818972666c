package org.harassmentwatch.job;

import org.harassmentwatch.ingest.KafkaClientConfig;

import java.io.Serializable;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * The streaming job's hand-off delays between the message's append to Kafka and its alert's append, other than the
 * watermark lag ({@code --max-out-of-orderness}, in {@link HarassmentCampaignJob.Settings}). Every detector orders its
 * input by event time and waits for the watermark, so an alert leaves at the earliest when the watermark has passed
 * the threshold-crossing message; each setting below adds up to its own length on top of that lag:
 *
 * @param watermarkInterval how often the Kafka source emits its watermark ({@code pipeline.auto-watermark-interval}):
 *                          the watermark that releases a message can trail it by up to one interval
 * @param bufferTimeout     how long a network buffer between operators may wait to fill before it is sent
 *                          ({@code execution.buffer-timeout.interval}); the job has four keyed exchanges on the way to
 *                          the alert, and a quiet channel (the watermark alone) waits the whole timeout. 0 flushes
 *                          after every record (lowest latency, most CPU)
 * @param fetchMaxWait      the consumer's {@code fetch.max.wait.ms}: how long the broker holds a fetch that has no
 *                          data yet
 * @param alertLinger       the alert producer's {@code linger.ms}: how long it waits to batch alerts
 */
public record LatencySettings(Duration watermarkInterval, Duration bufferTimeout, Duration fetchMaxWait,
                              Duration alertLinger) implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Flink's and Kafka's own defaults: throughput first, up to about a second on top of the watermark lag. */
    public static final Duration DEFAULT_WATERMARK_INTERVAL = Duration.ofMillis(200);
    public static final Duration DEFAULT_BUFFER_TIMEOUT = Duration.ofMillis(100);
    public static final Duration DEFAULT_FETCH_MAX_WAIT = Duration.ofMillis(500);
    public static final Duration DEFAULT_ALERT_LINGER = Duration.ofMillis(5);

    /** Kafka properties these settings own: giving them also as {@code --kafka-property} would be ambiguous. */
    static final Map<String, String> KAFKA_PROPERTIES = Map.of(
            "fetch.max.wait.ms", "--fetch-max-wait", "linger.ms", "--alert-linger");

    public LatencySettings {
        Objects.requireNonNull(watermarkInterval, "watermarkInterval");
        Objects.requireNonNull(bufferTimeout, "bufferTimeout");
        Objects.requireNonNull(fetchMaxWait, "fetchMaxWait");
        Objects.requireNonNull(alertLinger, "alertLinger");
        // 0 would turn periodic watermarks off: the detectors would never release anything.
        if (watermarkInterval.toMillis() < 1) {
            throw new IllegalArgumentException("--watermark-interval must be at least 1ms, got " + watermarkInterval);
        }
        requireMillis(bufferTimeout, "--buffer-timeout");
        requireMillis(fetchMaxWait, "--fetch-max-wait");
        requireMillis(alertLinger, "--alert-linger");
    }

    public static LatencySettings defaults() {
        return new LatencySettings(DEFAULT_WATERMARK_INTERVAL, DEFAULT_BUFFER_TIMEOUT, DEFAULT_FETCH_MAX_WAIT,
                DEFAULT_ALERT_LINGER);
    }

    /** Fails when a Kafka property these settings own is also among the client's extra properties. */
    public void checkNoConflict(KafkaClientConfig kafka) {
        KAFKA_PROPERTIES.forEach((property, option) -> {
            if (kafka.properties().containsKey(property)) {
                throw new IllegalArgumentException("Kafka property " + property + " is set by " + option
                        + ": give it there, not as --kafka-property");
            }
        });
    }

    private static void requireMillis(Duration d, String option) {
        if (d.isNegative() || d.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(option + " must be between 0ms and " + Integer.MAX_VALUE
                    + "ms, got " + d);
        }
    }

    @Override
    public String toString() {
        return "watermark interval " + watermarkInterval.toMillis() + " ms, buffer timeout " + bufferTimeout.toMillis()
                + " ms, fetch max wait " + fetchMaxWait.toMillis() + " ms, alert linger " + alertLinger.toMillis() + " ms";
    }
}
