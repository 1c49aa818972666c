package org.harassmentwatch.job;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.harassmentwatch.ingest.DeadLetter;
import org.harassmentwatch.ingest.DeadLetterReason;
import org.harassmentwatch.ingest.DecodeResult;
import org.harassmentwatch.ingest.KafkaClientConfig;
import org.harassmentwatch.ingest.MessageDecoder;
import org.harassmentwatch.ingest.RawRecord;
import org.harassmentwatch.ingest.StartingOffsets;
import org.harassmentwatch.sink.ElasticsearchClients;
import org.harassmentwatch.sink.EsConnection;
import org.harassmentwatch.sink.TemplateInstaller;
import org.harassmentwatch.stack.LocalStackExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The streaming job end to end on the real broker, the real Elasticsearch node and a Flink MiniCluster: generated
 * traffic with planted campaigns → Kafka (2 partitions) → job → Elasticsearch + alert and dead-letter topics. The
 * reference is a BATCH run of the graph over the same messages: with a watermark lag above the generator's
 * displacement every message is processed in order, so the campaigns in Elasticsearch must equal the batch result
 * document for document. The job is unbounded: it runs with executeAsync until the results are complete, then is
 * cancelled. Each test uses its own topics, consumer group and index prefix.
 */
@ExtendWith(LocalStackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StreamingJobIT {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration RESULT_TIMEOUT = Duration.ofSeconds(90);
    private static final HarassmentCampaignJob.Settings SETTINGS = StreamingReference.SETTINGS;

    private StreamingReference reference;
    private String bootstrap;
    private EsConnection connection;
    private ElasticsearchClient es;

    @BeforeAll
    void generateTrafficAndTheBatchReference() throws Exception {
        reference = StreamingReference.shared();
        bootstrap = LocalStackExtension.kafkaBootstrap();
        connection = EsConnection.of(LocalStackExtension.elasticsearchUrl());
        es = ElasticsearchClients.create(connection);
    }

    @AfterAll
    void closeClient() throws IOException {
        es.close();
    }

    private StreamingJob.Config setUp(StreamNames names) throws Exception {
        TemplateInstaller installer = new TemplateInstaller(es, TemplateInstaller.loadBundled(names.prefix()));
        installer.install();
        installer.ensureIndices(0);
        KafkaTestTopics.create(bootstrap, names.messages(), StreamingReference.PARTITIONS);
        StreamingJob.Config config = StreamingJob.Config.defaults(KafkaClientConfig.of(bootstrap), connection)
                .withTopics(List.of(names.messages()), names.deadLetters(), names.alerts())
                .withConsumer(names.group(), StartingOffsets.COMMITTED, false)
                .withIndexPrefix(names.prefix())
                .withDetection(SETTINGS, StreamingJob.DEFAULT_ALERT_SUPPRESSION);
        assertThat(KafkaTopics.ensure(config.kafka(), config.outputTopics(), java.util.Optional.empty(),
                java.util.Optional.empty(), Duration.ofSeconds(30)))
                .extracting(KafkaTopics.Result::outcome).containsOnly(KafkaTopics.Outcome.CREATED);
        return config;
    }

    private static JobClient start(StreamingJob.Config config) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(
                new Checkpointing(Duration.ofSeconds(2), "hashmap", null).toConfiguration());
        env.setRuntimeMode(RuntimeExecutionMode.STREAMING);
        env.setParallelism(2);
        StreamingJob.build(env, config);
        return env.executeAsync("streaming-it");
    }

    @Test
    void campaignsEvidenceAndAlertsOfTheStreamMatchTheBatchRun() throws Exception {
        StreamNames names = StreamNames.fresh("stream");
        StreamingJob.Config config = setUp(names);
        List<KafkaTestTopics.Out> out = reference.recordsToTheEnd(0);
        long started = System.nanoTime();
        KafkaTestTopics.produce(bootstrap, names.messages(), out);

        JobClient job = start(config);
        try (IndexedResults results = new IndexedResults(connection, names.prefix())) {
            List<ObjectNode> esAlerts;
            List<ConsumerRecord<String, String>> topicAlerts;
            try {
                StreamingAssertions.await(RESULT_TIMEOUT, () -> results.reached(reference));
                System.out.printf("StreamingJobIT: %,d messages through Kafka, job and Elasticsearch in %.1f s%n",
                        out.size(), (System.nanoTime() - started) / 1e9);
                topicAlerts = KafkaTestTopics.readAll(bootstrap, names.alerts(), -1, Duration.ofSeconds(4));
                StreamingAssertions.await(RESULT_TIMEOUT, () -> results.count("alerts") >= topicAlerts.size());
                esAlerts = results.all("alerts");
            } finally {
                job.cancel().get();
            }

            StreamingAssertions.assertCampaignsAndEvidence(results, reference);
            StreamingAssertions.AlertCounts alerts = StreamingAssertions.assertAlerts(reference, topicAlerts, esAlerts, false);
            System.out.printf("StreamingJobIT: %d campaigns published, %d alerts (%d escalations)%n", alerts.published(),
                    alerts.alerts(), alerts.escalations());
        }
    }

    @Test
    void everyMalformedRecordReachesTheDeadLetterTopicAndIndexAndCampaignsStayTheSame() throws Exception {
        StreamNames names = StreamNames.fresh("bad");
        StreamingJob.Config config = setUp(names);
        List<String> traffic = reference.traffic();
        int perKind = 1_000;
        int badTotal = perKind * MalformedRecords.KINDS.size();
        List<KafkaTestTopics.Out> out = new ArrayList<>();
        List<Integer> badAt = new ArrayList<>();
        long now = System.currentTimeMillis();
        int bad = 0;
        for (int i = 0; i < traffic.size(); i++) {
            out.add(new KafkaTestTopics.Out(null, traffic.get(i)));
            if (i % 3 == 2 && bad < badTotal) {
                DeadLetterReason kind = MalformedRecords.KINDS.get(bad % MalformedRecords.KINDS.size());
                badAt.add(out.size());
                out.add(new KafkaTestTopics.Out(null, MalformedRecords.make(kind, traffic.get(i), bad, now)));
                bad++;
            }
        }
        assertThat(bad).isEqualTo(badTotal);
        out.addAll(reference.markers());
        List<RecordMetadata> written = KafkaTestTopics.produce(bootstrap, names.messages(), out);

        // What the decoder says about each bad record, at its Kafka position.
        MessageDecoder decoder = new MessageDecoder();
        Map<String, DeadLetter> expected = new TreeMap<>();
        for (int at : badAt) {
            RecordMetadata m = written.get(at);
            String source = RawRecord.kafkaSource(m.topic(), m.partition(), m.offset());
            DecodeResult r = decoder.decode(out.get(at).value(), source, now);
            assertThat(r).as(out.get(at).value()).isInstanceOf(DecodeResult.Rejected.class);
            expected.put(source, ((DecodeResult.Rejected) r).deadLetter());
        }
        Map<String, Long> perCode = new TreeMap<>();
        expected.values().forEach(d -> perCode.merge(d.errorCode(), 1L, Long::sum));
        Map<String, Long> wanted = new TreeMap<>();
        MalformedRecords.KINDS.forEach(k -> wanted.put(k.name(), (long) perKind));
        assertThat(perCode).as("malformed records by reason").isEqualTo(wanted);

        JobClient job = start(config);
        IndexedResults results = new IndexedResults(connection, names.prefix());
        Map<String, Long> expectedVersions = reference.expectedVersions();
        List<ConsumerRecord<String, String>> topic;
        try {
            StreamingAssertions.await(RESULT_TIMEOUT, () -> results.campaignVersions().equals(expectedVersions)
                    && results.count("dead-letters") >= badTotal);
            topic = KafkaTestTopics.readAll(bootstrap, names.deadLetters(), badTotal, Duration.ofSeconds(20));
        } finally {
            job.cancel().get();
        }

        assertThat(topic).hasSize(badTotal);
        Map<String, JsonNode> fromTopic = new TreeMap<>();
        for (ConsumerRecord<String, String> r : topic) {
            JsonNode letter = JSON.readTree(r.value());
            assertThat(letter.get("source").asText()).isEqualTo(r.key()).startsWith("kafka:" + names.messages() + "/");
            fromTopic.put(r.key(), letter);
        }
        Map<String, JsonNode> fromIndex = new TreeMap<>();
        for (ObjectNode doc : results.all("dead-letters")) {
            fromIndex.put(doc.get("source").asText(), doc);
        }
        assertThat(fromTopic.keySet()).isEqualTo(expected.keySet());
        assertThat(fromIndex.keySet()).isEqualTo(expected.keySet());
        for (Map.Entry<String, DeadLetter> e : expected.entrySet()) {
            for (JsonNode letter : List.of(fromTopic.get(e.getKey()), fromIndex.get(e.getKey()))) {
                assertThat(letter.get("error_code").asText()).as(e.getKey()).isEqualTo(e.getValue().errorCode());
                assertThat(letter.path("field").isNull() || letter.path("field").isMissingNode()
                        ? null : letter.get("field").asText()).as(e.getKey()).isEqualTo(e.getValue().field());
                assertThat(withoutNow(letter.get("message").asText())).as(e.getKey())
                        .isEqualTo(withoutNow(e.getValue().message()));
                assertThat(letter.get("raw_bytes").asLong()).isEqualTo(e.getValue().rawBytes());
            }
        }

        Map<String, JsonNode> esCampaigns = new TreeMap<>();
        for (ObjectNode doc : results.all("campaigns")) {
            esCampaigns.put(doc.get("campaign_id").asText(), doc);
        }
        results.close();
        assertThat(esCampaigns).isEqualTo(reference.expectedCampaignDocuments());
    }

    /** FUTURE_TIMESTAMP messages name the processing time of the decoder that judged them. */
    private static String withoutNow(String message) {
        return message.replaceFirst("after the processing time \\S+$", "after the processing time <now>");
    }
}
