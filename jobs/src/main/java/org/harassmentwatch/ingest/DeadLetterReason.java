package org.harassmentwatch.ingest;

/** Why a record went to the dead-letter output. The name is the {@code errorCode} written out. */
public enum DeadLetterReason {
    /** Not parseable as one JSON object. */
    MALFORMED_JSON,
    /** A required field is absent or JSON null. */
    MISSING_FIELD,
    /** A required field is present but empty or blank. */
    EMPTY_FIELD,
    /** A field has the wrong JSON type (e.g. a number where text is expected). */
    WRONG_TYPE,
    /** A timestamp is not ISO-8601 with an offset. */
    BAD_TIMESTAMP,
    /** created_at is more than the allowed skew (1 day) in the future. */
    FUTURE_TIMESTAMP,
    /** text is longer than 64 KiB in UTF-8. */
    TEXT_TOO_LONG,
    /** An upstream score is not a number in 0..1, or has an unknown name. */
    SCORE_OUT_OF_RANGE,
    /** target_ids is missing or empty. */
    NO_TARGET,
    /** A field value is not one of the allowed values (e.g. channel). */
    BAD_VALUE,
    /** Elasticsearch rejected the derived document (mapping/validation error); the reason is the index's. */
    INDEX_REJECTED
}
