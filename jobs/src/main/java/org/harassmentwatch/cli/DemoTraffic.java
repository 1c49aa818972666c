package org.harassmentwatch.cli;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.harassmentwatch.generate.GeneratorConfig;
import org.harassmentwatch.generate.GroundTruth;
import org.harassmentwatch.generate.TrafficGenerator;
import org.harassmentwatch.generate.TrafficStream;
import org.harassmentwatch.ingest.EndOfTrafficMarker;
import org.harassmentwatch.ingest.KafkaClientConfig;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The demo's producer thread: generated traffic (with planted campaigns) into the input topic, as fast as possible or
 * at a fixed rate, then one {@link EndOfTrafficMarker} per partition so the event-time watermark passes the last
 * message. Record timestamps are the producer's clock (event time stays in the JSON).
 */
final class DemoTraffic implements Runnable {

    private final KafkaClientConfig kafka;
    private final String topic;
    private final int partitions;
    private final GeneratorConfig generator;
    private final double ratePerSecond;
    private final Duration watermarkLag;
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private volatile GroundTruth truth;
    private volatile boolean finished;

    DemoTraffic(KafkaClientConfig kafka, String topic, int partitions, GeneratorConfig generator, double ratePerSecond,
                Duration watermarkLag) {
        this.kafka = kafka;
        this.topic = topic;
        this.partitions = partitions;
        this.generator = generator;
        this.ratePerSecond = ratePerSecond;
        this.watermarkLag = watermarkLag;
    }

    @Override
    public void run() {
        Properties p = kafka.toProperties();
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.LINGER_MS_CONFIG, "10");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
            TrafficStream stream = TrafficGenerator.stream(generator);
            long started = System.nanoTime();
            long sent = 0;
            while (stream.advance() && failure.get() == null) {
                byte[] value = Arrays.copyOf(stream.lineBytes(), stream.lineLength() - 1); // without the newline
                producer.send(new ProducerRecord<>(topic, value), (metadata, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    } else {
                        acknowledged.incrementAndGet();
                    }
                });
                sent++;
                if (ratePerSecond > 0 && sent % 50 == 0) {
                    long dueNanos = (long) (sent / ratePerSecond * 1e9);
                    long aheadMillis = (dueNanos - (System.nanoTime() - started)) / 1_000_000;
                    if (aheadMillis > 0) {
                        Thread.sleep(aheadMillis);
                    }
                }
            }
            long markerTime = generator.end().toEpochMilli() + watermarkLag.toMillis() + 60_000;
            for (int partition = 0; partition < partitions; partition++) {
                producer.send(new ProducerRecord<>(topic, partition, null, EndOfTrafficMarker.json(generator.platform(),
                        partition, markerTime).getBytes(StandardCharsets.UTF_8)));
            }
            producer.flush();
            if (failure.get() == null) {
                truth = stream.truth();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            failure.compareAndSet(null, e);
        } finally {
            finished = true;
        }
    }

    /** Generated messages Kafka acknowledged so far (markers not counted). */
    long acknowledged() {
        return Math.min(acknowledged.get(), generator.messages());
    }

    boolean finished() {
        return finished;
    }

    Exception failure() {
        return failure.get();
    }

    /** What was planted; null until every message was sent. */
    GroundTruth truth() {
        return truth;
    }
}
