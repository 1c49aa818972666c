package org.harassmentwatch.ingest;

import java.nio.charset.StandardCharsets;

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

    /** A dead letter for text input: keeps at most {@link #MAX_RAW_CHARS} chars of it, counts its UTF-8 bytes. */
    public static DeadLetter of(DeadLetterReason reason, String field, String message,
                                String rawInput, String source, long failedAt) {
        String raw = rawInput == null ? "" : rawInput;
        String kept = Texts.truncate(raw, MAX_RAW_CHARS);
        return new DeadLetter(reason.name(), field, message, kept, kept.length() < raw.length(),
                Texts.utf8Length(raw), source, failedAt);
    }

    /**
     * A dead letter for byte input: decodes (leniently: bad UTF-8 becomes U+FFFD) only the prefix it keeps, so a
     * huge record costs no more than a small one.
     */
    public static DeadLetter of(DeadLetterReason reason, String field, String message,
                                byte[] rawInput, String source, long failedAt) {
        byte[] raw = rawInput == null ? new byte[0] : rawInput;
        // A char takes at most 3 bytes (a 4-byte sequence yields 2 chars), so this prefix holds MAX_RAW_CHARS chars.
        int prefixBytes = (int) Math.min(raw.length, 3L * MAX_RAW_CHARS + 3);
        String decoded = new String(raw, 0, prefixBytes, StandardCharsets.UTF_8);
        String kept = Texts.truncate(decoded, MAX_RAW_CHARS);
        boolean truncated = prefixBytes < raw.length || kept.length() < decoded.length();
        return new DeadLetter(reason.name(), field, message, kept, truncated, raw.length, source, failedAt);
    }

    /** The reason as the enum, for code that switches on it. */
    public DeadLetterReason reason() {
        return DeadLetterReason.valueOf(errorCode);
    }
}
