package org.harassmentwatch.sink;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * How the Elasticsearch sink batches and retries.
 *
 * <p>A batch is sent when it holds {@code maxActions} operations, when the next document would take it past
 * {@code maxBytes} (a single larger document goes alone), or {@code flushInterval} after its first operation,
 * whichever comes first. At most {@code maxInFlight} bulk requests are outstanding; the writer blocks when one more
 * batch is full (backpressure), so a writer holds at most {@code (maxInFlight + 1) × maxBytes} of documents.
 *
 * <p>Failed requests and failed items (connection refused, 429, 5xx) are retried forever with a delay starting at
 * {@code initialBackoff} and doubling up to {@code maxBackoff}.
 *
 * <p>{@code maxInFlight > 1} overlaps requests, and then a retried item may be applied after a newer operation on the
 * same id from a later batch. That is harmless for externally versioned documents and for ids whose content never
 * changes; keep 1 when a plain (unversioned) document is rewritten with new content under the same id.
 */
public record BulkSettings(
        int maxActions,
        long maxBytes,
        Duration flushInterval,
        Duration initialBackoff,
        Duration maxBackoff,
        int maxInFlight) implements Serializable {

    private static final long serialVersionUID = 1L;

    public static final int DEFAULT_MAX_ACTIONS = 1000;
    public static final long DEFAULT_MAX_BYTES = 5L * 1024 * 1024;
    public static final Duration DEFAULT_FLUSH_INTERVAL = Duration.ofSeconds(1);
    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(100);
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(30);
    public static final int DEFAULT_MAX_IN_FLIGHT = 1;

    public BulkSettings {
        if (maxActions < 1) {
            throw new IllegalArgumentException("bulk maxActions must be >= 1, got " + maxActions);
        }
        if (maxBytes < 1) {
            throw new IllegalArgumentException("bulk maxBytes must be >= 1, got " + maxBytes);
        }
        positive(flushInterval, "flushInterval");
        positive(initialBackoff, "initialBackoff");
        positive(maxBackoff, "maxBackoff");
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("bulk maxBackoff (" + maxBackoff
                    + ") must not be shorter than initialBackoff (" + initialBackoff + ")");
        }
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("bulk maxInFlight must be >= 1, got " + maxInFlight);
        }
    }

    /** 1000 actions, 5 MB, 1 s, backoff 100 ms doubling to 30 s, 1 request in flight. */
    public static BulkSettings defaults() {
        return new BulkSettings(DEFAULT_MAX_ACTIONS, DEFAULT_MAX_BYTES, DEFAULT_FLUSH_INTERVAL,
                DEFAULT_INITIAL_BACKOFF, DEFAULT_MAX_BACKOFF, DEFAULT_MAX_IN_FLIGHT);
    }

    public BulkSettings withMaxActions(int value) {
        return new BulkSettings(value, maxBytes, flushInterval, initialBackoff, maxBackoff, maxInFlight);
    }

    public BulkSettings withMaxBytes(long value) {
        return new BulkSettings(maxActions, value, flushInterval, initialBackoff, maxBackoff, maxInFlight);
    }

    public BulkSettings withFlushInterval(Duration value) {
        return new BulkSettings(maxActions, maxBytes, value, initialBackoff, maxBackoff, maxInFlight);
    }

    public BulkSettings withBackoff(Duration initial, Duration max) {
        return new BulkSettings(maxActions, maxBytes, flushInterval, initial, max, maxInFlight);
    }

    public BulkSettings withMaxInFlight(int value) {
        return new BulkSettings(maxActions, maxBytes, flushInterval, initialBackoff, maxBackoff, value);
    }

    private static void positive(Duration value, String name) {
        Objects.requireNonNull(value, () -> "bulk " + name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("bulk " + name + " must be positive, got " + value);
        }
    }
}
