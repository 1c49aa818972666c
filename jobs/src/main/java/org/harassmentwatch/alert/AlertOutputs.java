package org.harassmentwatch.alert;

import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.harassmentwatch.ingest.KafkaClientConfig;
import org.harassmentwatch.sink.BulkSettings;
import org.harassmentwatch.sink.Documents;
import org.harassmentwatch.sink.ElasticsearchEmitter;
import org.harassmentwatch.sink.ElasticsearchSink;
import org.harassmentwatch.sink.EsConnection;
import org.harassmentwatch.sink.IndexRequestSpec;
import org.harassmentwatch.sink.ResultEmitters;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;

/** Where alerts go: the alerts index (id = alert id) and the alert topic (key = campaign id, value = the same JSON). */
public final class AlertOutputs {

    private AlertOutputs() {
    }

    public static void toElasticsearch(DataStream<Alert> alerts, EsConnection connection, ResultEmitters.Indices indices,
                                       BulkSettings bulk) {
        alerts.sinkTo(new ElasticsearchSink<>(connection, emitter(indices.alerts()), bulk,
                        ResultEmitters.rejectionHandler(indices)))
                .uid("sink-es-alerts").name("Elasticsearch: alerts")
                // Own task: waiting for Elasticsearch (checkpoint flush, full requests) must not hold up the alert topic.
                .disableChaining();
    }

    public static void toKafka(DataStream<Alert> alerts, KafkaSink<Alert> sink) {
        alerts.sinkTo(sink).uid("sink-kafka-alerts").name("Kafka: alerts");
    }

    /** One plain index operation per alert: an alert never changes, and a replay rewrites the same id. */
    public static ElasticsearchEmitter<Alert> emitter(String index) {
        return (alert, requests) -> requests.accept(
                IndexRequestSpec.of(index, alert.alertId(), Documents.toJson(Documents.alert(alert))));
    }

    /**
     * The alert topic's records, written with {@code guarantee}; the producer waits at most {@code linger} to batch
     * alerts ({@code linger.ms}).
     */
    public static KafkaSink<Alert> kafkaSink(KafkaClientConfig client, String topic, DeliveryGuarantee guarantee,
                                             String transactionalIdPrefix, Duration linger) {
        Properties producer = client.toProperties();
        producer.put("linger.ms", Long.toString(linger.toMillis()));
        return KafkaSink.<Alert>builder()
                .setKafkaProducerConfig(producer)
                .setBootstrapServers(client.bootstrapServers())
                .setRecordSerializer(new Serializer(topic))
                .setDeliveryGuarantee(guarantee)
                .setTransactionalIdPrefix(transactionalIdPrefix)
                .build();
    }

    /**
     * Key = campaign id (consumers can compact to the latest alert per campaign), value = the alert document. The
     * record timestamp is the producer's clock (when the alert was written), not event time.
     */
    public static final class Serializer implements KafkaRecordSerializationSchema<Alert> {

        private static final long serialVersionUID = 1L;

        private final String topic;

        public Serializer(String topic) {
            if (topic == null || topic.isBlank()) {
                throw new IllegalArgumentException("alert topic is blank");
            }
            this.topic = topic;
        }

        @Override
        public ProducerRecord<byte[], byte[]> serialize(Alert alert, KafkaSinkContext context, Long timestamp) {
            return new ProducerRecord<>(topic, null, null, alert.campaignId().getBytes(StandardCharsets.UTF_8),
                    Documents.toJson(Documents.alert(alert)).getBytes(StandardCharsets.UTF_8));
        }
    }
}
