package org.harassmentwatch.sink;

import java.util.function.Consumer;

/**
 * Warns about retries at a bounded rate: the first retry of an outage at once, then at most one line per interval,
 * saying how many retries went unlogged in between; and one line when a logged outage ends.
 */
final class RetryLog {

    private final Consumer<String> warn;
    private final long intervalMillis;
    private long lastLoggedAtMillis;
    private boolean loggedSinceRecovery;
    private long unlogged;

    RetryLog(Consumer<String> warn, long intervalMillis) {
        this.warn = warn;
        this.intervalMillis = intervalMillis;
    }

    /**
     * A bulk of {@code actions} operations is being sent again.
     *
     * @param attempt      1 for the first retry of this bulk
     * @param reason       why, e.g. {@code ConnectException: Connection refused} or {@code 12 items 429 ...}
     * @param delayMillis  the wait before sending it again
     */
    void retrying(int actions, int attempt, String reason, long delayMillis, long nowMillis) {
        if (loggedSinceRecovery && nowMillis - lastLoggedAtMillis < intervalMillis) {
            unlogged++;
            return;
        }
        warn.accept("Elasticsearch did not take a bulk of " + actions + " action(s): " + reason + "; retry #"
                + attempt + " in " + delayMillis + " ms (blocking the writer until it is taken)"
                + (unlogged > 0 ? "; " + unlogged + " other retries since the last message" : ""));
        lastLoggedAtMillis = nowMillis;
        loggedSinceRecovery = true;
        unlogged = 0;
    }

    /** The bulk was taken after {@code attempts} retries that started at {@code sinceMillis}. */
    void recovered(int actions, int attempts, long sinceMillis, long nowMillis) {
        if (!loggedSinceRecovery) {
            return;
        }
        warn.accept("Elasticsearch took the bulk of " + actions + " action(s) after " + attempts + " retries over "
                + (nowMillis - sinceMillis) + " ms" + (unlogged > 0 ? " (" + unlogged + " retries not logged)" : ""));
        loggedSinceRecovery = false;
        unlogged = 0;
    }
}
