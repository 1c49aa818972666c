package org.harassmentwatch.ingest;

import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;
import org.apache.flink.api.common.eventtime.TimestampAssigner;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;

/**
 * Event time of a raw record, read straight from its top-level {@code "created_at"} before decoding, so that a
 * source can generate watermarks per split (per Kafka partition, per file): one partition read ahead of another
 * then cannot make the other's messages late.
 *
 * <p>It is a hint for the watermark only — the decoder stays the judge of validity, and detectors order by the
 * decoded {@code created_at}. A record whose time cannot be read cheaply (not an object, no or non-text
 * {@code created_at}, escapes in the value, not ISO-8601 with offset) or lies more than the future skew after now
 * (a FUTURE_TIMESTAMP dead letter to be) gets {@link TimestampAssigner#NO_TIMESTAMP}, which never advances a
 * watermark. Caveat: a record that the decoder rejects for another reason (say a missing text) still advances the
 * watermark to its claimed, plausible time — as a valid message with that time would.
 */
public final class RawEventTime implements SerializableTimestampAssigner<RawRecord> {

    private static final long serialVersionUID = 1L;
    private static final String KEY = "created_at";

    private final long futureSkewMillis;
    private final Clock clock;

    /** With the decoder's future skew and the system clock (the decoder's "now" is processing time, too). */
    public RawEventTime(MessageRules rules) {
        this(rules.futureSkew(), Clock.systemUTC());
    }

    public RawEventTime(Duration futureSkew, Clock clock) {
        this.futureSkewMillis = futureSkew.toMillis();
        this.clock = clock;
    }

    @Override
    public long extractTimestamp(RawRecord record, long recordTimestamp) {
        long createdAt = createdAtMillis(record.value());
        if (createdAt == NO_TIMESTAMP || createdAt - clock.millis() > futureSkewMillis) {
            return NO_TIMESTAMP;
        }
        return createdAt;
    }

    /**
     * The top-level {@code created_at} of a JSON object as UTC epoch millis, or {@link TimestampAssigner#NO_TIMESTAMP}.
     * One pass that tracks strings and nesting, so a {@code created_at} inside a text or a nested object is not taken.
     */
    public static long createdAtMillis(String json) {
        if (json == null) {
            return NO_TIMESTAMP;
        }
        int n = json.length();
        int i = skipWhitespace(json, 0);
        if (i < n && json.charAt(i) == '\uFEFF') {
            i = skipWhitespace(json, i + 1);
        }
        if (i >= n || json.charAt(i) != '{') {
            return NO_TIMESTAMP;
        }
        int depth = 0;
        boolean keyExpected = false;
        while (i < n) {
            char c = json.charAt(i);
            if (c == '"') {
                int end = closingQuote(json, i + 1);
                if (end < 0) {
                    return NO_TIMESTAMP;
                }
                if (depth == 1 && keyExpected) {
                    keyExpected = false;
                    if (end - i - 1 == KEY.length() && json.startsWith(KEY, i + 1)) {
                        return valueAfterKey(json, end + 1);
                    }
                }
                i = end + 1;
                continue;
            }
            switch (c) {
                case '{', '[' -> {
                    depth++;
                    keyExpected = depth == 1;
                }
                case '}', ']' -> depth--;
                case ',' -> keyExpected = depth == 1;
                default -> {
                }
            }
            i++;
        }
        return NO_TIMESTAMP;
    }

    private static long valueAfterKey(String json, int from) {
        int i = skipWhitespace(json, from);
        if (i >= json.length() || json.charAt(i) != ':') {
            return NO_TIMESTAMP;
        }
        i = skipWhitespace(json, i + 1);
        if (i >= json.length() || json.charAt(i) != '"') {
            return NO_TIMESTAMP;
        }
        int end = closingQuote(json, i + 1);
        if (end < 0) {
            return NO_TIMESTAMP;
        }
        int escape = json.indexOf('\\', i + 1);
        if (escape >= 0 && escape < end) {
            return NO_TIMESTAMP; // an escaped timestamp is legal JSON but not worth decoding here
        }
        try {
            return IsoTimestamps.parseEpochMillis(json.substring(i + 1, end));
        } catch (DateTimeException e) {
            return NO_TIMESTAMP;
        }
    }

    /**
     * The next unescaped quote at or after {@code from}: {@code indexOf} (vectorised by the JIT) finds candidates, and a
     * candidate is escaped when an odd number of backslashes, counted back to {@code from}, stands before it.
     */
    static int closingQuote(String json, int from) {
        int q = json.indexOf('"', from);
        while (q >= 0) {
            int backslashes = 0;
            for (int i = q - 1; i >= from && json.charAt(i) == '\\'; i--) {
                backslashes++;
            }
            if ((backslashes & 1) == 0) {
                return q;
            }
            q = json.indexOf('"', q + 1);
        }
        return -1;
    }

    private static int skipWhitespace(String json, int from) {
        int i = from;
        while (i < json.length()) {
            char c = json.charAt(i);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                break;
            }
            i++;
        }
        return i;
    }
}
