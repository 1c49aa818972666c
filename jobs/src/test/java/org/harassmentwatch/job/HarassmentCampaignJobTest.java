package org.harassmentwatch.job;

import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.harassmentwatch.campaign.Campaign;
import org.harassmentwatch.campaign.CampaignUpdate;
import org.harassmentwatch.eval.EvalReport;
import org.harassmentwatch.generate.GeneratorConfig;
import org.harassmentwatch.generate.GroundTruth;
import org.harassmentwatch.generate.TrafficGenerator;
import org.harassmentwatch.ingest.DeadLetter;
import org.harassmentwatch.sink.Documents;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** The whole detection graph on a real (mini) Flink cluster, over generated traffic with planted campaigns. */
class HarassmentCampaignJobTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @TempDir
    static Path dir;
    static Path messages;
    static GroundTruth truth;

    @BeforeAll
    static void generate() throws Exception {
        truth = TrafficGenerator.generate(GeneratorConfig.defaults(11, 40_000).withCampaignsPerShape(4), dir,
                org.harassmentwatch.generate.ProgressListener.NONE);
        messages = dir.resolve(TrafficGenerator.MESSAGES_FILE);
    }

    static Map<String, String> run(RuntimeExecutionMode mode, int parallelism, HarassmentCampaignJob.Settings settings,
                                   List<Campaign> finals) throws Exception {
        Map<String, String> docs = new TreeMap<>();
        // Evidence documents too: the messages attached by each version, whole (text, scores, hashes, source), but
        // for ingested_at, the wall-clock time at which this run read the line.
        BatchRun.Result r = BatchRun.run(List.of(messages), settings, parallelism, mode, u -> {
            for (var m : u.newEvidence()) {
                Map<String, Object> doc = Documents.evidence(m, u.campaign().campaignId());
                doc.remove("ingested_at");
                docs.merge("evidence " + u.campaign().campaignId() + " " + m.message().messageId(),
                        Documents.toJson(doc), (a, b) -> a + "\n" + b);
            }
        }, d -> { });
        finals.addAll(r.finalCampaigns());
        assertThat(docs).as("evidence documents").isNotEmpty();
        for (Campaign c : r.finalCampaigns()) {
            docs.put(c.campaignId(), Documents.toJson(Documents.campaign(c)));
        }
        return docs;
    }

    @Test
    void sameInputGivesIdenticalCampaignsAtParallelismOneAndTwoAndOnARerun() throws Exception {
        HarassmentCampaignJob.Settings settings = HarassmentCampaignJob.Settings.defaults();
        List<Campaign> finals = new ArrayList<>();
        Map<String, String> p1 = run(RuntimeExecutionMode.BATCH, 1, settings, finals);
        Map<String, String> p2 = run(RuntimeExecutionMode.BATCH, 2, settings, new ArrayList<>());
        Map<String, String> rerun = run(RuntimeExecutionMode.BATCH, 2, settings, new ArrayList<>());
        assertThat(p1).isNotEmpty();
        // Whole documents: ids, versions, members, counts, legal elements, explanations and evidence hashes; and the
        // evidence documents.
        assertThat(p2).isEqualTo(p1);
        assertThat(rerun).isEqualTo(p1);

        EvalReport report = EvalReport.evaluate(truth, finals);
        assertThat(report.overall().recall()).as(report.toTable()).isGreaterThanOrEqualTo(0.9);
        assertThat(report.overall().precision()).as(report.toTable()).isGreaterThanOrEqualTo(0.9);
    }

    @Test
    void streamingExecutionFindsTheSameCampaignsAndEvidenceAsBatch() throws Exception {
        // The generator displaces 2% of messages by up to 2 minutes: a watermark lag above that orders them all.
        HarassmentCampaignJob.Settings settings = new HarassmentCampaignJob.Settings(
                HarassmentCampaignJob.Settings.defaults().detection(), Duration.ofMinutes(3), Duration.ofSeconds(30));
        Map<String, String> batch = run(RuntimeExecutionMode.BATCH, 2, settings, new ArrayList<>());
        Map<String, String> streaming = run(RuntimeExecutionMode.STREAMING, 2, settings, new ArrayList<>());
        assertThat(streaming).isEqualTo(batch);
    }

    @Test
    void badLinesGoToDeadLettersWithTheirPositionAndValidTrafficIsUnchanged() throws Exception {
        Path mixed = dir.resolve("mixed.ndjson");
        List<String> lines = new ArrayList<>(Files.readAllLines(messages));
        List<String> bad = List.of("{not json", "{\"message_id\":\"x\"}", "", "[1,2,3]",
                "{\"message_id\":\"b1\",\"platform\":\"chirp\",\"sender_id\":\"s\",\"created_at\":\"yesterday\",\"text\":\"hi\",\"target_ids\":[\"t\"]}");
        List<String> withBad = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            withBad.add(lines.get(i));
            if (i % 10_000 == 0) {
                withBad.addAll(bad);
            }
        }
        Files.write(mixed, withBad);
        List<DeadLetter> dead = new ArrayList<>();
        List<CampaignUpdate> updates = new ArrayList<>();
        BatchRun.Result clean = BatchRun.run(List.of(messages), HarassmentCampaignJob.Settings.defaults(), 2,
                RuntimeExecutionMode.BATCH, u -> { }, d -> { });
        BatchRun.Result dirty = BatchRun.run(List.of(mixed), HarassmentCampaignJob.Settings.defaults(), 2,
                RuntimeExecutionMode.BATCH, updates::add, dead::add);
        int blocks = (lines.size() + 9_999) / 10_000;
        assertThat(dead).hasSize(blocks * 4); // the blank line is skipped, not a dead letter
        assertThat(dead).extracting(DeadLetter::errorCode)
                .containsOnly("MALFORMED_JSON", "MISSING_FIELD", "BAD_TIMESTAMP");
        assertThat(dead).allSatisfy(d -> assertThat(d.source()).startsWith("file:").contains("mixed.ndjson:"));
        assertThat(ids(dirty.finalCampaigns())).isEqualTo(ids(clean.finalCampaigns()));
    }

    private static List<String> ids(List<Campaign> campaigns) {
        return campaigns.stream().map(c -> c.campaignId() + "/" + c.senderCount() + "/" + c.evidence().manifestSha256())
                .sorted().toList();
    }
}
