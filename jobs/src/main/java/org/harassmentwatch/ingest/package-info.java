/**
 * Ingest: raw records in, validated {@link org.harassmentwatch.ingest.Message}s and
 * {@link org.harassmentwatch.ingest.DeadLetter}s out.
 *
 * <pre>
 * NDJSON files ── NdjsonFormat.fileSource(paths) ──┐
 * Kafka (later) ── RawRecord(value, "kafka:T/P/O") ─┴─► DecodeMessages ──► Message
 *                                                            └─(DEAD_LETTERS)─► DeadLetter ─► DeadLetterJson
 * </pre>
 *
 * <ul>
 *   <li>{@link org.harassmentwatch.ingest.MessageDecoder}: JSON → {@link org.harassmentwatch.ingest.DecodeResult};
 *       the rules and limits are in {@link org.harassmentwatch.ingest.MessageRules}.</li>
 *   <li>{@link org.harassmentwatch.ingest.MessageJson}: canonical JSON and SHA-256 evidence hash of a message.</li>
 *   <li>{@link org.harassmentwatch.ingest.IsoTimestamps}: ISO-8601 with offset ↔ UTC epoch millis.</li>
 * </ul>
 */
package org.harassmentwatch.ingest;
