package org.harassmentwatch.ingest;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The validation rules for incoming messages and their limits, in one place. {@link MessageDecoder} reads the
 * JSON and checks types; every rule about the values themselves is here and produces the {@link Violation} that
 * becomes a dead letter.
 */
public final class MessageRules implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Default limit on {@code text}: 64 KiB in UTF-8. */
    public static final int DEFAULT_MAX_TEXT_BYTES = 64 * 1024;
    /** Default allowed clock skew: {@code created_at} may be at most this far after "now". */
    public static final Duration DEFAULT_FUTURE_SKEW = Duration.ofDays(1);
    /** Allowed {@code channel} values. */
    public static final List<String> CHANNELS = List.of("reply", "mention", "direct_message", "comment", "post");
    /** Allowed upstream score names (Perspective/Detoxify attribute names). */
    public static final List<String> SCORE_NAMES = List.of(
            "toxicity", "severe_toxicity", "identity_attack", "insult", "profanity", "threat", "sexually_explicit");
    /** Bad values are shown in dead-letter messages up to this many chars. */
    public static final int MAX_SHOWN_VALUE_CHARS = 100;
    /**
     * JSON nesting allowed in a record. Messages need depth 2; the margin is for unknown forward-compatible fields,
     * while deeply nested junk is cut off early (Jackson's own default is 1000).
     */
    public static final int MAX_NESTING_DEPTH = 64;

    public static final MessageRules DEFAULT = new MessageRules(DEFAULT_MAX_TEXT_BYTES, DEFAULT_FUTURE_SKEW);

    private static final Set<String> CHANNEL_SET = Set.copyOf(CHANNELS);
    private static final Set<String> SCORE_NAME_SET = Set.copyOf(SCORE_NAMES);

    private final int maxTextBytes;
    private final long futureSkewMillis;

    public MessageRules(int maxTextBytes, Duration futureSkew) {
        if (maxTextBytes <= 0) {
            throw new IllegalArgumentException("maxTextBytes must be positive, got " + maxTextBytes);
        }
        if (futureSkew == null || futureSkew.isNegative()) {
            throw new IllegalArgumentException("futureSkew must be zero or positive, got " + futureSkew);
        }
        this.maxTextBytes = maxTextBytes;
        this.futureSkewMillis = futureSkew.toMillis();
    }

    public MessageRules withFutureSkew(Duration futureSkew) {
        return new MessageRules(maxTextBytes, futureSkew);
    }

    public MessageRules withMaxTextBytes(int maxTextBytes) {
        return new MessageRules(maxTextBytes, Duration.ofMillis(futureSkewMillis));
    }

    public int maxTextBytes() {
        return maxTextBytes;
    }

    public Duration futureSkew() {
        return Duration.ofMillis(futureSkewMillis);
    }

    // ---- rules; each returns null when the value is fine ----

    /** A required string field: present, not null, not blank. */
    Violation checkRequired(String field, String value, boolean wasNull) {
        if (value == null) {
            return new Violation(DeadLetterReason.MISSING_FIELD, field,
                    field + (wasNull ? ": required field is null" : ": required field is missing"));
        }
        if (value.isBlank()) {
            return new Violation(DeadLetterReason.EMPTY_FIELD, field,
                    field + ": " + show(value) + " is " + (value.isEmpty() ? "empty" : "blank"));
        }
        return null;
    }

    /**
     * At least one non-blank target. {@code nonBlankTargets} is null when the field was absent or null;
     * {@code shownValue} is the array as sent, for the message.
     */
    Violation checkHasTarget(String field, List<String> nonBlankTargets, boolean wasNull, String shownValue) {
        if (nonBlankTargets == null) {
            return new Violation(DeadLetterReason.NO_TARGET, field, field
                    + (wasNull ? ": is null" : ": is missing") + ", a message needs at least one target");
        }
        if (nonBlankTargets.isEmpty()) {
            return new Violation(DeadLetterReason.NO_TARGET, field, field + ": " + shownValue
                    + " has no non-blank target, a message needs at least one target");
        }
        return null;
    }

    Violation checkText(String field, String text) {
        if (Texts.utf8LongerThan(text, maxTextBytes)) {
            return new Violation(DeadLetterReason.TEXT_TOO_LONG, field, field + ": " + show(text) + " is "
                    + Texts.utf8Length(text) + " bytes in UTF-8, over the limit of " + maxTextBytes);
        }
        return null;
    }

    Violation badTimestamp(String field, String value) {
        String why = IsoTimestamps.isLocalDateTime(value)
                ? " has no UTC offset (add Z or ±HH:MM)"
                : " is not an ISO-8601 timestamp with offset";
        return new Violation(DeadLetterReason.BAD_TIMESTAMP, field, field + ": " + show(value) + why);
    }

    Violation checkNotInFuture(String field, String value, long epochMillis, long nowMillis) {
        if (epochMillis - nowMillis > futureSkewMillis) {
            return new Violation(DeadLetterReason.FUTURE_TIMESTAMP, field, field + ": " + show(value)
                    + " is more than " + humanDuration(futureSkewMillis) + " after the processing time "
                    + IsoTimestamps.formatUtcMillis(nowMillis));
        }
        return null;
    }

    Violation checkChannel(String field, String channel) {
        if (!CHANNEL_SET.contains(channel)) {
            return new Violation(DeadLetterReason.BAD_VALUE, field,
                    field + ": " + show(channel) + " is not one of " + String.join(", ", CHANNELS));
        }
        return null;
    }

    Violation checkScoreName(String field, String name) {
        if (!SCORE_NAME_SET.contains(name)) {
            return new Violation(DeadLetterReason.SCORE_OUT_OF_RANGE, field, field + ": " + show(name)
                    + " is not a known score name, expected one of " + String.join(", ", SCORE_NAMES));
        }
        return null;
    }

    Violation checkScoreValue(String field, String name, double value, String shownValue) {
        if (!(value >= 0.0 && value <= 1.0)) {
            return new Violation(DeadLetterReason.SCORE_OUT_OF_RANGE, field,
                    field + "." + name + ": " + shownValue + " is not in 0..1");
        }
        return null;
    }

    Violation scoreNotANumber(String field, String name, String shownValue, String typeName) {
        return new Violation(DeadLetterReason.SCORE_OUT_OF_RANGE, field,
                field + "." + name + ": " + shownValue + " is " + typeName + ", expected a number in 0..1");
    }

    static String show(String value) {
        return Texts.quote(value, MAX_SHOWN_VALUE_CHARS);
    }

    /** "1d", "36h", "90m", "15s", "250ms": the skew as an operator would write it. */
    static String humanDuration(long millis) {
        if (millis % 86_400_000L == 0 && millis > 0) {
            return millis / 86_400_000L + "d";
        }
        if (millis % 3_600_000L == 0 && millis > 0) {
            return millis / 3_600_000L + "h";
        }
        if (millis % 60_000L == 0 && millis > 0) {
            return millis / 60_000L + "m";
        }
        if (millis % 1000L == 0) {
            return millis / 1000L + "s";
        }
        return millis + "ms";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MessageRules other
                && other.maxTextBytes == maxTextBytes && other.futureSkewMillis == futureSkewMillis;
    }

    @Override
    public int hashCode() {
        return 31 * maxTextBytes + Long.hashCode(futureSkewMillis);
    }

    @Override
    public String toString() {
        return "MessageRules{maxTextBytes=" + maxTextBytes + ", futureSkew=" + humanDuration(futureSkewMillis) + "}";
    }
}
