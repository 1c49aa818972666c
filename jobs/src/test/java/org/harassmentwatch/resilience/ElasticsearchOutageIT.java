package org.harassmentwatch.resilience;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.harassmentwatch.job.IndexedResults;
import org.harassmentwatch.job.KafkaTestTopics;
import org.harassmentwatch.job.StreamNames;
import org.harassmentwatch.job.StreamingAssertions;
import org.harassmentwatch.job.StreamingReference;
import org.harassmentwatch.sink.EsConnection;
import org.harassmentwatch.stack.LocalStack;
import org.harassmentwatch.stack.LocalStackExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Elasticsearch stopped for more than 30 s while traffic flows, then started again on the same port with its data:
 * the job on the session cluster must ride it out without a restart (its sinks block and retry, never drop), and
 * end with exactly the campaigns of a clean run — none lost, none stored twice, none at a stale version. The node is
 * a dedicated one (the shared test node must stay up for the other tests); Kafka is the shared broker.
 */
@Tag("e2e")
@ExtendWith(LocalStackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ElasticsearchOutageIT {

    private static final Duration OUTAGE = Duration.ofSeconds(30);
    private static final Duration RESULT_TIMEOUT = Duration.ofSeconds(90);
    /** Messages consumed and checkpointed before Elasticsearch stops. */
    private static final int BEFORE_OUTAGE = 8_000;
    /** 30,000 messages in 46 s: traffic flows all through the outage. */
    private static final double RATE = 650;

    private StreamingReference reference;
    private String kafka;
    private Path esDataDir;
    private LocalStack elasticsearch;
    private int esPort;
    private SessionClusterJob flink;

    @BeforeAll
    void startDedicatedElasticsearchAndTheCluster() throws Exception {
        reference = StreamingReference.shared();
        kafka = LocalStackExtension.kafkaBootstrap();
        // Next to the shared stack's folder, which the extension chose so that Elasticsearch's user can reach it.
        Path shared = LocalStackExtension.stack().dataDir();
        esDataDir = shared.resolveSibling(shared.getFileName() + "-es-outage-it");
        CompletableFuture<SessionClusterJob> cluster =
                CompletableFuture.supplyAsync(() -> SessionClusterJob.start("es-outage-it"));
        try {
            elasticsearch = startElasticsearch(0, true);
            esPort = URI.create(elasticsearch.elasticsearchUrl()).getPort();
        } finally {
            flink = cluster.join();
        }
    }

    private LocalStack startElasticsearch(int port, boolean fresh) {
        LocalStack.Builder builder = LocalStack.builder().dataDir(esDataDir).withElasticsearch()
                .elasticsearchHeap("512m").freshData(fresh);
        if (port > 0) {
            builder.elasticsearchHttpPort(port);
        }
        return builder.build().start();
    }

    @AfterAll
    void stopAll() {
        try {
            if (flink != null) {
                flink.close();
            }
        } finally {
            if (elasticsearch != null) {
                elasticsearch.close();
            }
        }
    }

    @Test
    void jobRidesOutAThirtySecondOutageAndEndsWithExactlyTheCampaignsOfACleanRun() throws Exception {
        StreamNames names = StreamNames.fresh("outage");
        String esUrl = elasticsearch.elasticsearchUrl();
        KafkaTestTopics.create(kafka, names.messages(), StreamingReference.PARTITIONS);
        Timeline timeline = new Timeline();
        String jobId = flink.run(SessionClusterJob.runArguments(kafka, esUrl, names, "es-outage-it"), null);
        timeline.mark("running");
        List<ConsumerRecord<String, String>> topicAlerts;
        List<ObjectNode> indexedAlerts;
        try (IndexedResults results = new IndexedResults(EsConnection.of(esUrl), names.prefix());
             JobStatusWatch watch = new JobStatusWatch(flink.rest(), jobId)) {
            try {
                LiveTraffic traffic = LiveTraffic.start(kafka, names, reference.recordsToTheEnd(0), RATE);
                // State in the job and documents in the index before the outage: the job has something to lose.
                traffic.awaitCommitted(BEFORE_OUTAGE, RESULT_TIMEOUT);
                StreamingAssertions.await(RESULT_TIMEOUT, () -> results.count("campaigns") > 0);
                assertThat(results.campaignVersions()).as("campaigns before the outage")
                        .isNotEmpty().isNotEqualTo(reference.expectedVersions());
                timeline.mark(String.format("%,d checkpointed", traffic.committed()));

                elasticsearch.close();
                double down = timeline.mark("Elasticsearch stopped");
                assertThatThrownBy(() -> results.count("campaigns")).as("Elasticsearch is down")
                        .isInstanceOf(UncheckedIOException.class);
                assertThat(traffic.isSending()).as("traffic still flowing when Elasticsearch stopped").isTrue();
                Thread.sleep(OUTAGE.toMillis());
                assertThat(flink.rest().jobStatus(jobId)).as("job status after %s without Elasticsearch", OUTAGE)
                        .isEqualTo("RUNNING");
                timeline.mark("starting Elasticsearch");
                elasticsearch = startElasticsearch(esPort, false);
                double up = timeline.mark("Elasticsearch green");
                assertThat(elasticsearch.elasticsearchUrl()).isEqualTo(esUrl);
                traffic.awaitSent();
                timeline.mark("traffic sent");

                StreamingAssertions.await(RESULT_TIMEOUT, () -> results.reached(reference));
                timeline.mark("campaigns and evidence complete");
                topicAlerts = KafkaTestTopics.readAll(kafka, names.alerts(), -1, Duration.ofSeconds(4));
                StreamingAssertions.await(RESULT_TIMEOUT, () -> results.count("alerts") >= topicAlerts.size());
                indexedAlerts = results.all("alerts");
                timeline.mark("alerts read");
                assertThat(watch.changes()).as("job status over %d samples", watch.samples()).containsExactly("RUNNING");
                assertThat(flink.rest().latestFailure(jobId)).as("failures of job %s", jobId).isEmpty();
                System.out.printf("ElasticsearchOutageIT: %s; Elasticsearch unreachable %.1f s; job status %s over %d samples%n",
                        timeline, up - down, watch.changes(), watch.samples());
            } finally {
                flink.cancel(jobId);
            }

            StreamingAssertions.assertCampaignsAndEvidence(results, reference);
            StreamingAssertions.AlertCounts alerts =
                    StreamingAssertions.assertAlerts(reference, topicAlerts, indexedAlerts, false);
            assertThat(results.count("dead-letters")).isZero();
            System.out.printf("ElasticsearchOutageIT: %d campaigns published, %d alerts (%d escalations)%n",
                    alerts.published(), alerts.alerts(), alerts.escalations());
        }
    }
}
