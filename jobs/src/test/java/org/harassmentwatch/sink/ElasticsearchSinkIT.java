package org.harassmentwatch.sink;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.GetResponse;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.harassmentwatch.stack.LocalStackExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The sink in a Flink MiniCluster job against the local stack's real Elasticsearch node, on templates installed
 * under its own prefix: every kind of document arrives, a stale external version never overwrites a newer one, and
 * a document the strict mapping refuses ends up in the dead-letter index while the job finishes normally.
 */
@ExtendWith(LocalStackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ElasticsearchSinkIT {

    private static final String PREFIX = "it-essink-";
    private static final String CAMPAIGNS = PREFIX + "campaigns";
    private static final String EVIDENCE = PREFIX + "evidence";
    private static final String ALERTS = PREFIX + "alerts";
    private static final String DEAD_LETTERS = PREFIX + "dead-letters";

    private static final InMemoryReporter REPORTER = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setConfiguration(REPORTER.addToConfiguration(new Configuration()))
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    private EsConnection connection;
    private ElasticsearchClient client;

    @BeforeAll
    void installTemplates() throws IOException {
        connection = EsConnection.of(LocalStackExtension.elasticsearchUrl());
        client = ElasticsearchClients.create(connection);
        client.indices().delete(d -> d.index(PREFIX + "*").allowNoIndices(true));
        TemplateInstaller installer = new TemplateInstaller(client, TemplateInstaller.loadBundled(PREFIX));
        installer.install();
        installer.ensureIndices(0);
    }

    @AfterAll
    void closeClient() throws IOException {
        client.close();
    }

    @Test
    void everyKindOfDocumentWrittenByTheJobIsInElasticsearch() throws Exception {
        int n = 400;
        JobExecutionResult result = run(sequence(n), 2, ElasticsearchSinkIT::allKinds);

        refresh();
        assertThat(countWithPrefix(CAMPAIGNS, "campaign_id", "all-")).isEqualTo(n);
        assertThat(countWithPrefix(EVIDENCE, "message_id", "all-")).isEqualTo(n);
        assertThat(countWithPrefix(ALERTS, "alert_id", "all-")).isEqualTo(n);
        assertThat(countWithPrefix(DEAD_LETTERS, "source", "all-")).isEqualTo(n / 4);
        assertThat(metric(result.getJobID(), SinkMetrics.DOCS_WRITTEN)).isEqualTo(3L * n + n / 4);
        assertThat(metric(result.getJobID(), SinkMetrics.DOCS_REJECTED)).isZero();
        assertThat(metric(result.getJobID(), SinkMetrics.BULK_RETRIES)).isZero();
    }

    @Test
    void staleCampaignVersionNeverOverwritesTheNewerOneAndIsCounted() throws Exception {
        JobExecutionResult result = run(env -> env.fromData(3L, 2L), 1, (version, out) -> out.accept(
                IndexRequestSpec.versioned(CAMPAIGNS, "stale-cmp", SinkTestDocuments.campaign("stale-cmp", version),
                        version)));

        GetResponse<ObjectNode> stored = client.get(g -> g.index(CAMPAIGNS).id("stale-cmp"), ObjectNode.class);
        assertThat(stored.version()).isEqualTo(3);
        assertThat(stored.source().get("version").asLong()).isEqualTo(3);
        assertThat(metric(result.getJobID(), SinkMetrics.STALE_VERSIONS_SKIPPED)).isEqualTo(1);
        assertThat(metric(result.getJobID(), SinkMetrics.DOCS_WRITTEN)).isEqualTo(1);
    }

    @Test
    void documentRefusedByTheStrictMappingEndsInTheDeadLetterIndexAndTheJobFinishes() throws Exception {
        String badJson = SinkTestDocuments.evidence("strict-2", "cmp-strict").replaceFirst("\\{", "{\"colour\":\"red\",");
        JobExecutionResult result = run(env -> env.fromData(1L, 2L, 3L), 1, (i, out) -> out.accept(
                IndexRequestSpec.of(EVIDENCE, "strict-" + i + "|cmp-strict", i == 2 ? badJson
                        : SinkTestDocuments.evidence("strict-" + i, "cmp-strict"))));

        refresh();
        assertThat(countWithPrefix(EVIDENCE, "message_id", "strict-")).isEqualTo(2);
        SearchResponse<ObjectNode> letters = client.search(s -> s.index(DEAD_LETTERS)
                .query(q -> q.term(t -> t.field("source").value("es:" + EVIDENCE + "/strict-2|cmp-strict"))),
                ObjectNode.class);
        assertThat(letters.hits().hits()).singleElement().extracting(Hit::source).satisfies(letter -> {
            assertThat(letter.get("error_code").asText()).isEqualTo("INDEX_REJECTED");
            assertThat(letter.has("field")).isFalse();
            assertThat(letter.get("message").asText())
                    .startsWith("strict_dynamic_mapping_exception: ")
                    .contains("[colour]");
            assertThat(letter.get("raw_input").asText()).isEqualTo(badJson);
            assertThat(letter.get("raw_truncated").asBoolean()).isFalse();
        });
        assertThat(metric(result.getJobID(), SinkMetrics.DOCS_REJECTED)).isEqualTo(1);
        assertThat(metric(result.getJobID(), SinkMetrics.DOCS_WRITTEN)).isEqualTo(3); // 2 evidence + 1 dead letter
    }

    // ------------------------------------------------------------------ helpers

    /** 0..n-1 → a campaign, its evidence and an alert each; every fourth also a dead letter. */
    private static void allKinds(Long i, java.util.function.Consumer<IndexRequestSpec> out) {
        String campaignId = "all-cmp-" + i;
        out.accept(IndexRequestSpec.versioned(CAMPAIGNS, campaignId, SinkTestDocuments.campaign(campaignId, 1), 1));
        out.accept(IndexRequestSpec.of(EVIDENCE, "all-m-" + i + "|" + campaignId,
                SinkTestDocuments.evidence("all-m-" + i, campaignId)));
        out.accept(IndexRequestSpec.of(ALERTS, "all-alert-" + i, SinkTestDocuments.alert("all-alert-" + i)));
        if (i % 4 == 0) {
            out.accept(IndexRequestSpec.of(DEAD_LETTERS, "all-dl-" + i, SinkTestDocuments.deadLetter("all-" + i)));
        }
    }

    private interface Source {
        DataStream<Long> create(StreamExecutionEnvironment env);
    }

    private static Source sequence(int n) {
        return env -> env.fromSequence(0, n - 1);
    }

    private JobExecutionResult run(Source source, int parallelism, ElasticsearchEmitter<Long> emitter)
            throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(parallelism);
        source.create(env).sinkTo(new ElasticsearchSink<>(connection, emitter,
                        BulkSettings.defaults().withMaxActions(100),
                        new DeadLetterRejectionHandler(DEAD_LETTERS, SinkTestDocuments::deadLetterJson)))
                .name("elasticsearch");
        return env.execute("elasticsearch-sink-it");
    }

    private void refresh() throws IOException {
        client.indices().refresh(r -> r.index(PREFIX + "*"));
    }

    private long countWithPrefix(String index, String field, String prefix) throws IOException {
        return client.count(c -> c.index(index).query(q -> q.prefix(p -> p.field(field).value(prefix)))).count();
    }

    /** The sum of a sink counter over all writers of the job. */
    private static long metric(JobID job, String name) {
        List<Long> counts = REPORTER.findMetrics(job, ".*\\." + name).values().stream()
                .map(m -> ((Counter) m).getCount()).toList();
        assertThat(counts).as("writers reporting %s", name).isNotEmpty();
        return counts.stream().mapToLong(Long::longValue).sum();
    }
}
