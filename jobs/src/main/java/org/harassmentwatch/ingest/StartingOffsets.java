package org.harassmentwatch.ingest;

import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;

import java.io.Serializable;
import java.time.DateTimeException;
import java.util.Locale;

/**
 * Where the job starts reading a topic when it does not restore from a checkpoint or savepoint (a restore always
 * continues from the offsets in the snapshot):
 * <ul>
 *   <li>{@code committed} — the consumer group's committed offsets; partitions without one start at the earliest
 *       offset (so a new group reads the whole topic, and nothing is skipped);</li>
 *   <li>{@code earliest} / {@code latest};</li>
 *   <li>{@code timestamp:T} — the first record whose Kafka timestamp is ≥ T, with T ISO-8601 with offset
 *       ({@code 2026-03-01T00:00:00Z}) or epoch milliseconds.</li>
 * </ul>
 */
public record StartingOffsets(Kind kind, long timestampMillis) implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final String TIMESTAMP_PREFIX = "timestamp:";

    public enum Kind { COMMITTED, EARLIEST, LATEST, TIMESTAMP }

    public static final StartingOffsets COMMITTED = new StartingOffsets(Kind.COMMITTED, 0);
    public static final StartingOffsets EARLIEST = new StartingOffsets(Kind.EARLIEST, 0);
    public static final StartingOffsets LATEST = new StartingOffsets(Kind.LATEST, 0);

    public StartingOffsets {
        if (kind == Kind.TIMESTAMP && timestampMillis < 0) {
            throw new IllegalArgumentException("starting offsets timestamp must be >= 0 epoch millis, got " + timestampMillis);
        }
    }

    public static StartingOffsets parse(String spec) {
        String s = spec == null ? "" : spec.trim();
        String lower = s.toLowerCase(Locale.ROOT);
        switch (lower) {
            case "committed":
                return COMMITTED;
            case "earliest":
                return EARLIEST;
            case "latest":
                return LATEST;
            default:
                break;
        }
        if (lower.startsWith(TIMESTAMP_PREFIX)) {
            String t = s.substring(TIMESTAMP_PREFIX.length()).trim();
            long millis;
            if (!t.isEmpty() && t.chars().allMatch(Character::isDigit)) {
                try {
                    millis = Long.parseLong(t);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("starting offsets '" + s + "': " + t + " is out of the epoch-millis range");
                }
            } else {
                try {
                    millis = IsoTimestamps.parseEpochMillis(t);
                } catch (DateTimeException e) {
                    throw new IllegalArgumentException("starting offsets '" + s + "': '" + t
                            + "' is neither epoch millis nor ISO-8601 with offset (e.g. 2026-03-01T00:00:00Z)");
                }
            }
            return new StartingOffsets(Kind.TIMESTAMP, millis);
        }
        throw new IllegalArgumentException("starting offsets '" + s
                + "' is not one of committed, earliest, latest, timestamp:<ISO-8601 or epoch millis>");
    }

    @SuppressWarnings("deprecation") // the connector's API still takes the deprecated OffsetResetStrategy
    public OffsetsInitializer initializer() {
        return switch (kind) {
            case COMMITTED -> OffsetsInitializer.committedOffsets(
                    org.apache.kafka.clients.consumer.OffsetResetStrategy.EARLIEST);
            case EARLIEST -> OffsetsInitializer.earliest();
            case LATEST -> OffsetsInitializer.latest();
            case TIMESTAMP -> OffsetsInitializer.timestamp(timestampMillis);
        };
    }

    @Override
    public String toString() {
        return kind == Kind.TIMESTAMP
                ? TIMESTAMP_PREFIX + IsoTimestamps.formatUtcMillis(timestampMillis)
                : kind.name().toLowerCase(Locale.ROOT);
    }
}
