package org.harassmentwatch.job;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Producing to and reading back from the test broker. */
public final class KafkaTestTopics {

    private KafkaTestTopics() {
    }

    public static void create(String bootstrap, String topic, int partitions) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
    }

    /** A record to send: partition null = the producer's choice. */
    public record Out(Integer partition, String value) {
    }

    /** Sends all values (key null) as fast as possible and returns where each landed, in order. */
    public static List<RecordMetadata> produce(String bootstrap, String topic, List<Out> values) throws Exception {
        return produce(bootstrap, topic, values, 0);
    }

    /**
     * Sends all values (key null) at about {@code perSecond} records a second (0 = as fast as possible), like live
     * traffic, and returns where each landed, in order.
     */
    public static List<RecordMetadata> produce(String bootstrap, String topic, List<Out> values, double perSecond)
            throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(128 * 1024));
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        List<Future<RecordMetadata>> sent = new ArrayList<>(values.size());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            long started = System.nanoTime();
            for (Out v : values) {
                sent.add(producer.send(new ProducerRecord<>(topic, v.partition(), null, v.value())));
                if (perSecond > 0 && sent.size() % 50 == 0) {
                    long aheadMillis = ((long) (sent.size() / perSecond * 1e9) - (System.nanoTime() - started)) / 1_000_000;
                    if (aheadMillis > 0) {
                        Thread.sleep(aheadMillis);
                    }
                }
            }
            producer.flush();
            List<RecordMetadata> out = new ArrayList<>(values.size());
            for (Future<RecordMetadata> f : sent) {
                out.add(f.get(60, TimeUnit.SECONDS));
            }
            return out;
        }
    }

    /** Sum over all partitions of the offsets {@code group} has committed on {@code topic} (0 where none). */
    public static long committed(String bootstrap, String group, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS)
                    .entrySet().stream()
                    .filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
                    .mapToLong(e -> e.getValue().offset()).sum();
        }
    }

    /**
     * Every record of {@code topic} (all partitions, from the start), reading until {@code expected} records arrived
     * or nothing new came for {@code quiet}.
     */
    public static List<ConsumerRecord<String, String>> readAll(String bootstrap, String topic, int expected, Duration quiet) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(4 * 1024 * 1024));
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long lastNew = System.nanoTime();
            while (records.size() < expected || expected < 0) {
                int before = records.size();
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                if (records.size() > before) {
                    lastNew = System.nanoTime();
                } else if (System.nanoTime() - lastNew > quiet.toNanos()) {
                    break;
                }
            }
        }
        return records;
    }
}
