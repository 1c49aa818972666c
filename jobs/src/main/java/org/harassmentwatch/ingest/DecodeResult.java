package org.harassmentwatch.ingest;

/** What decoding one raw record gives: a valid {@link Message} or a {@link DeadLetter} saying why not. */
public sealed interface DecodeResult permits DecodeResult.Decoded, DecodeResult.Rejected {

    /** The record is a valid message. */
    record Decoded(Message message) implements DecodeResult {
    }

    /** The record was rejected; the dead letter names the reason, field, bad value and position. */
    record Rejected(DeadLetter deadLetter) implements DecodeResult {
    }
}
