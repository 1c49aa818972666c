package org.harassmentwatch.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.harassmentwatch.campaign.Campaign;
import org.harassmentwatch.campaign.CampaignUpdate;
import org.harassmentwatch.detect.ScoredMessage;
import org.harassmentwatch.generate.GeneratorConfig;
import org.harassmentwatch.generate.GroundTruth;
import org.harassmentwatch.generate.TrafficGenerator;
import org.harassmentwatch.generate.TrafficStream;
import org.harassmentwatch.ingest.EndOfTrafficMarker;
import org.harassmentwatch.sink.Documents;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Generated traffic with planted campaigns, the end-of-traffic markers for a topic of {@link #PARTITIONS} partitions,
 * and the reference: a BATCH run of the graph over the same messages. With a watermark lag above the generator's
 * displacement every message is processed in order, so a streaming run over Kafka must end with exactly the batch
 * run's campaigns, evidence and alerts, whatever happened on the way (restarts, outages).
 *
 * <p>{@link #shared()} is computed once per test JVM: every streaming IT compares against the same reference.
 */
public final class StreamingReference {

    public static final int PARTITIONS = 2;
    /** Above the generator's 2-minute displacement of late messages: every message is ordered, as in BATCH. */
    public static final HarassmentCampaignJob.Settings SETTINGS = new HarassmentCampaignJob.Settings(
            HarassmentCampaignJob.Settings.defaults().detection(), Duration.ofMinutes(3), Duration.ofSeconds(30));
    /** {@link #SETTINGS} as options of the {@code run} command (the rest are its defaults, as in SETTINGS). */
    public static final List<String> RUN_OPTIONS = List.of("--max-out-of-orderness", "3m", "--idleness", "30s");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static StreamingReference shared;

    private final List<String> traffic;
    private final List<KafkaTestTopics.Out> markers;
    private final GroundTruth truth;
    private final BatchRun.Result batch;
    private final List<CampaignUpdate> batchUpdates;

    private StreamingReference(List<String> traffic, List<KafkaTestTopics.Out> markers, GroundTruth truth,
                               BatchRun.Result batch, List<CampaignUpdate> batchUpdates) {
        this.traffic = traffic;
        this.markers = markers;
        this.truth = truth;
        this.batch = batch;
        this.batchUpdates = batchUpdates;
    }

    /** 30,000 messages (seed 7) with 3 planted campaigns of each shape. */
    public static synchronized StreamingReference shared() throws Exception {
        if (shared == null) {
            shared = generate(GeneratorConfig.defaults(7, 30_000).withCampaignsPerShape(3));
        }
        return shared;
    }

    static StreamingReference generate(GeneratorConfig generator) throws Exception {
        TrafficStream stream = TrafficGenerator.stream(generator);
        List<String> traffic = new ArrayList<>((int) generator.messages());
        stream.forEachRemaining(traffic::add);
        long markerTime = generator.end().toEpochMilli() + SETTINGS.maxOutOfOrderness().toMillis() + 60_000;
        List<KafkaTestTopics.Out> markers = new ArrayList<>();
        for (int p = 0; p < PARTITIONS; p++) {
            markers.add(new KafkaTestTopics.Out(p, EndOfTrafficMarker.json(generator.platform(), p, markerTime)));
        }
        Path file = Files.createTempFile("hw-streaming-reference", ".ndjson");
        List<CampaignUpdate> updates = new ArrayList<>();
        BatchRun.Result batch;
        try {
            List<String> all = new ArrayList<>(traffic);
            markers.forEach(m -> all.add(m.value()));
            Files.write(file, all);
            batch = BatchRun.run(List.of(file), SETTINGS, 2, RuntimeExecutionMode.BATCH, updates::add, d -> { });
        } finally {
            Files.deleteIfExists(file);
        }
        if (batch.deadLetters() != 0) {
            throw new IllegalStateException("generated traffic should decode cleanly, got " + batch.deadLetters()
                    + " dead letters in the batch run");
        }
        return new StreamingReference(List.copyOf(traffic), List.copyOf(markers), stream.truth(), batch,
                Collections.unmodifiableList(updates));
    }

    public List<String> traffic() {
        return traffic;
    }

    /** One end-of-traffic marker per partition, to send after the traffic. */
    public List<KafkaTestTopics.Out> markers() {
        return markers;
    }

    public GroundTruth truth() {
        return truth;
    }

    public BatchRun.Result batch() {
        return batch;
    }

    /** Every campaign update of the batch run, in the order it emitted them. */
    public List<CampaignUpdate> batchUpdates() {
        return batchUpdates;
    }

    /** Messages {@code from} (inclusive) to {@code to} (exclusive), partitioned by the producer. */
    public List<KafkaTestTopics.Out> records(int from, int to) {
        List<KafkaTestTopics.Out> out = new ArrayList<>(to - from + PARTITIONS);
        for (String line : traffic.subList(from, to)) {
            out.add(new KafkaTestTopics.Out(null, line));
        }
        return out;
    }

    /** Messages from {@code from} to the end, then the markers. */
    public List<KafkaTestTopics.Out> recordsToTheEnd(int from) {
        List<KafkaTestTopics.Out> out = records(from, traffic.size());
        out.addAll(markers);
        return out;
    }

    /** Final version of each campaign, by id. */
    public Map<String, Long> expectedVersions() {
        Map<String, Long> v = new TreeMap<>();
        batch.finalCampaigns().forEach(c -> v.put(c.campaignId(), c.version()));
        return v;
    }

    /** The final campaign documents, by id, as the sink writes them. */
    public Map<String, JsonNode> expectedCampaignDocuments() throws Exception {
        Map<String, JsonNode> expected = new TreeMap<>();
        for (Campaign c : batch.finalCampaigns()) {
            expected.put(c.campaignId(), JSON.readTree(Documents.toJson(Documents.campaign(c))));
        }
        return expected;
    }

    /** {@code campaign_id|message_id} of every evidence document the updates attach. */
    public Set<String> expectedEvidence() {
        Set<String> keys = new HashSet<>();
        for (CampaignUpdate u : batchUpdates) {
            for (ScoredMessage m : u.newEvidence()) {
                keys.add(u.campaign().campaignId() + "|" + m.message().messageId());
            }
        }
        return keys;
    }

    /** Ids of the campaigns the batch run published (each must raise exactly one {@code created} alert). */
    public Set<String> publishedCampaigns() {
        Set<String> ids = new HashSet<>();
        batchUpdates.stream().filter(CampaignUpdate::created).forEach(u -> ids.add(u.campaign().campaignId()));
        return ids;
    }

    /** Every campaign state the batch run emitted, by {@code id@version}. */
    public Map<String, Campaign> campaignsByVersion() {
        Map<String, Campaign> byVersion = new HashMap<>();
        batchUpdates.forEach(u -> byVersion.put(u.campaign().campaignId() + "@" + u.campaign().version(), u.campaign()));
        return byVersion;
    }

    /**
     * Final campaigns that took evidence from messages both before and after {@code split} in the traffic: a run
     * interrupted there can only get them right by carrying its state across the interruption.
     */
    public Set<String> campaignsSpanning(int split) throws Exception {
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < traffic.size(); i++) {
            position.put(JSON.readTree(traffic.get(i)).get("message_id").asText(), i);
        }
        Map<String, boolean[]> sides = new TreeMap<>();
        for (CampaignUpdate u : batchUpdates) {
            boolean[] s = sides.computeIfAbsent(u.campaign().campaignId(), k -> new boolean[2]);
            for (ScoredMessage m : u.newEvidence()) {
                Integer at = position.get(m.message().messageId());
                if (at != null) {
                    s[at < split ? 0 : 1] = true;
                }
            }
        }
        Set<String> spanning = new HashSet<>();
        sides.forEach((id, s) -> {
            if (s[0] && s[1]) {
                spanning.add(id);
            }
        });
        return spanning;
    }
}
