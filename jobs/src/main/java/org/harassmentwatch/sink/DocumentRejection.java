package org.harassmentwatch.sink;

import java.util.Objects;

/**
 * Elasticsearch refused a document for good (a 4xx other than a version conflict on an externally versioned write),
 * e.g. a strict mapping rejecting an undeclared field.
 *
 * @param request    the operation as sent
 * @param status     the item's HTTP status, e.g. 400
 * @param errorType  Elasticsearch's error type, e.g. {@code strict_dynamic_mapping_exception}
 * @param reason     Elasticsearch's reason, with its causes appended ({@code ; caused by [type] reason})
 */
public record DocumentRejection(IndexRequestSpec request, int status, String errorType, String reason) {

    public DocumentRejection {
        Objects.requireNonNull(request, "request");
        errorType = errorType == null ? "unknown_error" : errorType;
        reason = reason == null ? "(no reason given)" : reason;
    }

    /** {@code error_type: reason}, as put in dead letters and logs. */
    public String describe() {
        return errorType + ": " + reason;
    }
}
