package org.harassmentwatch.ingest;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * Messages from Kafka: each record value becomes a {@link RawRecord} whose source is
 * {@code kafka:TOPIC/PARTITION/OFFSET}. Nothing is judged here: tombstones (null values) and invalid UTF-8 (decoded
 * leniently to U+FFFD) go on to the decoder, which turns them into dead letters with that position.
 *
 * <p>Give the source the job's watermark strategy ({@code HarassmentCampaignJob.watermarks}) in
 * {@code env.fromSource}: the Kafka source then keeps one watermark per partition.
 */
public final class KafkaMessages {

    private KafkaMessages() {
    }

    /**
     * An unbounded source over {@code topics}; with {@code stopAtLatest} it stops at the offsets that were latest
     * when the job started (a catch-up run that ends). {@code fetchMaxWait} is how long the broker may hold a fetch
     * that has no data yet (the consumer's {@code fetch.max.wait.ms}).
     */
    public static KafkaSource<RawRecord> source(KafkaClientConfig client, List<String> topics, String groupId,
                                                StartingOffsets startingOffsets, boolean stopAtLatest,
                                                Duration fetchMaxWait) {
        if (topics.isEmpty()) {
            throw new IllegalArgumentException("no Kafka topic to read: give at least one");
        }
        if (groupId == null || groupId.isBlank()) {
            throw new IllegalArgumentException("Kafka consumer group id is blank");
        }
        KafkaSourceBuilder<RawRecord> builder = KafkaSource.<RawRecord>builder()
                .setProperties(client.toProperties())
                .setBootstrapServers(client.bootstrapServers())
                .setTopics(topics)
                .setGroupId(groupId)
                .setStartingOffsets(startingOffsets.initializer())
                .setProperty("fetch.max.wait.ms", Long.toString(fetchMaxWait.toMillis()))
                .setDeserializer(new RawRecordDeserializer());
        if (stopAtLatest) {
            builder.setBounded(OffsetsInitializer.latest());
        }
        return builder.build();
    }

    /** Record value → {@link RawRecord} with its Kafka position. */
    public static final class RawRecordDeserializer implements KafkaRecordDeserializationSchema<RawRecord> {

        private static final long serialVersionUID = 1L;

        @Override
        public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<RawRecord> out) {
            byte[] value = record.value();
            out.collect(new RawRecord(value == null ? null : new String(value, StandardCharsets.UTF_8),
                    RawRecord.kafkaSource(record.topic(), record.partition(), record.offset())));
        }

        @Override
        public TypeInformation<RawRecord> getProducedType() {
            return TypeInformation.of(RawRecord.class);
        }
    }
}
