package org.harassmentwatch.resilience;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.harassmentwatch.job.IndexedResults;
import org.harassmentwatch.job.KafkaTestTopics;
import org.harassmentwatch.job.StreamNames;
import org.harassmentwatch.job.StreamingAssertions;
import org.harassmentwatch.job.StreamingReference;
import org.harassmentwatch.sink.EsConnection;
import org.harassmentwatch.stack.LocalStackExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The job interrupted mid-stream on the session cluster — stopped with a savepoint and started again from it, or its
 * TaskManager killed and replaced — while traffic keeps arriving: the final campaigns must be those of a clean run,
 * and every alert raised once. The interruption comes once a checkpoint covers the first {@link #BEFORE} messages,
 * so the job holds state that campaigns completed only by later messages depend on.
 */
@Tag("e2e")
@ExtendWith(LocalStackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SavepointRestoreIT {

    private static final Duration RESULT_TIMEOUT = Duration.ofSeconds(90);
    private static final int BEFORE = 12_000;
    /** 30,000 messages in 20 s: the interruption falls in the middle of the traffic. */
    private static final double RATE = 1_500;

    private StreamingReference reference;
    private String kafka;
    private String elasticsearch;
    private SessionClusterJob flink;

    @BeforeAll
    void startTheCluster() throws Exception {
        reference = StreamingReference.shared();
        kafka = LocalStackExtension.kafkaBootstrap();
        elasticsearch = LocalStackExtension.elasticsearchUrl();
        flink = SessionClusterJob.start("savepoint-restore-it");
        assertThat(reference.campaignsSpanning(BEFORE))
                .as("campaigns with evidence before and after message %d: only carried state gets them right", BEFORE)
                .isNotEmpty();
    }

    @AfterAll
    void stopTheCluster() {
        if (flink != null) {
            flink.close();
        }
    }

    @Test
    @Order(1)
    void jobStoppedWithASavepointAndRestartedFromItEndsWithTheCampaignsOfACleanRun() throws Exception {
        StreamNames names = StreamNames.fresh("savepoint");
        List<String> args = SessionClusterJob.runArguments(kafka, elasticsearch, names, "savepoint-restore-it");
        KafkaTestTopics.create(kafka, names.messages(), StreamingReference.PARTITIONS);
        Timeline timeline = new Timeline();
        String first = flink.run(args, null);
        timeline.mark("running");
        LiveTraffic traffic = LiveTraffic.start(kafka, names, reference.recordsToTheEnd(0), RATE);
        traffic.awaitCommitted(BEFORE, RESULT_TIMEOUT);
        timeline.mark(String.format("%,d checkpointed", traffic.committed()));

        String savepoint = flink.rest().stopWithSavepoint(first, flink.cluster().savepointsDir());
        timeline.mark("stopped with a savepoint");
        assertThat(flink.rest().jobStatus(first)).isEqualTo("FINISHED");
        assertThat(traffic.isSending()).as("traffic still flowing when the job stopped").isTrue();
        String second = flink.run(args, savepoint);
        timeline.mark("restored job running");
        traffic.awaitSent();
        timeline.mark("traffic sent");

        try (IndexedResults results = new IndexedResults(EsConnection.of(elasticsearch), names.prefix())) {
            List<ConsumerRecord<String, String>> topicAlerts;
            List<ObjectNode> indexedAlerts;
            try {
                topicAlerts = awaitResults(results, names, timeline);
                indexedAlerts = results.all("alerts");
                assertThat(flink.rest().latestFailure(second)).as("failures of job %s", second).isEmpty();
                JsonNode restored = flink.restoredFrom(second).orElseThrow();
                assertThat(restored.get("is_savepoint").asBoolean()).as("restored from %s", restored).isTrue();
                assertThat(restored.get("external_path").asText()).isEqualTo(savepoint);
                System.out.println("SavepointRestoreIT (savepoint): " + timeline);
            } finally {
                flink.cancel(second);
            }
            StreamingAssertions.assertCampaignsAndEvidence(results, reference);
            // The savepoint is a clean cut: nothing is replayed, so not even the at-least-once topic repeats an alert.
            StreamingAssertions.AlertCounts alerts =
                    StreamingAssertions.assertAlerts(reference, topicAlerts, indexedAlerts, false);
            assertThat(results.count("dead-letters")).isZero();
            System.out.printf("SavepointRestoreIT (savepoint): %d campaigns published, %d alerts (%d escalations)%n",
                    alerts.published(), alerts.alerts(), alerts.escalations());
        }
    }

    @Test
    @Order(2)
    void killedTaskManagerIsReplacedAndTheJobRecoversFromItsCheckpointToTheCampaignsOfACleanRun() throws Exception {
        StreamNames names = StreamNames.fresh("tm-kill");
        KafkaTestTopics.create(kafka, names.messages(), StreamingReference.PARTITIONS);
        Timeline timeline = new Timeline();
        String jobId = flink.run(SessionClusterJob.runArguments(kafka, elasticsearch, names, "tm-kill-it"), null);
        timeline.mark("running");
        LiveTraffic traffic = LiveTraffic.start(kafka, names, reference.recordsToTheEnd(0), RATE);
        traffic.awaitCommitted(BEFORE, RESULT_TIMEOUT);
        timeline.mark(String.format("%,d checkpointed", traffic.committed()));

        Optional<String> killed = flink.cluster().killTaskManager();
        timeline.mark("TaskManager killed");
        assertThat(killed).as("a TaskManager was running").isPresent();
        assertThat(traffic.isSending()).as("traffic still flowing when the TaskManager died").isTrue();
        flink.cluster().startTaskManager();
        timeline.mark("new TaskManager registered");
        StreamingAssertions.await(SessionClusterJob.STATUS_TIMEOUT, () -> flink.rest().latestFailure(jobId).isPresent());
        flink.rest().awaitJobStatus(jobId, "RUNNING", SessionClusterJob.STATUS_TIMEOUT);
        timeline.mark("job running again");
        traffic.awaitSent();
        timeline.mark("traffic sent");

        try (IndexedResults results = new IndexedResults(EsConnection.of(elasticsearch), names.prefix())) {
            List<ConsumerRecord<String, String>> topicAlerts;
            List<ObjectNode> indexedAlerts;
            try {
                topicAlerts = awaitResults(results, names, timeline);
                indexedAlerts = results.all("alerts");
                assertThat(flink.rest().latestFailure(jobId)).as("the failover of job %s", jobId).isPresent();
                JsonNode restored = flink.restoredFrom(jobId).orElseThrow();
                assertThat(restored.get("is_savepoint").asBoolean()).as("restored from %s", restored).isFalse();
                assertThat(restored.get("id").asLong()).as("checkpoint restored from").isPositive();
                System.out.printf("SavepointRestoreIT (TaskManager kill): %s; restored from checkpoint %d after: %s%n",
                        timeline, restored.get("id").asLong(), flink.rest().latestFailure(jobId).orElseThrow());
            } finally {
                flink.cancel(jobId);
            }
            StreamingAssertions.assertCampaignsAndEvidence(results, reference);
            // Output since the last checkpoint is replayed: the at-least-once topic may repeat alerts, the index not.
            StreamingAssertions.AlertCounts alerts =
                    StreamingAssertions.assertAlerts(reference, topicAlerts, indexedAlerts, true);
            assertThat(results.count("dead-letters")).isZero();
            System.out.printf("SavepointRestoreIT (TaskManager kill): %d campaigns published, %d alerts (%d escalations), "
                    + "%d alerts repeated on the topic%n", alerts.published(), alerts.alerts(), alerts.escalations(),
                    alerts.repeatsOnTopic());
        }
    }

    /** Waits for the final campaigns and evidence, then reads every alert from the topic once the index has them. */
    private List<ConsumerRecord<String, String>> awaitResults(IndexedResults results, StreamNames names,
                                                              Timeline timeline) throws Exception {
        StreamingAssertions.await(RESULT_TIMEOUT, () -> results.reached(reference));
        timeline.mark("campaigns and evidence complete");
        List<ConsumerRecord<String, String>> topicAlerts =
                KafkaTestTopics.readAll(kafka, names.alerts(), -1, Duration.ofSeconds(4));
        int alerts = StreamingAssertions.alertIds(topicAlerts).size();
        StreamingAssertions.await(RESULT_TIMEOUT, () -> results.count("alerts") >= alerts);
        timeline.mark("alerts read");
        return topicAlerts;
    }
}
