package org.harassmentwatch.ingest;

/**
 * Why one message is rejected: the reason, the top-level JSON field at fault (null when the record as a whole is
 * bad) and a message naming the field and the bad value.
 */
record Violation(DeadLetterReason reason, String field, String message) {

    DeadLetter toDeadLetter(String raw, String source, long failedAt) {
        return DeadLetter.of(reason, field, message, raw, source, failedAt);
    }

    DeadLetter toDeadLetter(byte[] raw, String source, long failedAt) {
        return DeadLetter.of(reason, field, message, raw, source, failedAt);
    }
}
