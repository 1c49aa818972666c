package org.harassmentwatch.ingest;

import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KafkaMessagesTest {

    private static List<RawRecord> deserialize(byte[] value) {
        List<RawRecord> out = new ArrayList<>();
        new KafkaMessages.RawRecordDeserializer().deserialize(
                new ConsumerRecord<>("hw-messages", 3, 1234L, null, value), new Collector<>() {
                    @Override
                    public void collect(RawRecord record) {
                        out.add(record);
                    }

                    @Override
                    public void close() {
                    }
                });
        return out;
    }

    @Test
    void valueBecomesARawRecordWithItsKafkaPosition() {
        assertThat(deserialize("{\"a\":\"é\"}".getBytes(StandardCharsets.UTF_8)))
                .containsExactly(new RawRecord("{\"a\":\"é\"}", "kafka:hw-messages/3/1234"));
    }

    @Test
    void tombstonesAndInvalidUtf8GoOnToTheDecoderRatherThanBeingDropped() {
        assertThat(deserialize(null)).containsExactly(new RawRecord(null, "kafka:hw-messages/3/1234"));
        assertThat(deserialize(new byte[] {'{', (byte) 0xC3, '}'}))
                .containsExactly(new RawRecord("{\uFFFD}", "kafka:hw-messages/3/1234"));
    }

    @Test
    void sourceNeedsTopicsAndAGroup() {
        KafkaClientConfig kafka = KafkaClientConfig.of("b:9092");
        assertThatThrownBy(() -> KafkaMessages.source(kafka, List.of(), "g", StartingOffsets.COMMITTED, false, Duration.ofMillis(500)))
                .hasMessage("no Kafka topic to read: give at least one");
        assertThatThrownBy(() -> KafkaMessages.source(kafka, List.of("t"), " ", StartingOffsets.COMMITTED, false, Duration.ofMillis(500)))
                .hasMessage("Kafka consumer group id is blank");
        assertThat(KafkaMessages.source(kafka, List.of("t"), "g", StartingOffsets.LATEST, true, Duration.ofMillis(500)).getBoundedness())
                .isEqualTo(org.apache.flink.api.connector.source.Boundedness.BOUNDED);
    }
}
