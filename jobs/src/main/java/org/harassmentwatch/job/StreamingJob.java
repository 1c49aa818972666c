package org.harassmentwatch.job;

import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.harassmentwatch.alert.Alert;
import org.harassmentwatch.alert.AlertFunction;
import org.harassmentwatch.alert.AlertOutputs;
import org.harassmentwatch.campaign.CampaignUpdate;
import org.harassmentwatch.ingest.DeadLetter;
import org.harassmentwatch.ingest.DeadLetterKafka;
import org.harassmentwatch.ingest.KafkaClientConfig;
import org.harassmentwatch.ingest.KafkaMessages;
import org.harassmentwatch.ingest.RawRecord;
import org.harassmentwatch.ingest.StartingOffsets;
import org.harassmentwatch.sink.BulkSettings;
import org.harassmentwatch.sink.EsConnection;
import org.harassmentwatch.sink.ResultEmitters;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The streaming job: Kafka messages → the detection graph → Elasticsearch (campaigns, evidence, alerts, dead
 * letters) and Kafka (alerts, dead letters). Used by {@code run} (a real cluster, or a local one) and {@code demo},
 * and by the tests; the caller configures the environment (checkpointing, parallelism) and executes it.
 *
 * <pre>
 * Kafka (watermark per partition) → HarassmentCampaignJob ─┬ campaign updates ─┬→ ES campaigns + evidence
 *                                                          │                   └→ keyBy(campaign) → alerts ─┬→ ES alerts
 *                                                          │                                                └→ Kafka alerts
 *                                                          └ dead letters ─────┬→ ES dead letters
 *                                                                              └→ Kafka dead letters
 * </pre>
 *
 * Every stateful operator has a fixed uid (source-kafka, decode, dedup, detect-*, campaigns, alerts, sink-*), so a
 * savepoint restores into a new build of the job.
 */
public final class StreamingJob {

    public static final String DEFAULT_TOPIC = "hw-messages";
    public static final String DEFAULT_GROUP_ID = "harassment-watch";
    public static final String DEFAULT_DEAD_LETTER_TOPIC = "hw-dead-letters";
    public static final String DEFAULT_ALERT_TOPIC = "hw-alerts";
    public static final String DEFAULT_PREFIX = "hw-";
    public static final Duration DEFAULT_ALERT_SUPPRESSION = Duration.ofMinutes(15);

    private StreamingJob() {
    }

    /** What the job reads and writes; serializable parts only (they travel with the job graph). */
    public record Config(
            KafkaClientConfig kafka,
            List<String> inputTopics,
            String groupId,
            StartingOffsets startingOffsets,
            boolean stopAtLatest,
            String deadLetterTopic,
            String alertTopic,
            DeliveryGuarantee kafkaGuarantee,
            EsConnection elasticsearch,
            String indexPrefix,
            BulkSettings bulk,
            HarassmentCampaignJob.Settings settings,
            Duration alertSuppression,
            LatencySettings latency) implements Serializable {

        private static final long serialVersionUID = 1L;

        public Config {
            Objects.requireNonNull(kafka, "kafka");
            Objects.requireNonNull(elasticsearch, "elasticsearch");
            Objects.requireNonNull(startingOffsets, "startingOffsets");
            Objects.requireNonNull(kafkaGuarantee, "kafkaGuarantee");
            Objects.requireNonNull(bulk, "bulk");
            Objects.requireNonNull(settings, "settings");
            Objects.requireNonNull(latency, "latency");
            latency.checkNoConflict(kafka);
            inputTopics = List.copyOf(inputTopics);
            if (inputTopics.isEmpty() || inputTopics.stream().anyMatch(t -> t == null || t.isBlank())) {
                throw new IllegalArgumentException("input topics must be non-blank names, got " + inputTopics);
            }
            requireName(groupId, "consumer group id");
            requireName(deadLetterTopic, "dead-letter topic");
            requireName(alertTopic, "alert topic");
            if (inputTopics.contains(deadLetterTopic) || inputTopics.contains(alertTopic)) {
                throw new IllegalArgumentException("the job would read its own output: input topics " + inputTopics
                        + " include the dead-letter topic '" + deadLetterTopic + "' or the alert topic '" + alertTopic + "'");
            }
            if (indexPrefix == null) {
                throw new IllegalArgumentException("index prefix is null");
            }
            if (alertSuppression.isNegative()) {
                throw new IllegalArgumentException("alert suppression must not be negative, got " + alertSuppression);
            }
        }

        /** Defaults for everything but where Kafka and Elasticsearch are. */
        public static Config defaults(KafkaClientConfig kafka, EsConnection elasticsearch) {
            return new Config(kafka, List.of(DEFAULT_TOPIC), DEFAULT_GROUP_ID, StartingOffsets.COMMITTED, false,
                    DEFAULT_DEAD_LETTER_TOPIC, DEFAULT_ALERT_TOPIC, DeliveryGuarantee.AT_LEAST_ONCE, elasticsearch,
                    DEFAULT_PREFIX, BulkSettings.defaults().withMaxInFlight(2), HarassmentCampaignJob.Settings.defaults(),
                    DEFAULT_ALERT_SUPPRESSION, LatencySettings.defaults());
        }

        public Config withTopics(List<String> topics, String deadLetters, String alerts) {
            return new Config(kafka, topics, groupId, startingOffsets, stopAtLatest, deadLetters, alerts,
                    kafkaGuarantee, elasticsearch, indexPrefix, bulk, settings, alertSuppression, latency);
        }

        public Config withConsumer(String group, StartingOffsets start, boolean stopAtLatestOffsets) {
            return new Config(kafka, inputTopics, group, start, stopAtLatestOffsets, deadLetterTopic, alertTopic,
                    kafkaGuarantee, elasticsearch, indexPrefix, bulk, settings, alertSuppression, latency);
        }

        public Config withKafkaGuarantee(DeliveryGuarantee guarantee) {
            return new Config(kafka, inputTopics, groupId, startingOffsets, stopAtLatest, deadLetterTopic, alertTopic,
                    guarantee, elasticsearch, indexPrefix, bulk, settings, alertSuppression, latency);
        }

        public Config withIndexPrefix(String prefix) {
            return new Config(kafka, inputTopics, groupId, startingOffsets, stopAtLatest, deadLetterTopic, alertTopic,
                    kafkaGuarantee, elasticsearch, prefix, bulk, settings, alertSuppression, latency);
        }

        public Config withDetection(HarassmentCampaignJob.Settings detection, Duration suppression) {
            return new Config(kafka, inputTopics, groupId, startingOffsets, stopAtLatest, deadLetterTopic, alertTopic,
                    kafkaGuarantee, elasticsearch, indexPrefix, bulk, detection, suppression, latency);
        }

        public Config withLatency(LatencySettings hops) {
            return new Config(kafka, inputTopics, groupId, startingOffsets, stopAtLatest, deadLetterTopic, alertTopic,
                    kafkaGuarantee, elasticsearch, indexPrefix, bulk, settings, alertSuppression, hops);
        }

        /** Output topics, to create before the job writes to them. */
        public List<String> outputTopics() {
            return List.of(deadLetterTopic, alertTopic);
        }

        private static void requireName(String value, String what) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(what + " is " + (value == null ? "missing" : "blank"));
            }
        }
    }

    /** The graph's streams, for callers that attach more (tests collect from them). */
    public record Streams(HarassmentCampaignJob.Outputs outputs, DataStream<Alert> alerts) {
    }

    /** Adds the whole job to {@code env}. Create the output topics first ({@link KafkaTopics#ensure}). */
    public static Streams build(StreamExecutionEnvironment env, Config config) {
        HarassmentCampaignJob.Settings settings = config.settings();
        LatencySettings latency = config.latency();
        env.getConfig().setAutoWatermarkInterval(latency.watermarkInterval().toMillis());
        env.setBufferTimeout(latency.bufferTimeout().toMillis());
        DataStream<RawRecord> raw = env.fromSource(
                        KafkaMessages.source(config.kafka(), config.inputTopics(), config.groupId(),
                                config.startingOffsets(), config.stopAtLatest(), latency.fetchMaxWait()),
                        HarassmentCampaignJob.watermarks(settings), "kafka messages")
                .uid("source-kafka").name("Kafka: " + String.join(",", config.inputTopics()));
        HarassmentCampaignJob.Outputs outputs = HarassmentCampaignJob.build(raw, settings);

        new ElasticsearchOutputs(config.elasticsearch(), config.indexPrefix(), config.bulk()).accept(outputs);
        outputs.deadLetters()
                .sinkTo(kafkaSink(config, new DeadLetterKafka(config.deadLetterTopic()), "dead-letters"))
                .uid("sink-kafka-dead-letters").name("Kafka: dead letters");

        DataStream<Alert> alerts = alerts(outputs.campaigns(), config.alertSuppression(),
                settings.detection().campaignClosedAfter().plus(Duration.ofDays(1)));
        AlertOutputs.toElasticsearch(alerts, config.elasticsearch(),
                ResultEmitters.Indices.withPrefix(config.indexPrefix()), config.bulk());
        AlertOutputs.toKafka(alerts, AlertOutputs.kafkaSink(config.kafka(), config.alertTopic(),
                config.kafkaGuarantee(), transactionalIdPrefix(config, "alerts"), latency.alertLinger()));
        return new Streams(outputs, alerts);
    }

    /** Campaign updates → alerts, keyed by campaign id. */
    public static DataStream<Alert> alerts(DataStream<CampaignUpdate> campaigns, Duration suppression, Duration retention) {
        return campaigns
                .keyBy((KeySelector<CampaignUpdate, String>) u -> u.campaign().campaignId())
                .process(new AlertFunction(suppression, retention))
                .uid("alerts").name("alerts (created / escalated)");
    }

    private static KafkaSink<DeadLetter> kafkaSink(Config config,
            KafkaRecordSerializationSchema<DeadLetter> serializer, String what) {
        return KafkaSink.<DeadLetter>builder()
                .setKafkaProducerConfig(config.kafka().toProperties())
                .setBootstrapServers(config.kafka().bootstrapServers())
                .setRecordSerializer(serializer)
                .setDeliveryGuarantee(config.kafkaGuarantee())
                .setTransactionalIdPrefix(transactionalIdPrefix(config, what))
                .build();
    }

    /** Only used with exactly-once; unique per consumer group so that two deployments do not fence each other. */
    private static String transactionalIdPrefix(Config config, String what) {
        return config.groupId() + "-" + what;
    }
}
