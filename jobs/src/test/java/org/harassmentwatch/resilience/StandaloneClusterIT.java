package org.harassmentwatch.resilience;

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
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The production deployment: the shaded job jar uploaded to a standalone session cluster (JobManager and TaskManager
 * JVMs) and its {@code run} command started over REST at parallelism 2, reading the real broker and writing the real
 * Elasticsearch node. The same end-to-end properties as in the MiniCluster ({@code StreamingJobIT}) must hold.
 */
@Tag("e2e")
@ExtendWith(LocalStackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StandaloneClusterIT {

    private static final Duration RESULT_TIMEOUT = Duration.ofSeconds(90);

    private StreamingReference reference;
    private SessionClusterJob flink;
    private String kafka;
    private String elasticsearch;

    @BeforeAll
    void startTheCluster() throws Exception {
        reference = StreamingReference.shared();
        kafka = LocalStackExtension.kafkaBootstrap();
        elasticsearch = LocalStackExtension.elasticsearchUrl();
        flink = SessionClusterJob.start("standalone-cluster-it");
    }

    @AfterAll
    void stopTheCluster() {
        if (flink != null) {
            flink.close();
        }
    }

    @Test
    void jarSubmittedOverRestIndexesTheCampaignsEvidenceAndAlertsOfTheBatchRun() throws Exception {
        StreamNames names = StreamNames.fresh("cluster");
        KafkaTestTopics.create(kafka, names.messages(), StreamingReference.PARTITIONS);
        Timeline timeline = new Timeline();
        String jobId = flink.run(SessionClusterJob.runArguments(kafka, elasticsearch, names, "standalone-cluster-it"), null);
        timeline.mark("running");
        KafkaTestTopics.produce(kafka, names.messages(), reference.recordsToTheEnd(0));
        timeline.mark(String.format("%,d messages sent", reference.traffic().size()));

        try (IndexedResults results = new IndexedResults(EsConnection.of(elasticsearch), names.prefix())) {
            List<ConsumerRecord<String, String>> topicAlerts;
            List<ObjectNode> indexedAlerts;
            try {
                StreamingAssertions.await(RESULT_TIMEOUT, () -> results.reached(reference));
                timeline.mark("campaigns and evidence complete");
                topicAlerts = KafkaTestTopics.readAll(kafka, names.alerts(), -1, Duration.ofSeconds(4));
                StreamingAssertions.await(RESULT_TIMEOUT, () -> results.count("alerts") >= topicAlerts.size());
                indexedAlerts = results.all("alerts");
                timeline.mark("alerts read");
                assertThat(flink.rest().jobStatus(jobId)).isEqualTo("RUNNING");
                assertThat(flink.rest().latestFailure(jobId)).as("failures of job %s", jobId).isEmpty();
                System.out.println("StandaloneClusterIT: " + timeline);
            } finally {
                flink.cancel(jobId);
            }

            StreamingAssertions.assertCampaignsAndEvidence(results, reference);
            StreamingAssertions.AlertCounts alerts =
                    StreamingAssertions.assertAlerts(reference, topicAlerts, indexedAlerts, false);
            assertThat(results.count("dead-letters")).isZero();
            System.out.printf("StandaloneClusterIT: %d campaigns published, %d alerts (%d escalations)%n",
                    alerts.published(), alerts.alerts(), alerts.escalations());
        }
    }
}
