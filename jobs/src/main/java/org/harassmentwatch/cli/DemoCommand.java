package org.harassmentwatch.cli;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.harassmentwatch.generate.GeneratorConfig;
import org.harassmentwatch.generate.GroundTruth;
import org.harassmentwatch.ingest.KafkaClientConfig;
import org.harassmentwatch.ingest.StartingOffsets;
import org.harassmentwatch.job.Checkpointing;
import org.harassmentwatch.job.HarassmentCampaignJob;
import org.harassmentwatch.job.KafkaTopics;
import org.harassmentwatch.job.StreamingJob;
import org.harassmentwatch.sink.ElasticsearchClients;
import org.harassmentwatch.sink.EsConnection;
import org.harassmentwatch.stack.ServiceStatus;
import org.harassmentwatch.stack.StackControl;
import org.harassmentwatch.stack.StackStartException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"The whole thing on this machine, streaming: starts the local stack (a real Elasticsearch node and "
                + "Kafka broker), installs the index templates, creates the topics, starts the streaming job in a local "
                + "Flink, and streams generated traffic with planted campaigns through Kafka into it, with live "
                + "progress. Then it prints the top campaigns with their explanations, the latest alerts and queries "
                + "to paste.",
                "The job keeps running until Ctrl-C (produce more to the messages topic and watch), or use "
                        + "--exit-when-done. The stack keeps running afterwards: stop it with './harassment-watch stack down'."})
public class DemoCommand implements Callable<Integer> {

    private static final Duration QUIET_PERIOD = Duration.ofSeconds(5);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);
    private static final String GROUP_ID = "harassment-watch-demo";

    @Option(names = "--messages", defaultValue = "200000", description = "Messages to generate. Default: ${DEFAULT-VALUE}.")
    long messages;

    @Option(names = "--seed", defaultValue = "42", description = "Generator seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--rate", defaultValue = "0", paramLabel = "MSG/S",
            description = "Messages per second to produce; 0 = as fast as possible. Default: ${DEFAULT-VALUE}.")
    double rate;

    @Option(names = "--partitions", defaultValue = "2", description = "Partitions of the messages topic. Default: ${DEFAULT-VALUE}.")
    int partitions;

    @Option(names = "--exit-when-done",
            description = "Stop the job and exit once every message is consumed and no campaign changed for "
                    + "5 s.")
    boolean exitWhenDone;

    @Option(names = "--data-dir", description = "Folder of the local stack (as for 'stack up'). Default: <java.io.tmpdir>/harassment-watch-stack-<user>.")
    Path dataDir;

    @Option(names = "--prefix", defaultValue = "hw-", description = "Index and topic name prefix. Default: ${DEFAULT-VALUE}.")
    String prefix;

    @Option(names = "--parallelism", defaultValue = "2", description = "Flink parallelism. Default: ${DEFAULT-VALUE}.")
    int parallelism;

    @Option(names = "--top", defaultValue = "5", description = "Campaigns to print. Default: ${DEFAULT-VALUE}.")
    int top;

    @Mixin
    DetectionOptions detection;

    @Override
    public Integer call() throws Exception {
        if (partitions < 1 || rate < 0 || parallelism < 1) {
            System.err.println("error: --partitions and --parallelism must be >= 1 and --rate >= 0");
            return 2;
        }
        GeneratorConfig generator;
        HarassmentCampaignJob.Settings settings;
        try {
            generator = GeneratorConfig.defaults(seed, messages);
            settings = detection.toSettings();
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            return 2;
        }
        Path dir = dataDir != null ? dataDir : StackControl.defaultDataDir();
        step("1/6 starting the local stack in " + dir + " (first start copies jars: ~10-30 s)");
        List<ServiceStatus> services;
        try {
            services = StackControl.up(dir);
        } catch (StackStartException e) {
            System.err.println("error: " + e.getMessage());
            return 1;
        }
        services.forEach(s -> System.out.println("   " + s.endpointLine()));
        String esUrl = endpoint(services, "elasticsearch");
        KafkaClientConfig kafka = KafkaClientConfig.of(endpoint(services, "kafka"));
        EsConnection connection = EsConnection.of(esUrl);

        step("2/6 installing index templates (the demo's indices start empty)");
        try (ElasticsearchClient client = ElasticsearchClients.create(connection)) {
            List<String> indices = List.of("campaigns", "evidence", "alerts", "dead-letters").stream()
                    .map(i -> prefix + i).toList();
            client.indices().delete(d -> d.index(indices).ignoreUnavailable(true).allowNoIndices(true));
        }
        Elastic.installTemplates(connection, prefix, System.out);

        String messagesTopic = prefix + "messages";
        StreamingJob.Config config = StreamingJob.Config.defaults(kafka, connection)
                .withTopics(List.of(messagesTopic), prefix + "dead-letters", prefix + "alerts")
                .withConsumer(GROUP_ID, StartingOffsets.EARLIEST, false)
                .withIndexPrefix(prefix)
                .withDetection(settings, StreamingJob.DEFAULT_ALERT_SUPPRESSION);
        step("3/6 creating topics " + messagesTopic + " (" + partitions + " partitions), " + config.alertTopic() + ", "
                + config.deadLetterTopic() + " (the demo's topics start empty)");
        recreateTopics(kafka, messagesTopic, config.outputTopics());

        step("4/6 starting the streaming job (local Flink, parallelism " + parallelism + ", checkpoints every 5 s)");
        StreamExecutionEnvironment env = new Checkpointing(Duration.ofSeconds(5), "hashmap", null).environment();
        env.setRuntimeMode(RuntimeExecutionMode.STREAMING);
        env.setParallelism(parallelism);
        StreamingJob.build(env, config);
        JobClient job = env.executeAsync("harassment-watch demo");

        step("5/6 streaming " + String.format("%,d", messages) + " generated messages (seed " + seed + ", planted campaigns) "
                + "through Kafka " + (rate > 0 ? "at " + (long) rate + " msg/s" : "as fast as possible"));
        DemoTraffic traffic = new DemoTraffic(kafka, messagesTopic, partitions, generator, rate, settings.maxOutOfOrderness());
        Thread producer = new Thread(traffic, "demo-traffic");
        producer.setDaemon(true);
        long started = System.nanoTime();
        producer.start();
        int outcome = follow(job, traffic, kafka, connection, messagesTopic, started);
        if (outcome != 0) {
            job.cancel();
            return outcome;
        }
        GroundTruth truth = traffic.truth();
        System.out.printf("%n   %,d messages (%d planted campaigns, %d decoys) through Kafka, the job and Elasticsearch in %.1f s%n",
                truth.messages(), truth.campaigns().size(), truth.decoys().size(), (System.nanoTime() - started) / 1e9);

        step("6/6 what is in Elasticsearch");
        printResults(connection, esUrl);
        System.out.println("Topics on Kafka " + kafka.bootstrapServers() + ": " + messagesTopic + " (input), "
                + config.alertTopic() + " (alerts, key = campaign id), " + config.deadLetterTopic() + ".");
        if (exitWhenDone) {
            job.cancel().get(30, TimeUnit.SECONDS);
            System.out.println("Job stopped. Stop the stack with: ./harassment-watch stack down");
            return 0;
        }
        System.out.println("The job keeps running: messages written to " + messagesTopic + " are detected live. "
                + "Ctrl-C stops it; the stack stays up (./harassment-watch stack down).");
        job.getJobExecutionResult().get();
        return 0;
    }

    /** Live progress on one line until everything is consumed and the results are quiet; non-zero on failure. */
    private int follow(JobClient job, DemoTraffic traffic, KafkaClientConfig kafka, EsConnection connection,
                       String topic, long started) throws Exception {
        try (ElasticsearchClient client = ElasticsearchClients.create(connection);
             Admin admin = Admin.create(kafka.toProperties())) {
            Counts last = null;
            long quietSince = System.nanoTime();
            long lastProduced = 0;
            long lastTick = System.nanoTime();
            while (true) {
                Thread.sleep(1000);
                if (traffic.failure() != null) {
                    System.err.println("\nerror: producing to Kafka failed: " + traffic.failure().getMessage());
                    return 1;
                }
                JobStatus status = job.getJobStatus().get(10, TimeUnit.SECONDS);
                if (status.isGloballyTerminalState()) {
                    System.err.println("\nerror: the job ended with status " + status
                            + "; see jobs/target/logs/harassment-watch.log");
                    return 1;
                }
                long now = System.nanoTime();
                long produced = traffic.acknowledged();
                double rateNow = (produced - lastProduced) / ((now - lastTick) / 1e9);
                lastProduced = produced;
                lastTick = now;
                Offsets offsets = offsets(admin, topic);
                Counts counts = counts(client);
                System.out.printf("\r   produced %,d/%,d (%,.0f msg/s) | committed %,d | campaigns %,d | alerts %,d | dead letters %,d   ",
                        produced, messages, rateNow, Math.min(offsets.committed, messages), counts.campaigns,
                        counts.alerts, counts.deadLetters);
                boolean consumed = traffic.finished() && offsets.end > 0 && offsets.committed >= offsets.end;
                if (!consumed || !counts.equals(last)) {
                    quietSince = now;
                } else if (now - quietSince >= QUIET_PERIOD.toNanos()) {
                    System.out.println();
                    return 0;
                }
                last = counts;
            }
        }
    }

    /** Documents in the result indices, and the sum of campaign versions (changes with every campaign update). */
    private record Counts(long campaigns, double versionSum, long alerts, long deadLetters) {
    }

    private Counts counts(ElasticsearchClient client) throws IOException {
        double versions = client.search(s -> s.index(prefix + "campaigns").size(0)
                        .aggregations("versions", a -> a.sum(f -> f.field("version"))), Void.class)
                .aggregations().get("versions").sum().value();
        return new Counts(count(client, "campaigns"), versions, count(client, "alerts"), count(client, "dead-letters"));
    }

    private long count(ElasticsearchClient client, String index) throws IOException {
        return client.count(c -> c.index(prefix + index)).count();
    }

    private record Offsets(long committed, long end) {
    }

    /** The consumer group's committed offsets (advanced at each checkpoint) and the topic's end offsets. */
    private static Offsets offsets(Admin admin, String topic) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(GROUP_ID)
                .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (var p : admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS).get(topic).partitions()) {
            latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest());
        }
        long end = 0;
        for (var e : admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).values()) {
            end += e.offset();
        }
        long done = 0;
        for (var e : committed.entrySet()) {
            if (e.getKey().topic().equals(topic) && e.getValue() != null) {
                done += e.getValue().offset();
            }
        }
        return new Offsets(done, end);
    }

    /** Deletes the demo's topics and consumer group, then creates the topics afresh. */
    private void recreateTopics(KafkaClientConfig kafka, String messagesTopic, List<String> outputs) throws Exception {
        List<String> all = new ArrayList<>(outputs);
        all.add(0, messagesTopic);
        try (Admin admin = Admin.create(kafka.toProperties())) {
            try {
                admin.deleteConsumerGroups(List.of(GROUP_ID)).all().get(ADMIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof GroupIdNotFoundException)) {
                    throw e;
                }
            }
            for (String topic : all) {
                try {
                    admin.deleteTopics(List.of(topic)).all().get(ADMIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                        throw e;
                    }
                }
            }
            long deadline = System.nanoTime() + ADMIN_TIMEOUT.toNanos();
            while (true) {
                try {
                    admin.createTopics(List.of(new NewTopic(messagesTopic, Optional.of(partitions), Optional.empty())))
                            .all().get(ADMIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                    break;
                } catch (ExecutionException e) {
                    // A topic just deleted may still be "marked for deletion" for a moment.
                    if (!(e.getCause() instanceof TopicExistsException) || System.nanoTime() > deadline) {
                        throw e;
                    }
                    Thread.sleep(200);
                }
            }
        }
        while (true) {
            try {
                KafkaTopics.ensure(kafka, outputs, Optional.empty(), Optional.empty(), ADMIN_TIMEOUT);
                if (KafkaTopics.existing(kafka, all, ADMIN_TIMEOUT).size() == all.size()) {
                    return;
                }
            } catch (IllegalStateException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
            Thread.sleep(200);
        }
    }

    private void printResults(EsConnection connection, String esUrl) throws IOException {
        try (ElasticsearchClient client = ElasticsearchClients.create(connection)) {
            client.indices().refresh(r -> r.index(prefix + "*"));
            for (String index : List.of("campaigns", "evidence", "alerts", "dead-letters")) {
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
            SearchResponse<ObjectNode> alerts = client.search(s -> s.index(prefix + "alerts")
                    .sort(o -> o.field(f -> f.field("created_at").order(SortOrder.Desc)))
                    .sort(o -> o.field(f -> f.field("alert_id").order(SortOrder.Asc)))
                    .size(3), ObjectNode.class);
            System.out.println();
            System.out.println("Latest alerts:");
            for (Hit<ObjectNode> hit : alerts.hits().hits()) {
                ObjectNode a = hit.source();
                System.out.printf("  %s  %-9s %s%n", a.path("created_at").asText(), a.path("alert_type").asText(),
                        a.path("reason").asText());
            }
        }
        System.out.println();
        System.out.println("Try:");
        System.out.println("  curl -s '" + esUrl + "/_cluster/health?pretty'");
        System.out.println("  curl -s '" + esUrl + "/" + prefix + "campaigns/_search?pretty&size=3&sort=severity.score:desc'");
        System.out.println("  curl -s '" + esUrl + "/" + prefix + "campaigns/_search?pretty&q=primary_kind:pile_on&size=1'");
        System.out.println("  curl -s '" + esUrl + "/" + prefix + "evidence/_search?pretty&q=categories:threat&size=2'");
        System.out.println("  curl -s '" + esUrl + "/" + prefix + "alerts/_search?pretty&q=alert_type:escalated&size=2&sort=created_at:desc'");
        System.out.println("  curl -s '" + esUrl + "/" + prefix + "dead-letters/_count?pretty'");
    }

    private static String endpoint(List<ServiceStatus> services, String name) {
        return services.stream().filter(s -> s.name().equalsIgnoreCase(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("the stack reported no " + name)).endpoint();
    }

    private static void step(String text) {
        System.out.println("==> " + text);
    }
}
