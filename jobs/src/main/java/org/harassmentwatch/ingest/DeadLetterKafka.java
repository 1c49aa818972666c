package org.harassmentwatch.ingest;

import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.nio.charset.StandardCharsets;

/**
 * Dead letters as Kafka records: key = the source position ({@code kafka:TOPIC/PARTITION/OFFSET} or
 * {@code file:PATH:LINE}), value = {@link DeadLetterJson}. The record timestamp is left to the producer (the time
 * of writing): an event-time timestamp from old data would fall straight out of a time-based retention.
 */
public final class DeadLetterKafka implements KafkaRecordSerializationSchema<DeadLetter> {

    private static final long serialVersionUID = 1L;

    private final String topic;

    public DeadLetterKafka(String topic) {
        if (topic == null || topic.isBlank()) {
            throw new IllegalArgumentException("dead-letter topic is blank");
        }
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(DeadLetter deadLetter, KafkaSinkContext context, Long timestamp) {
        byte[] key = deadLetter.source() == null ? null : deadLetter.source().getBytes(StandardCharsets.UTF_8);
        return new ProducerRecord<>(topic, null, null, key, DeadLetterJson.toJsonBytes(deadLetter));
    }
}
