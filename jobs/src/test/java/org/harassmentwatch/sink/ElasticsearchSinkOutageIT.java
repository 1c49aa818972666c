package org.harassmentwatch.sink;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.harassmentwatch.stack.LocalStackExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Elasticsearch unreachable in the middle of a job: the sink reaches the node through a {@link TcpProxy} that the
 * test takes down for 6 s (the shared node keeps running for other tests). While it is down the writer must block
 * the task (the source stops advancing: backpressure) and keep retrying; once it is back every document must arrive,
 * each id once, with its newest external version.
 */
@ExtendWith(LocalStackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ElasticsearchSinkOutageIT {

    private static final String PREFIX = "it-essink-outage-";
    private static final String CAMPAIGNS = PREFIX + "campaigns";
    private static final String ALERTS = PREFIX + "alerts";

    private static final int ELEMENTS = 2000;
    private static final int CAMPAIGN_IDS = 500; // each id written 4 times, versions 1..4 in order
    private static final int GATE_AT = 1000;
    private static final int MAX_ACTIONS = 50;
    private static final Duration OUTAGE = Duration.ofSeconds(6);

    /** Elements that reached the sink (the map is chained to it, so this stalls when the sink blocks). */
    private static final AtomicLong SEEN = new AtomicLong();
    /** Holds element {@value #GATE_AT} back until the proxy is down, so the outage hits the middle of the stream. */
    private static final CountDownLatch PROXY_DOWN = new CountDownLatch(1);

    private static final InMemoryReporter REPORTER = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setConfiguration(REPORTER.addToConfiguration(new Configuration()))
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(1)
            .build());

    private ElasticsearchClient client;
    private TcpProxy proxy;

    @BeforeAll
    void installTemplatesAndStartProxy() throws IOException {
        URI es = URI.create(LocalStackExtension.elasticsearchUrl());
        client = ElasticsearchClients.create(EsConnection.of(es.toString()));
        client.indices().delete(d -> d.index(PREFIX + "*").allowNoIndices(true));
        TemplateInstaller installer = new TemplateInstaller(client, TemplateInstaller.loadBundled(PREFIX));
        installer.install();
        installer.ensureIndices(0);
        proxy = new TcpProxy(es.getHost(), es.getPort()).up();
    }

    @AfterAll
    void close() throws IOException {
        proxy.close();
        client.close();
    }

    @Test
    void writerBlocksWhileElasticsearchIsUnreachableAndDeliversEverythingOnceItIsBack() throws Exception {
        EsConnection throughProxy = EsConnection.builder().urls(proxy.url())
                .connectTimeout(Duration.ofSeconds(1)).socketTimeout(Duration.ofSeconds(10)).build();
        BulkSettings settings = BulkSettings.defaults().withMaxActions(MAX_ACTIONS)
                .withFlushInterval(Duration.ofMillis(200))
                .withBackoff(Duration.ofMillis(50), Duration.ofSeconds(1));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        env.fromSequence(0, ELEMENTS - 1)
                .map(ElasticsearchSinkOutageIT::gate)
                .sinkTo(new ElasticsearchSink<>(throughProxy, ElasticsearchSinkOutageIT::campaignAndAlert, settings,
                        rejection -> {
                            throw new AssertionError("nothing should be rejected: " + rejection);
                        }));
        JobClient job = env.executeAsync("elasticsearch-sink-outage-it");

        awaitSeen(GATE_AT);
        proxy.down();
        long downAt = System.nanoTime();
        PROXY_DOWN.countDown();
        Thread.sleep(1000);
        long stalledAt = SEEN.get();
        Thread.sleep(OUTAGE.toMillis() - 1000);
        long beforeRecovery = SEEN.get();
        long retriesDuringOutage = metric(job, SinkMetrics.BULK_RETRIES);
        JobStatus statusDuringOutage = job.getJobStatus().get(10, TimeUnit.SECONDS);
        long outageMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - downAt);
        proxy.up();
        job.getJobExecutionResult().get(2, TimeUnit.MINUTES);

        assertThat(outageMillis).isGreaterThanOrEqualTo(5000);
        assertThat(statusDuringOutage).isEqualTo(JobStatus.RUNNING);
        assertThat(beforeRecovery).as("elements reaching the sink while Elasticsearch is unreachable")
                .isEqualTo(stalledAt)
                // at most: the bulk being retried, one full batch (each MAX_ACTIONS / 2 elements of 2 operations),
                // and the element whose write blocked
                .isLessThanOrEqualTo(GATE_AT + 2L * (MAX_ACTIONS / 2) + 1);
        assertThat(retriesDuringOutage).as("retries while unreachable").isGreaterThanOrEqualTo(3);
        assertThat(SEEN.get()).isEqualTo(ELEMENTS);
        assertThat(proxy.connectionsAccepted()).isGreaterThan(1);

        client.indices().refresh(r -> r.index(PREFIX + "*"));
        assertThat(client.count(c -> c.index(ALERTS)).count()).isEqualTo(ELEMENTS);
        SearchResponse<ObjectNode> campaigns = client.search(s -> s.index(CAMPAIGNS).size(CAMPAIGN_IDS + 10)
                .version(true), ObjectNode.class);
        assertThat(campaigns.hits().total().value()).isEqualTo(CAMPAIGN_IDS);
        assertThat(campaigns.hits().hits()).hasSize(CAMPAIGN_IDS).allSatisfy(hit -> {
            assertThat(hit.version()).as("version of %s", hit.id()).isEqualTo(4);
            assertThat(hit.source().get("version").asLong()).isEqualTo(4);
        });
        assertThat(campaigns.hits().hits()).extracting(Hit::id).doesNotHaveDuplicates();
    }

    private static Long gate(Long i) throws InterruptedException {
        if (i == GATE_AT && !PROXY_DOWN.await(2, TimeUnit.MINUTES)) {
            throw new IllegalStateException("the test never took the proxy down");
        }
        SEEN.incrementAndGet();
        return i;
    }

    /** Element i: campaign {@code i % 500} at version {@code i / 500 + 1}, and alert i. */
    private static void campaignAndAlert(Long i, java.util.function.Consumer<IndexRequestSpec> out) {
        String campaignId = "out-cmp-" + (i % CAMPAIGN_IDS);
        long version = i / CAMPAIGN_IDS + 1;
        out.accept(IndexRequestSpec.versioned(CAMPAIGNS, campaignId, SinkTestDocuments.campaign(campaignId, version),
                version));
        out.accept(IndexRequestSpec.of(ALERTS, "out-alert-" + i, SinkTestDocuments.alert("out-alert-" + i)));
    }

    private static void awaitSeen(long count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (SEEN.get() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the job did not reach element " + count + "; at " + SEEN.get());
            }
            Thread.sleep(10);
        }
    }

    private static long metric(JobClient job, String name) {
        return REPORTER.findMetrics(job.getJobID(), ".*\\." + name).values().stream()
                .mapToLong(m -> ((Counter) m).getCount()).sum();
    }
}
