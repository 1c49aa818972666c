package org.harassmentwatch.evidence;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch.core.GetResponse;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.harassmentwatch.sink.ElasticsearchClients;
import org.harassmentwatch.sink.EsConnection;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads a campaign and its evidence documents from Elasticsearch as {@link EvidenceQuery} describes: the campaign
 * by id, the evidence through a point in time (one consistent snapshot while the job may still be writing) in
 * pages with {@code search_after}, sorted by {@code created_at} then {@code message_id}.
 *
 * <p>Documents are read with {@link CanonicalJson#mapper()}, so numbers keep the exact text Elasticsearch stored.
 */
public final class ElasticsearchEvidenceReader {

    private final ElasticsearchClient client;

    /** Reads with {@code client}, which must deserialize documents with {@link CanonicalJson#mapper()}. */
    public ElasticsearchEvidenceReader(ElasticsearchClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    /** A client for {@code connection} with the exact-number mapper this reader needs; the caller closes it. */
    public static ElasticsearchClient client(EsConnection connection) {
        return ElasticsearchClients.create(connection, CanonicalJson.mapper());
    }

    /**
     * @throws EvidenceNotFoundException when the campaign or an index does not exist
     * @throws IOException               when Elasticsearch cannot be reached
     */
    public CampaignEvidence read(EvidenceQuery query) throws IOException {
        ObjectNode campaign = campaign(query);
        return new CampaignEvidence(campaign, evidence(query), query);
    }

    private ObjectNode campaign(EvidenceQuery query) throws IOException {
        GetResponse<ObjectNode> got;
        try {
            got = client.get(g -> g.index(query.campaignsIndex()).id(query.campaignId()), ObjectNode.class);
        } catch (ElasticsearchException e) {
            throw notFound(e, query.campaignsIndex());
        }
        if (!got.found() || got.source() == null) {
            throw new EvidenceNotFoundException("campaign '" + query.campaignId() + "' is not in index "
                    + query.campaignsIndex());
        }
        return got.source();
    }

    private List<ObjectNode> evidence(EvidenceQuery query) throws IOException {
        String pit;
        try {
            pit = client.openPointInTime(o -> o.index(query.evidenceIndex())
                    .keepAlive(t -> t.time(EvidenceQuery.POINT_IN_TIME_KEEP_ALIVE))).id();
        } catch (ElasticsearchException e) {
            throw notFound(e, query.evidenceIndex());
        }
        List<ObjectNode> documents = new ArrayList<>();
        try {
            List<FieldValue> after = null;
            while (true) {
                String pitId = pit;
                List<FieldValue> searchAfter = after;
                SearchResponse<ObjectNode> page = client.search(s -> {
                    s.pit(p -> p.id(pitId).keepAlive(t -> t.time(EvidenceQuery.POINT_IN_TIME_KEEP_ALIVE)))
                            .query(q -> q.term(t -> t.field("campaign_id").value(query.campaignId())))
                            .sort(o -> o.field(f -> f.field("created_at").order(SortOrder.Asc)))
                            .sort(o -> o.field(f -> f.field("message_id").order(SortOrder.Asc)))
                            .size(query.pageSize())
                            .trackTotalHits(t -> t.enabled(false));
                    if (searchAfter != null) {
                        s.searchAfter(searchAfter);
                    }
                    return s;
                }, ObjectNode.class);
                if (page.pitId() != null) {
                    pit = page.pitId(); // the id may change between requests
                }
                List<Hit<ObjectNode>> hits = page.hits().hits();
                for (Hit<ObjectNode> hit : hits) {
                    documents.add(Objects.requireNonNull(hit.source(), "evidence hit without _source: " + hit.id()));
                }
                if (hits.size() < query.pageSize()) {
                    return documents;
                }
                after = hits.get(hits.size() - 1).sort();
            }
        } finally {
            String pitId = pit;
            try {
                client.closePointInTime(c -> c.id(pitId));
            } catch (IOException | ElasticsearchException e) {
                // The point in time expires by itself after its keep-alive; nothing is lost.
            }
        }
    }

    private static RuntimeException notFound(ElasticsearchException e, String index) {
        if (e.status() == 404) {
            return new EvidenceNotFoundException("index " + index + " does not exist (" + e.error().reason() + ")");
        }
        return e;
    }

    /** The campaign or an index the export needs does not exist. */
    public static final class EvidenceNotFoundException extends RuntimeException {
        public EvidenceNotFoundException(String message) {
            super(message);
        }
    }
}
