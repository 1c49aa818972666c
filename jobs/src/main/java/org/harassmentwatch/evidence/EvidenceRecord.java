package org.harassmentwatch.evidence;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Comparator;

/**
 * One evidence message of a campaign: its evidence document as stored, the canonical message record rebuilt from
 * it (one line of {@code messages.ndjson}), and both hashes.
 *
 * @param messageId     the message id
 * @param createdAt     when it was sent (UTC epoch millis)
 * @param canonicalJson the canonical message record ({@link org.harassmentwatch.ingest.MessageJson}), no newline
 * @param sha256        SHA-256 of {@code canonicalJson} as UTF-8, recomputed at export
 * @param sealedSha256  {@code record_sha256} of the evidence document: the hash the detector sealed when it read the
 *                      message
 * @param document      the evidence document as Elasticsearch returned it (scores, categories, ingestion time, ...)
 */
public record EvidenceRecord(String messageId, long createdAt, String canonicalJson, String sha256,
                             String sealedSha256, ObjectNode document) {

    /** Package order: time sent, then message id (code-point order), as the Elasticsearch query sorts them. */
    public static final Comparator<EvidenceRecord> ORDER = Comparator.comparingLong(EvidenceRecord::createdAt)
            .thenComparing(EvidenceRecord::messageId, CanonicalJson::compareCodePoints);

    /** Whether the record rebuilt from the document hashes to the seal it carries. */
    public boolean matchesSeal() {
        return sha256.equals(sealedSha256);
    }
}
