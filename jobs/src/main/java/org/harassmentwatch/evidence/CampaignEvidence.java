package org.harassmentwatch.evidence;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Objects;

/**
 * Everything an evidence package is made from: the campaign document and its evidence documents as Elasticsearch
 * returned them, and the query that found them.
 *
 * @param campaign          the campaign document ({@code _source})
 * @param evidenceDocuments the evidence documents ({@code _source}), in any order
 * @param query             how they were read
 */
public record CampaignEvidence(ObjectNode campaign, List<ObjectNode> evidenceDocuments, EvidenceQuery query) {

    public CampaignEvidence {
        Objects.requireNonNull(campaign, "campaign");
        Objects.requireNonNull(query, "query");
        evidenceDocuments = List.copyOf(evidenceDocuments);
        String id = campaign.path("campaign_id").asText(null);
        if (!query.campaignId().equals(id)) {
            throw new IllegalArgumentException("campaign document has campaign_id '" + id + "', the query asked for '"
                    + query.campaignId() + "'");
        }
    }
}
