package org.harassmentwatch.sink;

/** What one bulk item's answer means for the document. */
public enum ItemOutcome {
    /** 2xx: stored. */
    WRITTEN,
    /** 409 version conflict on an externally versioned write: an equal or newer version is stored already. */
    STALE_VERSION_SKIPPED,
    /** 429 or 5xx: the node could not take it now; send this item again. */
    RETRY,
    /** Any other status (mapping or validation error): sending it again cannot help; hand it to the rejection handler. */
    REJECTED;

    static final String VERSION_CONFLICT = "version_conflict_engine_exception";

    /**
     * Classifies one item.
     *
     * @param status               the item's HTTP status
     * @param errorType            the item's {@code error.type}, or null
     * @param externallyVersioned  whether the operation was sent with {@code version_type=external}
     */
    public static ItemOutcome of(int status, String errorType, boolean externallyVersioned) {
        if (status >= 200 && status < 300) {
            return WRITTEN;
        }
        if (status == 409 && externallyVersioned && VERSION_CONFLICT.equals(errorType)) {
            return STALE_VERSION_SKIPPED;
        }
        if (isRetryableStatus(status)) {
            return RETRY;
        }
        return REJECTED;
    }

    /** Statuses that mean "not now" rather than "never": 429 (queue full, disk flood stage) and every 5xx. */
    public static boolean isRetryableStatus(int status) {
        return status == 429 || (status >= 500 && status < 600);
    }
}
