package org.harassmentwatch.cli;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.harassmentwatch.generate.GeneratorConfig;
import org.harassmentwatch.generate.GroundTruth;
import org.harassmentwatch.generate.TrafficGenerator;
import org.harassmentwatch.job.BatchRun;
import org.harassmentwatch.job.ElasticsearchOutputs;
import org.harassmentwatch.job.HarassmentCampaignJob;
import org.harassmentwatch.sink.BulkSettings;
import org.harassmentwatch.sink.ElasticsearchClients;
import org.harassmentwatch.sink.EsConnection;
import org.harassmentwatch.stack.ServiceStatus;
import org.harassmentwatch.stack.StackControl;
import org.harassmentwatch.stack.StackStartException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"The whole thing on this machine: starts the local stack (a real Elasticsearch node and Kafka "
                + "broker), installs the index templates, generates traffic with planted campaigns, runs the detection "
                + "job on it in a local Flink, indexes campaigns, evidence and dead letters into Elasticsearch, then "
                + "prints the top campaigns with their explanations and queries to paste.",
                "The stack keeps running afterwards: stop it with './harassment-watch stack down'."})
public class DemoCommand implements Callable<Integer> {

    @Option(names = "--messages", defaultValue = "200000", description = "Messages to generate. Default: ${DEFAULT-VALUE}.")
    long messages;

    @Option(names = "--seed", defaultValue = "42", description = "Generator seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--data-dir", description = "Folder of the local stack (as for 'stack up'). Default: <java.io.tmpdir>/harassment-watch-stack-<user>.")
    Path dataDir;

    @Option(names = "--prefix", defaultValue = "hw-", description = "Index name prefix. Default: ${DEFAULT-VALUE}.")
    String prefix;

    @Option(names = "--parallelism", defaultValue = "2", description = "Flink parallelism. Default: ${DEFAULT-VALUE}.")
    int parallelism;

    @Option(names = "--top", defaultValue = "5", description = "Campaigns to print. Default: ${DEFAULT-VALUE}.")
    int top;

    @Override
    public Integer call() throws Exception {
        Path dir = dataDir != null ? dataDir : StackControl.defaultDataDir();
        step("1/5 starting the local stack in " + dir + " (first start copies jars: ~10-30 s)");
        List<ServiceStatus> services;
        try {
            services = StackControl.up(dir);
        } catch (StackStartException e) {
            System.err.println("error: " + e.getMessage());
            return 1;
        }
        services.forEach(s -> System.out.println("   " + s.endpointLine()));
        String esUrl = services.stream().filter(s -> s.name().equalsIgnoreCase("elasticsearch")).findFirst()
                .orElseThrow(() -> new IllegalStateException("the stack reported no Elasticsearch")).endpoint();

        step("2/5 installing index templates (the demo's indices start empty)");
        EsConnection connection = EsConnection.of(esUrl);
        try (ElasticsearchClient client = ElasticsearchClients.create(connection)) {
            List<String> indices = List.of("campaigns", "evidence", "alerts", "dead-letters").stream()
                    .map(i -> prefix + i).toList();
            client.indices().delete(d -> d.index(indices).ignoreUnavailable(true).allowNoIndices(true));
        }
        Elastic.installTemplates(connection, prefix, System.out);

        Path demoDir = dir.resolve("demo-data");
        Files.createDirectories(demoDir);
        step("3/5 generating " + messages + " messages (seed " + seed + ") into " + demoDir);
        GroundTruth truth = TrafficGenerator.generate(GeneratorConfig.defaults(seed, messages), demoDir,
                (written, total) -> { });
        System.out.printf("   %d messages, %d planted campaigns, %d decoys%n", truth.messages(),
                truth.campaigns().size(), truth.decoys().size());

        step("4/5 running the detection job (Flink, parallelism " + parallelism + ") into Elasticsearch");
        AtomicLong updates = new AtomicLong();
        AtomicLong dead = new AtomicLong();
        BatchRun.Result result = BatchRun.run(List.of(demoDir.resolve(TrafficGenerator.MESSAGES_FILE)),
                HarassmentCampaignJob.Settings.defaults(), parallelism, RuntimeExecutionMode.BATCH,
                new ElasticsearchOutputs(connection, prefix, BulkSettings.defaults().withMaxInFlight(2)),
                u -> progress(updates.incrementAndGet(), dead.get()), d -> dead.incrementAndGet());
        long merged = result.finalCampaigns().stream().filter(c -> "merged".equals(c.status())).count();
        System.out.printf("%n   %d campaigns (and %d merged into them; %d updates), %d dead letters, %.1f s%n",
                result.finalCampaigns().size() - merged, merged, result.campaignUpdates(), result.deadLetters(),
                result.wallMillis() / 1000.0);

        step("5/5 what is in Elasticsearch");
        try (ElasticsearchClient client = ElasticsearchClients.create(connection)) {
            client.indices().refresh(r -> r.index(prefix + "*"));
            for (String index : List.of("campaigns", "evidence", "dead-letters")) {
                long n = client.count(c -> c.index(prefix + index)).count();
                System.out.printf("   %-14s %,d documents%n", prefix + index, n);
            }
            SearchResponse<ObjectNode> topCampaigns = client.search(s -> s.index(prefix + "campaigns")
                    .query(q -> q.bool(b -> b.mustNot(m -> m.term(t -> t.field("status").value("merged")))))
                    .sort(o -> o.field(f -> f.field("severity.score").order(SortOrder.Desc)))
                    .sort(o -> o.field(f -> f.field("campaign_id").order(SortOrder.Asc)))
                    .size(top), ObjectNode.class);
            System.out.println();
            System.out.println("Top campaigns by severity:");
            for (Hit<ObjectNode> hit : topCampaigns.hits().hits()) {
                ObjectNode c = hit.source();
                System.out.printf("%n  %s  [%s, %s %d/100]  %d senders -> %d targets%n", c.path("campaign_id").asText(),
                        c.path("primary_kind").asText(), c.path("severity").path("tier").asText(),
                        c.path("severity").path("score").asInt(), c.path("sender_count").asInt(),
                        c.path("target_count").asInt());
                System.out.println("    " + c.path("explanation").asText());
                c.path("legal_elements").forEach(l -> System.out.println("    - " + l.path("provision").asText()
                        + ": " + l.path("facts").asText()));
            }
        }
        System.out.println();
        System.out.println("Try:");
        System.out.println("  curl -s '" + esUrl + "/_cluster/health?pretty'");
        System.out.println("  curl -s '" + esUrl + "/" + prefix + "campaigns/_search?pretty&size=3&sort=severity.score:desc'");
        System.out.println("  curl -s '" + esUrl + "/" + prefix + "campaigns/_search?pretty&q=primary_kind:pile_on&size=1'");
        System.out.println("  curl -s '" + esUrl + "/" + prefix + "evidence/_search?pretty&q=categories:threat&size=2'");
        System.out.println("  curl -s '" + esUrl + "/" + prefix + "dead-letters/_count?pretty'");
        System.out.println("Stop the stack with: ./harassment-watch stack down");
        return 0;
    }

    private static void step(String text) {
        System.out.println("==> " + text);
    }

    private static void progress(long updates, long dead) {
        if (updates % 250 == 0) {
            System.out.printf("\r   campaign updates: %,d", updates);
        }
    }
}
