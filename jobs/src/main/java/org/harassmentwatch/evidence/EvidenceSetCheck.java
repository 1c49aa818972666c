package org.harassmentwatch.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.harassmentwatch.detect.Hashing;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Whether the exported records are exactly the evidence set the campaign document seals. The detector keeps, per
 * campaign, the SHA-256 of one line {@code "<message id> <record sha256>\n"} per evidence message in message-id
 * order ({@code evidence.manifest_sha256}, with the exact count in {@code evidence.count}); recomputing it from the
 * exported records ties them to the campaign document independently of the per-record seals.
 *
 * @param status                 the outcome
 * @param campaignCount          {@code evidence.count} of the campaign document, or -1 when absent
 * @param exported               records in the package
 * @param campaignManifestSha256 {@code evidence.manifest_sha256} of the campaign document, or null
 * @param recomputedSha256       the same hash over the exported records
 */
public record EvidenceSetCheck(Status status, int campaignCount, int exported, String campaignManifestSha256,
                               String recomputedSha256) {

    public enum Status {
        /** Same count and same hash: the package holds the campaign's whole evidence set, unchanged. */
        MATCH("the exported records are exactly the campaign's sealed evidence set"),
        /** Same count (or more records than the campaign counts) but a different set or different records. */
        MISMATCH("the exported records are NOT the evidence set the campaign document seals"),
        /** The evidence index held fewer messages than the campaign counts: the set cannot be checked as a whole. */
        INCOMPLETE("the evidence index holds fewer messages than the campaign counts; the set cannot be checked whole"),
        /** The campaign document carries no evidence count or manifest hash. */
        NOT_CHECKED("the campaign document carries no evidence manifest to check against");

        private final String meaning;

        Status(String meaning) {
            this.meaning = meaning;
        }

        public String meaning() {
            return meaning;
        }
    }

    /**
     * @param campaign       the campaign document
     * @param recordHashes   record SHA-256 by message id, of the exported records
     */
    public static EvidenceSetCheck of(JsonNode campaign, Map<String, String> recordHashes) {
        JsonNode evidence = campaign.path("evidence");
        int count = evidence.path("count").isIntegralNumber() ? evidence.path("count").intValue() : -1;
        String sealed = evidence.path("manifest_sha256").isTextual() ? evidence.path("manifest_sha256").textValue() : null;
        String recomputed = manifestSha256(recordHashes);
        int exported = recordHashes.size();
        Status status;
        if (count < 0 || sealed == null) {
            status = Status.NOT_CHECKED;
        } else if (exported < count) {
            status = Status.INCOMPLETE;
        } else {
            status = exported == count && sealed.equals(recomputed) ? Status.MATCH : Status.MISMATCH;
        }
        return new EvidenceSetCheck(status, count, exported, sealed, recomputed);
    }

    /** The campaign evidence manifest hash over (message id, record hash) pairs, in String order of the ids. */
    static String manifestSha256(Map<String, String> recordHashes) {
        SortedMap<String, String> sorted = new TreeMap<>(recordHashes);
        StringBuilder lines = new StringBuilder(sorted.size() * 80);
        sorted.forEach((id, sha) -> lines.append(id).append(' ').append(sha).append('\n'));
        return Hashing.sha256Hex(lines.toString());
    }

    ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("result", status.name().toLowerCase(java.util.Locale.ROOT));
        json.put("meaning", status.meaning());
        json.put("campaign_evidence_count", campaignCount);
        json.put("exported_records", exported);
        if (campaignManifestSha256 != null) {
            json.put("campaign_manifest_sha256", campaignManifestSha256);
        }
        json.put("recomputed_manifest_sha256", recomputedSha256);
        return json;
    }
}
