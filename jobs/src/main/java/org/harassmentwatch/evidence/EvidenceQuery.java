package org.harassmentwatch.evidence;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Objects;

/**
 * What an export reads: the campaign document by id, and every evidence document of that campaign id, sorted by
 * time sent then message id and paged with a point in time and {@code search_after} (a consistent snapshot even
 * while the job keeps writing). Recorded in the manifest as {@link #toJson()}, so a third party can repeat it.
 *
 * @param campaignsIndex index (or alias) of the campaign documents
 * @param evidenceIndex  index (or alias) of the evidence documents
 * @param campaignId     the campaign id (document {@code _id} and {@code campaign_id})
 * @param pageSize       evidence documents per page
 */
public record EvidenceQuery(String campaignsIndex, String evidenceIndex, String campaignId, int pageSize) {

    public static final int DEFAULT_PAGE_SIZE = 500;
    public static final String POINT_IN_TIME_KEEP_ALIVE = "2m";

    public EvidenceQuery {
        requireText(campaignsIndex, "campaignsIndex");
        requireText(evidenceIndex, "evidenceIndex");
        requireText(campaignId, "campaign id");
        if (pageSize < 1 || pageSize > 10_000) {
            throw new IllegalArgumentException("page size must be 1..10000, got " + pageSize);
        }
    }

    /** The indices a {@code PREFIX} gives ({@code hw-campaigns}, {@code hw-evidence} for {@code hw-}). */
    public static EvidenceQuery forPrefix(String prefix, String campaignId, int pageSize) {
        Objects.requireNonNull(prefix, "prefix");
        return new EvidenceQuery(prefix + "campaigns", prefix + "evidence", campaignId, pageSize);
    }

    /** The requests as Elasticsearch REST calls, for the manifest. */
    public ObjectNode toJson() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode json = f.objectNode();
        ObjectNode campaign = json.putObject("campaign");
        campaign.put("request", "GET /" + campaignsIndex + "/_doc/" + campaignId);
        ObjectNode evidence = json.putObject("evidence");
        evidence.put("request", "POST /_search (point in time over " + evidenceIndex + ", keep_alive "
                + POINT_IN_TIME_KEEP_ALIVE + ", pages of " + pageSize + " with search_after)");
        evidence.put("index", evidenceIndex);
        ObjectNode body = evidence.putObject("body");
        body.putObject("query").putObject("term").put("campaign_id", campaignId);
        ArrayNode sort = body.putArray("sort");
        sort.addObject().put("created_at", "asc");
        sort.addObject().put("message_id", "asc");
        body.put("size", pageSize);
        return json;
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank, got '" + value + "'");
        }
    }
}
