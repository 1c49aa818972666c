package org.harassmentwatch.notebooks;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.SortOrder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.harassmentwatch.generate.GeneratorConfig;
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
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The notebooks of {@code notebooks/} run top to bottom, against real data in the local stack's Elasticsearch node,
 * and draw their plots. The data is demo-like: 50,000 generated messages (seed 42) through the detection job into
 * templated indices under their own prefix, as {@code ./harassment-watch demo} does. The backtest notebook drives
 * the real launcher, whose build ({@code jobs/target/launcher.classpath}) exists because failsafe runs after
 * {@code package}. Executed copies and nbconvert logs: {@code jobs/target/notebooks/}.
 */
@ExtendWith(LocalStackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NotebooksIT {

    private static final String PREFIX = "it-nb-";
    private static final long MESSAGES = 50_000;
    private static final long SEED = 42;

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    private final Path module = Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
            .toAbsolutePath().normalize();
    private final Path repo = module.getParent();
    private final Path notebooks = repo.resolve("notebooks");
    private final Path work = module.resolve("target").resolve("notebooks");
    private final NotebookExecutor executor = new NotebookExecutor(work, Duration.ofMinutes(10));

    private ElasticsearchClient client;
    private String esUrl;

    @BeforeAll
    void loadDemoData() throws Exception {
        List<String> missing = NotebookTooling.missingDebianPackages();
        assertThat(missing).as(NotebookTooling.installHint(missing)).isEmpty();

        esUrl = LocalStackExtension.elasticsearchUrl();
        EsConnection connection = EsConnection.of(esUrl);
        client = ElasticsearchClients.create(connection);
        client.indices().delete(d -> d.index(PREFIX + "*").allowNoIndices(true));
        TemplateInstaller installer = new TemplateInstaller(client, TemplateInstaller.loadBundled(PREFIX));
        installer.install();
        installer.ensureIndices(0);

        Path data = work.resolve("data");
        Files.createDirectories(data);
        TrafficGenerator.generate(GeneratorConfig.defaults(SEED, MESSAGES), data, (written, total) -> { });
        BatchRun.run(List.of(data.resolve(TrafficGenerator.MESSAGES_FILE)), HarassmentCampaignJob.Settings.defaults(),
                2, RuntimeExecutionMode.BATCH,
                new ElasticsearchOutputs(connection, PREFIX, BulkSettings.defaults().withMaxInFlight(2)),
                u -> { }, d -> { });
        client.indices().refresh(r -> r.index(PREFIX + "*"));
        assertThat(liveCampaigns()).as("campaigns indexed from the generated data").isPositive();
    }

    @AfterAll
    void closeClient() throws IOException {
        if (client != null) {
            client.close();
        }
    }

    @Test
    void exploreCampaignsNotebookCountsTheIndexedCampaignsAndPlotsThem() throws Exception {
        long merged = client.count(c -> c.index(PREFIX + "campaigns")
                .query(q -> q.term(t -> t.field("status").value("merged")))).count();

        ExecutedNotebook run = executor.execute(notebook("explore_campaigns"), "explore_campaigns", esEnv(Map.of()));

        assertRanWithPlots(run, 5);
        assertThat(run.text()).contains(liveCampaigns() + " campaigns (" + merged + " more were merged into them)");
    }

    @Test
    void campaignNetworkNotebookShowsTheMostSevereCampaignByDefault() throws Exception {
        String top = client.search(s -> s.index(PREFIX + "campaigns").size(1)
                        .query(q -> q.bool(b -> b.mustNot(m -> m.term(t -> t.field("status").value("merged")))))
                        .sort(o -> o.field(f -> f.field("severity.score").order(SortOrder.Desc)))
                        .sort(o -> o.field(f -> f.field("sender_count").order(SortOrder.Desc)))
                        .sort(o -> o.field(f -> f.field("campaign_id").order(SortOrder.Asc))), ObjectNode.class)
                .hits().hits().get(0).source().path("campaign_id").asText();

        ExecutedNotebook run = executor.execute(notebook("campaign_network"), "campaign_network", esEnv(Map.of()));

        assertRanWithPlots(run, 2);
        assertThat(run.text()).contains("campaign " + top + " (");
    }

    @Test
    void campaignNetworkNotebookDrawsTheCampaignNamedInHwCampaign() throws Exception {
        // A coordinated campaign: several senders and several targets, the case a one-target pile-on cannot show.
        var hits = client.search(s -> s.index(PREFIX + "campaigns").size(1)
                .query(q -> q.bool(b -> b
                        .filter(f -> f.term(t -> t.field("primary_kind").value("coordinated")))
                        .filter(f -> f.range(r -> r.number(n -> n.field("target_count").gte(2.0))))
                        .mustNot(m -> m.term(t -> t.field("status").value("merged")))))
                .sort(o -> o.field(f -> f.field("campaign_id").order(SortOrder.Asc))), ObjectNode.class).hits().hits();
        assertThat(hits).as("coordinated campaigns with several targets in the generated data").isNotEmpty();
        ObjectNode chosen = hits.get(0).source();
        String id = chosen.path("campaign_id").asText();

        ExecutedNotebook run = executor.execute(notebook("campaign_network"), "campaign_network-" + id,
                esEnv(Map.of("HW_CAMPAIGN", id)));

        assertRanWithPlots(run, 2);
        assertThat(run.text()).contains("campaign " + id + " (")
                .contains(chosen.path("sender_count").asInt() + " senders -> " + chosen.path("target_count").asInt()
                        + " targets");
    }

    @Test
    void thresholdBacktestNotebookRunsEvalPerThresholdAndPlotsPrecisionAndRecall() throws Exception {
        Path launcherBuild = module.resolve("target").resolve("launcher.classpath");
        assertThat(launcherBuild).as("the launcher's build; run 'mvn package' (verify does) first").isRegularFile();
        Path backtest = work.resolve("backtest");
        deleteRecursively(backtest);

        ExecutedNotebook run = executor.execute(notebook("threshold_backtest"), "threshold_backtest",
                Map.of("HW_REPO", repo.toString(), "HW_BACKTEST_DIR", backtest.toString(),
                        "HW_BACKTEST_MESSAGES", "50000"));

        assertRanWithPlots(run, 2);
        List<Path> reports;
        try (Stream<Path> files = Files.walk(backtest)) {
            reports = files.filter(p -> p.getFileName().toString().startsWith("report_")).sorted().toList();
        }
        // 6 abusive thresholds + 5 pile-on sizes, the default point shared by both sweeps.
        assertThat(reports).hasSize(10);
        ObjectMapper json = new ObjectMapper();
        for (Path report : reports) {
            JsonNode overall = json.readTree(report.toFile()).path("overall");
            assertThat(overall.path("planted").asInt()).as("planted campaigns in " + report).isPositive();
            assertThat(overall.path("recall").asDouble()).as("recall in " + report).isBetween(0.0, 1.0);
        }
        assertThat(run.text()).contains("10 points: 10 eval runs now");
    }

    private Path notebook(String name) {
        return notebooks.resolve(name + ".ipynb");
    }

    private Map<String, String> esEnv(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(extra);
        env.put("HW_ES_URL", esUrl);
        env.put("HW_PREFIX", PREFIX);
        return env;
    }

    private long liveCampaigns() throws IOException {
        return client.count(c -> c.index(PREFIX + "campaigns")
                .query(q -> q.bool(b -> b.mustNot(m -> m.term(t -> t.field("status").value("merged")))))).count();
    }

    private static void assertRanWithPlots(ExecutedNotebook run, int minimumPlots) {
        assertThat(run.errors()).as("error outputs in " + run.file()).isEmpty();
        assertThat(run.pngOutputs()).as("image/png outputs (plots) in " + run.file()).isGreaterThanOrEqualTo(minimumPlots);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
