package org.harassmentwatch.sink;

import java.time.Duration;

/** Exponential retry delays: initial, doubled after each use, capped at max; back to initial on {@link #reset()}. */
final class Backoff {

    private final long initialMillis;
    private final long maxMillis;
    private long nextMillis;

    Backoff(Duration initial, Duration max) {
        this.initialMillis = initial.toMillis();
        this.maxMillis = max.toMillis();
        this.nextMillis = initialMillis;
    }

    /** The delay to wait now; the following one is twice as long, up to max. */
    long nextDelayMillis() {
        long delay = nextMillis;
        nextMillis = delay >= maxMillis / 2 ? maxMillis : delay * 2;
        return delay;
    }

    void reset() {
        nextMillis = initialMillis;
    }
}
