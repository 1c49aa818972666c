package org.harassmentwatch.cli;

import org.harassmentwatch.job.LatencySettings;
import picocli.CommandLine.Option;

import java.time.Duration;

/**
 * How long records may wait between Kafka, the job's operators and the alert topic, on top of the watermark lag.
 * Defaults and validation live in {@link LatencySettings}.
 */
public class LatencyOptions {

    @Option(names = "--watermark-interval", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "How often the Kafka source emits its watermark (pipeline.auto-watermark-interval); an alert "
                    + "can wait up to this long on top of --max-out-of-orderness. Default: 200ms.")
    Duration watermarkInterval = LatencySettings.DEFAULT_WATERMARK_INTERVAL;

    @Option(names = "--buffer-timeout", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "Longest wait of a network buffer between operators before it is sent "
                    + "(execution.buffer-timeout.interval; 0ms = after every record, most CPU). Default: 100ms.")
    Duration bufferTimeout = LatencySettings.DEFAULT_BUFFER_TIMEOUT;

    @Option(names = "--fetch-max-wait", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "How long the broker may hold the consumer's fetch while it has no new data "
                    + "(fetch.max.wait.ms). Default: 500ms.")
    Duration fetchMaxWait = LatencySettings.DEFAULT_FETCH_MAX_WAIT;

    @Option(names = "--alert-linger", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "How long the alert producer waits to batch alerts (linger.ms). Default: 5ms.")
    Duration alertLinger = LatencySettings.DEFAULT_ALERT_LINGER;

    LatencySettings toSettings() {
        return new LatencySettings(watermarkInterval, bufferTimeout, fetchMaxWait, alertLinger);
    }
}
