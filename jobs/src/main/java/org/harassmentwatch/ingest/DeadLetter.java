package org.harassmentwatch.ingest;

/**
 * A record that could not be used, with why and where it came from. Never dropped: dead letters go to
 * their own output (file, Kafka topic, Elasticsearch index).
 *
 * @param errorCode    machine-readable reason, see {@link DeadLetterReason}
 * @param field        the offending field (JSON name), or null when the record as a whole is bad
 * @param message      human-readable reason naming the field and the bad value
 * @param rawInput     the raw input, truncated to {@link #MAX_RAW_CHARS} characters
 * @param rawTruncated whether {@code rawInput} was truncated
 * @param rawBytes     size of the original raw input in bytes
 * @param source       where it was read: "file:PATH:LINE" or "kafka:TOPIC/PARTITION/OFFSET"
 * @param failedAt     when it was rejected (UTC epoch millis)
 */
public record DeadLetter(
        String errorCode,
        String field,
        String message,
        String rawInput,
        boolean rawTruncated,
        long rawBytes,
        String source,
        long failedAt) {

    /** Raw input kept in a dead letter: enough to see the problem, bounded so one huge record cannot hurt. */
    public static final int MAX_RAW_CHARS = 4096;
}
