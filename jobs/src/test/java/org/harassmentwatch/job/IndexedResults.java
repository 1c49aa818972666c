package org.harassmentwatch.job;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.harassmentwatch.sink.ElasticsearchClients;
import org.harassmentwatch.sink.EsConnection;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a streaming run left in Elasticsearch under one index prefix. Indices that do not exist (yet) read as empty.
 * Every read refreshes first, so it sees everything acknowledged before it.
 */
public final class IndexedResults implements AutoCloseable {

    private final ElasticsearchClient es;
    private final String prefix;

    public IndexedResults(EsConnection connection, String prefix) {
        this.es = ElasticsearchClients.create(connection);
        this.prefix = prefix;
    }

    /** Documents of {@code prefix + index} (at most 10,000) with their {@code _id} and {@code _version}. */
    public List<Hit<ObjectNode>> hits(String index) {
        String name = prefix + index;
        try {
            es.indices().refresh(r -> r.index(name).ignoreUnavailable(true));
            return es.search(s -> s.index(name).ignoreUnavailable(true).size(10_000).version(true), ObjectNode.class)
                    .hits().hits();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }

    public List<ObjectNode> all(String index) {
        return hits(index).stream().map(Hit::source).toList();
    }

    public long count(String index) {
        String name = prefix + index;
        try {
            es.indices().refresh(r -> r.index(name).ignoreUnavailable(true));
            return es.count(c -> c.index(name).ignoreUnavailable(true)).count();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot count " + name, e);
        }
    }

    /** {@code version} of each campaign document, by campaign id. */
    public Map<String, Long> campaignVersions() {
        Map<String, Long> v = new TreeMap<>();
        for (ObjectNode doc : all("campaigns")) {
            v.put(doc.get("campaign_id").asText(), doc.get("version").asLong());
        }
        return v;
    }

    /** Whether every campaign stands at its final version and the evidence is (at least) complete. */
    public boolean reached(StreamingReference reference) {
        return campaignVersions().equals(reference.expectedVersions())
                && count("evidence") >= reference.expectedEvidence().size();
    }

    @Override
    public void close() throws IOException {
        es.close();
    }
}
