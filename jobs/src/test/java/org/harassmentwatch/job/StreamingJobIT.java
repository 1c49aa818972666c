package org.harassmentwatch.job;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.search.Hit;
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
import org.harassmentwatch.campaign.Campaign;
import org.harassmentwatch.campaign.CampaignUpdate;
import org.harassmentwatch.campaign.SeverityRule;
import org.harassmentwatch.detect.ScoredMessage;
import org.harassmentwatch.eval.CampaignMatcher;
import org.harassmentwatch.generate.GeneratorConfig;
import org.harassmentwatch.generate.GroundTruth;
import org.harassmentwatch.generate.TrafficGenerator;
import org.harassmentwatch.generate.TrafficStream;
import org.harassmentwatch.ingest.DeadLetter;
import org.harassmentwatch.ingest.DeadLetterReason;
import org.harassmentwatch.ingest.DecodeResult;
import org.harassmentwatch.ingest.EndOfTrafficMarker;
import org.harassmentwatch.ingest.KafkaClientConfig;
import org.harassmentwatch.ingest.MessageDecoder;
import org.harassmentwatch.ingest.RawRecord;
import org.harassmentwatch.ingest.StartingOffsets;
import org.harassmentwatch.sink.Documents;
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
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.BooleanSupplier;

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
    private static final int PARTITIONS = 2;
    private static final Duration RESULT_TIMEOUT = Duration.ofSeconds(90);
    /** Above the generator's 2-minute displacement of late messages: every message is ordered, as in BATCH. */
    private static final HarassmentCampaignJob.Settings SETTINGS = new HarassmentCampaignJob.Settings(
            HarassmentCampaignJob.Settings.defaults().detection(), Duration.ofMinutes(3), Duration.ofSeconds(30));

    private GroundTruth truth;
    private List<String> traffic;
    private List<KafkaTestTopics.Out> markers;
    private BatchRun.Result batch;
    private final List<CampaignUpdate> batchUpdates = new ArrayList<>();
    private String bootstrap;
    private EsConnection connection;
    private ElasticsearchClient es;

    @BeforeAll
    void generateTrafficAndTheBatchReference(@TempDir Path dir) throws Exception {
        GeneratorConfig generator = GeneratorConfig.defaults(7, 30_000).withCampaignsPerShape(3);
        TrafficStream stream = TrafficGenerator.stream(generator);
        traffic = new ArrayList<>(30_000);
        stream.forEachRemaining(traffic::add);
        truth = stream.truth();
        long markerTime = generator.end().toEpochMilli() + SETTINGS.maxOutOfOrderness().toMillis() + 60_000;
        markers = new ArrayList<>();
        for (int p = 0; p < PARTITIONS; p++) {
            markers.add(new KafkaTestTopics.Out(p, EndOfTrafficMarker.json(generator.platform(), p, markerTime)));
        }
        Path file = dir.resolve("messages.ndjson");
        List<String> all = new ArrayList<>(traffic);
        markers.forEach(m -> all.add(m.value()));
        Files.write(file, all);
        batch = BatchRun.run(List.of(file), SETTINGS, 2, RuntimeExecutionMode.BATCH, batchUpdates::add, d -> { });
        assertThat(batch.deadLetters()).isZero();

        bootstrap = LocalStackExtension.kafkaBootstrap();
        connection = EsConnection.of(LocalStackExtension.elasticsearchUrl());
        es = ElasticsearchClients.create(connection);
    }

    @AfterAll
    void closeClient() throws IOException {
        es.close();
    }

    /** Topics, group and index prefix of one test. */
    private record Names(String messages, String alerts, String deadLetters, String prefix, String group) {
        static Names fresh(String test) {
            String id = test + "-" + UUID.randomUUID().toString().substring(0, 8);
            return new Names("it-" + id + "-messages", "it-" + id + "-alerts", "it-" + id + "-dead-letters",
                    "it-" + id + "-", "it-" + id);
        }
    }

    private StreamingJob.Config setUp(Names names) throws Exception {
        TemplateInstaller installer = new TemplateInstaller(es, TemplateInstaller.loadBundled(names.prefix()));
        installer.install();
        installer.ensureIndices(0);
        KafkaTestTopics.create(bootstrap, names.messages(), PARTITIONS);
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
        Names names = Names.fresh("stream");
        StreamingJob.Config config = setUp(names);
        List<KafkaTestTopics.Out> out = new ArrayList<>();
        traffic.forEach(line -> out.add(new KafkaTestTopics.Out(null, line)));
        out.addAll(markers);
        long started = System.nanoTime();
        KafkaTestTopics.produce(bootstrap, names.messages(), out);

        JobClient job = start(config);
        Map<String, Long> expectedVersions = versions(batch.finalCampaigns());
        Set<String> expectedEvidence = evidenceKeys(batchUpdates);
        List<ObjectNode> esAlerts;
        List<ConsumerRecord<String, String>> topicAlerts;
        try {
            await(() -> campaignVersions(names.prefix()).equals(expectedVersions)
                    && count(names.prefix() + "evidence") >= expectedEvidence.size());
            System.out.printf("StreamingJobIT: %,d messages through Kafka, job and Elasticsearch in %.1f s%n",
                    out.size(), (System.nanoTime() - started) / 1e9);
            topicAlerts = KafkaTestTopics.readAll(bootstrap, names.alerts(), -1, Duration.ofSeconds(4));
            await(() -> count(names.prefix() + "alerts") >= topicAlerts.size());
            esAlerts = all(names.prefix() + "alerts");
        } finally {
            job.cancel().get();
        }

        // Campaigns: whole documents equal to the batch run's final versions.
        Map<String, JsonNode> esCampaigns = new TreeMap<>();
        for (ObjectNode doc : all(names.prefix() + "campaigns")) {
            esCampaigns.put(doc.get("campaign_id").asText(), doc);
        }
        Map<String, JsonNode> expected = new TreeMap<>();
        for (Campaign c : batch.finalCampaigns()) {
            expected.put(c.campaignId(), JSON.readTree(Documents.toJson(Documents.campaign(c))));
        }
        assertThat(esCampaigns).isEqualTo(expected);
        List<CampaignMatcher.Match> matches = CampaignMatcher.match(truth.campaigns(), batch.finalCampaigns().stream()
                .filter(c -> !"merged".equals(c.status())).toList());
        assertThat(matches).as("planted campaigns found").hasSize(truth.campaigns().size());

        // Evidence: one document per message per campaign, as attached by the updates.
        Set<String> esEvidence = new HashSet<>();
        for (ObjectNode doc : all(names.prefix() + "evidence")) {
            esEvidence.add(doc.get("campaign_id").asText() + "|" + doc.get("message_id").asText());
        }
        assertThat(esEvidence).isEqualTo(expectedEvidence);

        checkAlerts(topicAlerts, esAlerts);
    }

    /** One created alert per published campaign; each escalation a real increase; topic and index agree. */
    private void checkAlerts(List<ConsumerRecord<String, String>> topicAlerts, List<ObjectNode> esAlerts) throws Exception {
        Map<String, JsonNode> fromTopic = new TreeMap<>();
        for (ConsumerRecord<String, String> r : topicAlerts) {
            JsonNode alert = JSON.readTree(r.value());
            assertThat(r.key()).isEqualTo(alert.get("campaign_id").asText());
            fromTopic.put(alert.get("alert_id").asText(), alert);
        }
        Map<String, JsonNode> fromIndex = new TreeMap<>();
        esAlerts.forEach(a -> fromIndex.put(a.get("alert_id").asText(), a));
        assertThat(fromIndex).isEqualTo(fromTopic);
        assertThat(topicAlerts).hasSize(fromTopic.size()); // no repeats without failures

        Map<String, Campaign> byVersion = new HashMap<>();
        Set<String> published = new HashSet<>();
        for (CampaignUpdate u : batchUpdates) {
            byVersion.put(u.campaign().campaignId() + "@" + u.campaign().version(), u.campaign());
            if (u.created()) {
                published.add(u.campaign().campaignId());
            }
        }
        Map<String, List<JsonNode>> byCampaign = new TreeMap<>();
        for (JsonNode a : fromTopic.values()) {
            byCampaign.computeIfAbsent(a.get("campaign_id").asText(), k -> new ArrayList<>()).add(a);
        }
        assertThat(byCampaign.keySet()).isEqualTo(published);
        int escalations = 0;
        for (Map.Entry<String, List<JsonNode>> e : byCampaign.entrySet()) {
            List<JsonNode> alerts = e.getValue();
            alerts.sort(Comparator.comparingInt(StreamingJobIT::sequence));
            for (int i = 0; i < alerts.size(); i++) {
                JsonNode a = alerts.get(i);
                assertThat(sequence(a)).as("alert sequence of %s", e.getKey()).isEqualTo(i + 1);
                assertThat(a.get("alert_type").asText()).isEqualTo(i == 0 ? "created" : "escalated");
                Campaign c = byVersion.get(e.getKey() + "@" + a.get("campaign_version").asLong());
                assertThat(c).as("campaign version of alert %s", a.get("alert_id")).isNotNull();
                assertThat(a.get("severity").get("tier").asText()).isEqualTo(c.severity().tier());
                assertThat(a.get("severity").get("score").asInt()).isEqualTo(c.severity().score());
                assertThat(a.get("sender_count").asInt()).isEqualTo(c.senderCount());
                assertThat(a.get("message_count").asLong()).isEqualTo(c.messageCount());
                assertThat(a.get("explanation").asText()).isEqualTo(c.explanation());
                if (i > 0) {
                    escalations++;
                    JsonNode before = alerts.get(i - 1);
                    boolean tierUp = SeverityRule.rank(a.get("severity").get("tier").asText())
                            > SeverityRule.rank(before.get("severity").get("tier").asText());
                    boolean doubled = a.get("sender_count").asInt() >= 2 * before.get("sender_count").asInt();
                    assertThat(tierUp || doubled).as("escalation %s over %s", a, before).isTrue();
                }
            }
        }
        assertThat(escalations).as("some campaigns escalate").isPositive();
        System.out.printf("StreamingJobIT: %d campaigns published, %d alerts (%d escalations)%n", published.size(),
                fromTopic.size(), escalations);
    }

    @Test
    void everyMalformedRecordReachesTheDeadLetterTopicAndIndexAndCampaignsStayTheSame() throws Exception {
        Names names = Names.fresh("bad");
        StreamingJob.Config config = setUp(names);
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
        out.addAll(markers);
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
        Map<String, Long> expectedVersions = versions(batch.finalCampaigns());
        List<ConsumerRecord<String, String>> topic;
        try {
            await(() -> campaignVersions(names.prefix()).equals(expectedVersions)
                    && count(names.prefix() + "dead-letters") >= badTotal);
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
        for (ObjectNode doc : all(names.prefix() + "dead-letters")) {
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
        for (ObjectNode doc : all(names.prefix() + "campaigns")) {
            esCampaigns.put(doc.get("campaign_id").asText(), doc);
        }
        Map<String, JsonNode> clean = new TreeMap<>();
        for (Campaign c : batch.finalCampaigns()) {
            clean.put(c.campaignId(), JSON.readTree(Documents.toJson(Documents.campaign(c))));
        }
        assertThat(esCampaigns).isEqualTo(clean);
    }

    /** FUTURE_TIMESTAMP messages name the processing time of the decoder that judged them. */
    private static String withoutNow(String message) {
        return message.replaceFirst("after the processing time \\S+$", "after the processing time <now>");
    }

    private static int sequence(JsonNode alert) {
        String id = alert.get("alert_id").asText();
        return Integer.parseInt(id.substring(id.lastIndexOf(':') + 1));
    }

    private static Map<String, Long> versions(List<Campaign> campaigns) {
        Map<String, Long> v = new TreeMap<>();
        campaigns.forEach(c -> v.put(c.campaignId(), c.version()));
        return v;
    }

    private static Set<String> evidenceKeys(List<CampaignUpdate> updates) {
        Set<String> keys = new HashSet<>();
        for (CampaignUpdate u : updates) {
            for (ScoredMessage m : u.newEvidence()) {
                keys.add(u.campaign().campaignId() + "|" + m.message().messageId());
            }
        }
        return keys;
    }

    private Map<String, Long> campaignVersions(String prefix) {
        Map<String, Long> v = new TreeMap<>();
        for (ObjectNode doc : all(prefix + "campaigns")) {
            v.put(doc.get("campaign_id").asText(), doc.get("version").asLong());
        }
        return v;
    }

    private long count(String index) {
        try {
            es.indices().refresh(r -> r.index(index));
            return es.count(c -> c.index(index)).count();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private List<ObjectNode> all(String index) {
        try {
            es.indices().refresh(r -> r.index(index));
            return es.search(s -> s.index(index).size(10_000), ObjectNode.class).hits().hits().stream()
                    .map(Hit::source).toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Polls until the condition holds or the result timeout passes (the assertions after it then show what differs). */
    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + RESULT_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline && !condition.getAsBoolean()) {
            Thread.sleep(500);
        }
    }
}
