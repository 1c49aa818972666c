package org.harassmentwatch.cli;

import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.harassmentwatch.ingest.KafkaClientConfig;
import org.harassmentwatch.ingest.StartingOffsets;
import org.harassmentwatch.job.Checkpointing;
import org.harassmentwatch.job.KafkaTopics;
import org.harassmentwatch.job.StreamingJob;
import org.harassmentwatch.sink.BulkSettings;
import org.harassmentwatch.sink.EsConnection;
import org.harassmentwatch.sink.EsConnectionOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"The streaming job: reads messages from Kafka, detects campaigns and writes campaigns, evidence, "
                + "alerts and dead letters to Elasticsearch, and alerts and dead letters to Kafka topics.",
                "Submitted to a Flink cluster (flink run harassment-watch-jobs-*-flink-job.jar run ..., or the REST API "
                        + "with programArgsList [\"run\", ...]) it runs there; from the launcher it runs in a local Flink "
                        + "until stopped with Ctrl-C.",
                "Before submitting it installs the index templates and creates the output topics (idempotent; "
                        + "--skip-setup to leave both alone)."})
public class RunCommand implements Callable<Integer> {

    private static final Duration SETUP_TIMEOUT = Duration.ofSeconds(30);

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--topic", split = ",", paramLabel = "TOPIC[,TOPIC...]", defaultValue = StreamingJob.DEFAULT_TOPIC,
            description = "Topics of messages (JSON values). Default: ${DEFAULT-VALUE}.")
    List<String> topics;

    @Option(names = "--group-id", defaultValue = StreamingJob.DEFAULT_GROUP_ID,
            description = "Kafka consumer group (offsets are committed on checkpoints). Default: ${DEFAULT-VALUE}.")
    String groupId;

    @Option(names = "--starting-offsets", defaultValue = "committed", paramLabel = "WHERE",
            description = "Where to start without a checkpoint/savepoint: committed (the group's offsets, earliest where "
                    + "none), earliest, latest, or timestamp:<ISO-8601 or epoch millis>. Default: ${DEFAULT-VALUE}.")
    String startingOffsets;

    @Option(names = "--stop-at-latest",
            description = "Stop at the offsets that are latest when the job starts (a catch-up run that ends).")
    boolean stopAtLatest;

    @Option(names = "--dead-letter-topic", defaultValue = StreamingJob.DEFAULT_DEAD_LETTER_TOPIC,
            description = "Topic for rejected records (key = source position). Default: ${DEFAULT-VALUE}.")
    String deadLetterTopic;

    @Option(names = "--alert-topic", defaultValue = StreamingJob.DEFAULT_ALERT_TOPIC,
            description = "Topic for alerts (key = campaign id). Default: ${DEFAULT-VALUE}.")
    String alertTopic;

    @Option(names = "--kafka-guarantee", defaultValue = "at-least-once", paramLabel = "at-least-once|exactly-once",
            description = "Delivery to the output topics. at-least-once sends at once (alerts carry deterministic ids, "
                    + "so consumers can drop repeats); exactly-once makes them visible to read_committed consumers only "
                    + "at each checkpoint. Default: ${DEFAULT-VALUE}.")
    String kafkaGuarantee;

    @Option(names = "--topic-partitions", description = "Partitions of output topics this command creates (default: the broker's num.partitions).")
    Integer topicPartitions;

    @Option(names = "--topic-replication", description = "Replication factor of output topics this command creates (default: the broker's default.replication.factor).")
    Short topicReplication;

    @Mixin
    EsConnectionOptions es;

    @Option(names = "--prefix", defaultValue = StreamingJob.DEFAULT_PREFIX,
            description = "Prefix of the index names. Default: ${DEFAULT-VALUE}.")
    String prefix;

    @Option(names = "--alert-suppression", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "An escalation by sender count within this much event time of a campaign's last alert is held "
                    + "back and sent once when the period ends (a tier rise is never held back). Default: 15m.")
    Duration alertSuppression = StreamingJob.DEFAULT_ALERT_SUPPRESSION;

    @Mixin
    CheckpointOptions checkpoints;

    @Option(names = "--parallelism", description = "Job parallelism (default: the cluster's, or -p of flink run; locally the number of cores).")
    Integer parallelism;

    @Option(names = "--job-name", defaultValue = "harassment-watch", description = "Flink job name. Default: ${DEFAULT-VALUE}.")
    String jobName;

    @Option(names = "--skip-setup", description = "Do not install index templates or create output topics.")
    boolean skipSetup;

    @Mixin
    DetectionOptions detection;

    @Mixin
    LatencyOptions latency;

    @Override
    public Integer call() throws Exception {
        PrintStream log = System.err;
        // Bad values throw IllegalArgumentException naming them: one "error:" line locally, the submission's
        // failure reason under a Flink client.
        KafkaClientConfig client = kafka.toConfig(System.getenv());
        EsConnection connection = es.toConnection(System.getenv());
        StreamingJob.Config config = StreamingJob.Config.defaults(client, connection)
                .withTopics(topics, deadLetterTopic, alertTopic)
                .withConsumer(groupId, StartingOffsets.parse(startingOffsets), stopAtLatest)
                .withKafkaGuarantee(guarantee(kafkaGuarantee))
                .withIndexPrefix(prefix)
                .withDetection(detection.toSettings(), alertSuppression)
                .withLatency(latency.toSettings());
        Checkpointing checkpointing = checkpoints.toCheckpointing();
        log.printf("run: %s (group %s, from %s%s) -> %s; alerts -> %s, dead letters -> %s%n",
                String.join(",", config.inputTopics()), config.groupId(), config.startingOffsets(),
                stopAtLatest ? ", stopping at the latest offsets" : "", config.elasticsearch(), config.alertTopic(),
                config.deadLetterTopic());
        log.printf("run: Kafka %s; checkpoints %s; watermark lag %s, idleness %s; %s; alert suppression %s%n",
                config.kafka(), checkpointing, DurationConverter.format(config.settings().maxOutOfOrderness()),
                DurationConverter.format(config.settings().idleness()), config.latency(),
                DurationConverter.format(alertSuppression));

        if (!skipSetup) {
            Elastic.installTemplates(config.elasticsearch(), prefix, log);
            List<KafkaTopics.Result> created = KafkaTopics.ensure(config.kafka(), config.outputTopics(),
                    Optional.ofNullable(topicPartitions), Optional.ofNullable(topicReplication), SETUP_TIMEOUT);
            log.println("run: output topics " + created);
            Set<String> inputs = KafkaTopics.existing(config.kafka(), config.inputTopics(), SETUP_TIMEOUT);
            if (inputs.size() < config.inputTopics().size()) {
                log.println("run: warning: input topic(s) " + config.inputTopics().stream().filter(t -> !inputs.contains(t)).toList()
                        + " do not exist yet; the source picks them up once created (partition discovery)");
            }
        }

        StreamExecutionEnvironment env = checkpointing.environment();
        if (checkpointing.enabled()) {
            log.println("run: checkpoints go to " + Checkpointing.storageOf(env));
        }
        env.setRuntimeMode(RuntimeExecutionMode.STREAMING);
        if (parallelism != null) {
            env.setParallelism(parallelism);
        }
        StreamingJob.build(env, config);
        JobExecutionResult result = env.execute(jobName);
        log.println("run: job " + result.getJobID() + (result.isJobExecutionResult()
                ? " ended after " + result.getNetRuntime() / 1000.0 + " s" : " submitted"));
        return 0;
    }

    static DeliveryGuarantee guarantee(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "at-least-once" -> DeliveryGuarantee.AT_LEAST_ONCE;
            case "exactly-once" -> DeliveryGuarantee.EXACTLY_ONCE;
            default -> throw new IllegalArgumentException("--kafka-guarantee must be at-least-once or exactly-once, got '"
                    + value + "'");
        };
    }
}
