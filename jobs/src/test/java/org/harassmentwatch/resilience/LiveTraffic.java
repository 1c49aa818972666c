package org.harassmentwatch.resilience;

import org.harassmentwatch.job.KafkaTestTopics;
import org.harassmentwatch.job.StreamNames;
import org.harassmentwatch.job.StreamingAssertions;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Records sent to a test's input topic at a steady rate on a thread of its own, like live traffic, so that a test can
 * interrupt the job while messages keep arriving. The job's progress is read from its consumer group's committed
 * offsets, which advance when a checkpoint completes: "committed ≥ n" means a checkpoint holds the state of the
 * first n messages. (Flink's Kafka reader sends those commits between fetches; on a quiet topic a fetch waits up to
 * 10 s, so the offsets are only prompt while traffic flows.)
 */
final class LiveTraffic {

    private final String kafka;
    private final StreamNames names;
    private final CompletableFuture<Void> sending;

    private LiveTraffic(String kafka, StreamNames names, List<KafkaTestTopics.Out> records, double perSecond) {
        this.kafka = kafka;
        this.names = names;
        this.sending = CompletableFuture.runAsync(() -> {
            try {
                KafkaTestTopics.produce(kafka, names.messages(), records, perSecond);
            } catch (Exception e) {
                throw new IllegalStateException("cannot produce to " + names.messages(), e);
            }
        });
    }

    static LiveTraffic start(String kafka, StreamNames names, List<KafkaTestTopics.Out> records, double perSecond) {
        return new LiveTraffic(kafka, names, records, perSecond);
    }

    /** Waits until the job's committed offsets cover at least {@code messages} records. */
    void awaitCommitted(long messages, Duration timeout) throws InterruptedException {
        StreamingAssertions.await(timeout, () -> committed() >= messages);
        assertThat(committed()).as("records of %s consumed and checkpointed", names.messages())
                .isGreaterThanOrEqualTo(messages);
    }

    long committed() {
        try {
            return KafkaTestTopics.committed(kafka, names.group(), names.messages());
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the committed offsets of " + names.group(), e);
        }
    }

    boolean isSending() {
        return !sending.isDone();
    }

    /** Waits until every record was sent (and fails if sending failed). */
    void awaitSent() throws Exception {
        sending.get();
    }
}
