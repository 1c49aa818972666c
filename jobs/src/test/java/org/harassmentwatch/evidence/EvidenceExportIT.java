package org.harassmentwatch.evidence;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.harassmentwatch.campaign.Campaign;
import org.harassmentwatch.generate.GeneratorConfig;
import org.harassmentwatch.generate.ProgressListener;
import org.harassmentwatch.generate.TrafficGenerator;
import org.harassmentwatch.job.BatchRun;
import org.harassmentwatch.job.ElasticsearchOutputs;
import org.harassmentwatch.job.HarassmentCampaignJob;
import org.harassmentwatch.sink.BulkSettings;
import org.harassmentwatch.sink.ElasticsearchClients;
import org.harassmentwatch.sink.EsConnection;
import org.harassmentwatch.sink.TemplateInstaller;
import org.harassmentwatch.stack.LocalStackExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The evidence package end to end on the local stack's real Elasticsearch node: generated traffic with planted
 * campaigns runs through the detection job into indices of their own prefix; a campaign is exported with the
 * command, verified, re-exported (same bytes), exported with tiny pages (same bytes), tampered with and verified
 * again.
 */
@ExtendWith(LocalStackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EvidenceExportIT {

    private static final String PREFIX = "it-evidence-";

    @TempDir
    Path tmp;

    private String esUrl;
    private Campaign campaign;
    private ElasticsearchClient client;

    @BeforeAll
    void indexCampaignsOfARealRun(@TempDir Path data) throws Exception {
        esUrl = LocalStackExtension.elasticsearchUrl();
        EsConnection connection = EsConnection.of(esUrl);
        client = ElasticsearchClients.create(connection);
        client.indices().delete(d -> d.index(PREFIX + "*").allowNoIndices(true));
        TemplateInstaller installer = new TemplateInstaller(client, TemplateInstaller.loadBundled(PREFIX));
        installer.install();
        installer.ensureIndices(0);

        TrafficGenerator.generate(GeneratorConfig.defaults(5, 20_000).withCampaignsPerShape(2), data,
                ProgressListener.NONE);
        BatchRun.Result result = BatchRun.run(List.of(data.resolve(TrafficGenerator.MESSAGES_FILE)),
                HarassmentCampaignJob.Settings.defaults(), 2, RuntimeExecutionMode.BATCH,
                new ElasticsearchOutputs(connection, PREFIX, BulkSettings.defaults()), u -> { }, d -> { });
        client.indices().refresh(r -> r.index(PREFIX + "*"));
        // The live campaign with the most evidence: several pages at a small page size.
        campaign = result.finalCampaigns().stream()
                .filter(c -> !"merged".equals(c.status()))
                .max(Comparator.comparingInt((Campaign c) -> c.evidence().count()).thenComparing(Campaign::campaignId))
                .orElseThrow(() -> new AssertionError("the run found no campaign"));
        assertThat(campaign.evidence().count()).isGreaterThan(5);
    }

    @AfterAll
    void close() throws IOException {
        client.close();
    }

    private EvidenceCommandsTest.Run export(Path out, String... extra) {
        String[] args = new String[6 + 2 + extra.length];
        String[] base = {"--es", esUrl, "--campaign", campaign.campaignId(), "--out", out.toString(), "--prefix", PREFIX};
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return EvidenceCommandsTest.run(new ExportEvidenceCommand(Map.of(),
                Clock.fixed(Instant.parse("2026-03-05T10:15:30Z"), ZoneOffset.UTC)), args);
    }

    @Test
    void exportedCampaignVerifiesAndEveryRecordMatchesTheDetectorsSeal() throws IOException {
        Path out = tmp.resolve("pkg");

        EvidenceCommandsTest.Run r = export(out);

        System.out.println(r.out()); // surefire keeps it in the test's -output.txt: what an analyst sees
        assertThat(r.exitCode()).as(r.err()).isZero();
        long docs = client.count(c -> c.index(PREFIX + "evidence")
                .query(q -> q.term(t -> t.field("campaign_id").value(campaign.campaignId())))).count();
        assertThat(r.out()).contains("campaign " + campaign.campaignId() + " version " + campaign.version(),
                "record seals: " + docs + " of " + docs + " match");
        JsonNode manifest = CanonicalJson.parse(Files.readAllBytes(out.resolve("manifest.json")));
        assertThat(manifest.path("records")).hasSize((int) docs);
        assertThat(manifest.path("detector").path("config_sha256").asText())
                .isEqualTo(campaign.detector().configSha256());
        // The job indexes a capped number of evidence messages when it first publishes a campaign: the set is then
        // incomplete, but never different.
        assertThat(manifest.path("evidence_set").path("result").asText())
                .isEqualTo(docs == campaign.evidence().count() ? "match" : "incomplete");
        assertThat(Files.readString(out.resolve("campaign.json"))).contains("\"campaign_id\": \""
                + campaign.campaignId() + "\"");

        EvidenceCommandsTest.Run verified = EvidenceCommandsTest.run(new VerifyEvidenceCommand(), out.toString());
        assertThat(verified.exitCode()).as(verified.out()).isZero();
        assertThat(verified.out()).contains("OK: 5 files and " + docs + " records match manifest.json");
    }

    @Test
    void reexportingGivesTheSameFilesWhateverThePageSize() throws IOException {
        Path first = tmp.resolve("first");
        Path paged = tmp.resolve("paged");

        assertThat(export(first).exitCode()).isZero();
        assertThat(export(paged, "--page-size", "3").exitCode()).isZero();

        for (String name : PackageFiles.SEALED) {
            assertThat(Files.readAllBytes(paged.resolve(name))).as(name).isEqualTo(Files.readAllBytes(first.resolve(name)));
        }
        assertThat(CanonicalJson.parse(Files.readAllBytes(paged.resolve("manifest.json"))).path("query").path("evidence")
                .path("body").path("size").asInt()).isEqualTo(3);
        Path again = tmp.resolve("again");
        assertThat(export(again).exitCode()).isZero();
        for (String name : List.of("campaign.json", "messages.ndjson", "messages.csv", "timeline.txt", "report.html",
                "manifest.json")) {
            assertThat(Files.readAllBytes(again.resolve(name))).as(name).isEqualTo(Files.readAllBytes(first.resolve(name)));
        }
    }

    @Test
    void tamperingIsReportedByName() throws IOException {
        Path out = tmp.resolve("tampered");
        assertThat(export(out).exitCode()).isZero();
        Path ndjson = out.resolve("messages.ndjson");
        List<String> lines = Files.readAllLines(ndjson, StandardCharsets.UTF_8);
        String secondId = CanonicalJson.parse(lines.get(1)).path("message_id").asText();
        byte[] bytes = Files.readAllBytes(ndjson);
        int inSecondLine = lines.get(0).getBytes(StandardCharsets.UTF_8).length + 1 + 10;
        bytes[inSecondLine] ^= 0x01;
        Files.write(ndjson, bytes);
        Path timeline = out.resolve("timeline.txt");
        byte[] t = Files.readAllBytes(timeline);
        t[t.length / 2] ^= 0x01;
        Files.write(timeline, t);

        EvidenceCommandsTest.Run r = EvidenceCommandsTest.run(new VerifyEvidenceCommand(), out.toString());

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).contains("FAIL messages.ndjson: altered", "FAIL timeline.txt: altered",
                "FAIL record " + secondId + " (messages.ndjson line 2): altered or missing", "FAILED: 3 problems");
    }

    @Test
    void unknownCampaignIsReportedWithoutWritingAPackage() {
        Path out = tmp.resolve("none");

        EvidenceCommandsTest.Run r = EvidenceCommandsTest.run(new ExportEvidenceCommand(Map.of(), Clock.systemUTC()),
                "--es", esUrl, "--campaign", "hwc-does-not-exist", "--out", out.toString(), "--prefix", PREFIX);

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("campaign 'hwc-does-not-exist' is not in index " + PREFIX + "campaigns");
        assertThat(out).doesNotExist();
    }
}
