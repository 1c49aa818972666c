package org.harassmentwatch.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.ErrorResponse;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The bulk loop against a scripted network: batching, item-by-item outcomes, retries, rejections, backpressure. */
class BulkIndexerTest {

    private final ScriptedBulkTransport transport = new ScriptedBulkTransport();
    private final SinkMetrics metrics = SinkMetrics.standalone();
    private final AtomicLong clock = new AtomicLong(1_000_000);
    private final List<Long> sleeps = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final List<DocumentRejection> rejections = new ArrayList<>();

    private final DocumentRejectionHandler deadLetters = rejection -> {
        rejections.add(rejection);
        return List.of(IndexRequestSpec.of("dead", "dl-" + rejection.request().id(), "{\"error\":1}"));
    };

    private BulkIndexer indexer(BulkSettings settings) {
        return new BulkIndexer(new ElasticsearchAsyncClient(transport), settings, deadLetters, metrics,
                clock::get, sleeps::add, new RetryLog(warnings::add, 10_000));
    }

    private static BulkSettings settings(int maxActions) {
        return BulkSettings.defaults().withMaxActions(maxActions);
    }

    private static IndexRequestSpec doc(String id) {
        return IndexRequestSpec.of("idx", id, "{\"n\":\"" + id + "\"}");
    }

    @Test
    void batchGoesOutWhenItReachesMaxActionsAndTheRestOnFlush() throws Exception {
        BulkIndexer indexer = indexer(settings(3));
        for (int i = 1; i <= 7; i++) {
            indexer.add(doc("d" + i));
        }

        assertThat(transport.requests()).hasSize(2);
        assertThat(indexer.bufferedActions()).isEqualTo(1);
        indexer.flush();

        assertThat(transport.idsOf(0)).containsExactly("d1", "d2", "d3");
        assertThat(transport.idsOf(1)).containsExactly("d4", "d5", "d6");
        assertThat(transport.idsOf(2)).containsExactly("d7");
        assertThat(metrics.docsWritten().getCount()).isEqualTo(7);
        assertThat(indexer.hasPendingWork()).isFalse();
    }

    @Test
    void byteLimitSendsTheBatchBeforeADocumentWouldOverflowIt() throws Exception {
        long oneDoc = PendingBatch.estimateBytes(doc("a1"));
        BulkIndexer indexer = indexer(settings(1000).withMaxBytes(2 * oneDoc + 1));
        indexer.add(doc("a1"));
        indexer.add(doc("a2"));
        indexer.add(doc("a3"));
        indexer.flush();

        assertThat(transport.idsOf(0)).containsExactly("a1", "a2");
        assertThat(transport.idsOf(1)).containsExactly("a3");
    }

    @Test
    void onlyTheItemsAnswered429Or5xxAreSentAgain() throws Exception {
        transport.then(ScriptedBulkTransport.statuses("es_rejected_execution_exception", 201, 429, 503, 200));
        BulkIndexer indexer = indexer(settings(4));
        for (String id : List.of("a", "b", "c", "d")) {
            indexer.add(doc(id));
        }
        indexer.flush();

        assertThat(transport.requests()).hasSize(2);
        assertThat(transport.idsOf(1)).containsExactly("b", "c");
        assertThat(metrics.docsWritten().getCount()).isEqualTo(4);
        assertThat(metrics.bulkRetries().getCount()).isEqualTo(1);
        assertThat(sleeps).containsExactly(100L);
        assertThat(warnings.get(0)).contains("2 item(s) not taken", "429 es_rejected_execution_exception=1",
                "503 es_rejected_execution_exception=1");
    }

    @Test
    void unreachableNodeIsRetriedForeverWithDelaysDoublingUpToTheMaximum() throws Exception {
        for (int i = 0; i < 12; i++) {
            transport.then(ScriptedBulkTransport.unreachable());
        }
        BulkIndexer indexer = indexer(settings(10));
        indexer.add(doc("x"));
        indexer.flush();

        assertThat(sleeps).containsExactly(100L, 200L, 400L, 800L, 1600L, 3200L, 6400L, 12800L, 25600L, 30000L,
                30000L, 30000L);
        assertThat(transport.requests()).hasSize(13).allSatisfy(ops -> assertThat(ops).hasSize(1));
        assertThat(metrics.bulkRetries().getCount()).isEqualTo(12);
        assertThat(metrics.docsWritten().getCount()).isEqualTo(1);
        assertThat(warnings.get(0)).contains("ConnectException: Connection refused", "retry #1 in 100 ms");
        assertThat(warnings.get(warnings.size() - 1)).contains("after 12 retries");
    }

    @Test
    void retryLoggingIsRateLimitedWhileTheClockStandsStill() throws Exception {
        for (int i = 0; i < 5; i++) {
            transport.then(ScriptedBulkTransport.unreachable());
        }
        BulkIndexer indexer = indexer(settings(10));
        indexer.add(doc("x"));
        indexer.flush();

        assertThat(warnings).hasSize(2); // first retry, then recovery (with the 4 unlogged ones counted)
        assertThat(warnings.get(1)).contains("4 retries not logged");
    }

    @Test
    void versionConflictOnAnExternalVersionIsASkippedStaleWriteNotARetry() throws Exception {
        transport.then(ScriptedBulkTransport.statuses(null, 201, 409));
        BulkIndexer indexer = indexer(settings(2));
        indexer.add(IndexRequestSpec.versioned("c", "camp-1", "{\"version\":3}", 3));
        indexer.add(IndexRequestSpec.versioned("c", "camp-1", "{\"version\":2}", 2));
        indexer.flush();

        assertThat(transport.requests()).hasSize(1);
        assertThat(metrics.staleVersionsSkipped().getCount()).isEqualTo(1);
        assertThat(metrics.docsWritten().getCount()).isEqualTo(1);
        assertThat(rejections).isEmpty();
    }

    @Test
    void rejectedDocumentGoesToTheHandlerAndItsDeadLetterIsWrittenBeforeFlushReturns() throws Exception {
        transport.then(ScriptedBulkTransport.statuses("strict_dynamic_mapping_exception", 201, 400));
        BulkIndexer indexer = indexer(settings(2));
        indexer.add(doc("good"));
        indexer.add(doc("bad"));
        indexer.flush();

        assertThat(rejections).singleElement().satisfies(r -> {
            assertThat(r.request()).isEqualTo(doc("bad"));
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.describe()).isEqualTo("strict_dynamic_mapping_exception: reason for bad");
        });
        assertThat(transport.idsOf(1)).containsExactly("dl-bad");
        assertThat(metrics.docsRejected().getCount()).isEqualTo(1);
        assertThat(metrics.docsWritten().getCount()).isEqualTo(2); // "good" and the dead letter
        assertThat(metrics.bulkRetries().getCount()).isZero();
    }

    @Test
    void conflictWithoutExternalVersionIsARejection() throws Exception {
        transport.then(ScriptedBulkTransport.statuses(null, 409));
        BulkIndexer indexer = indexer(settings(1));
        indexer.add(doc("plain"));
        indexer.flush();

        assertThat(rejections).singleElement().extracting(DocumentRejection::status).isEqualTo(409);
        assertThat(metrics.staleVersionsSkipped().getCount()).isZero();
    }

    @Test
    void deadLetterRefusedByItsOwnIndexFailsTheWriterInsteadOfLooping() throws Exception {
        transport.then(ScriptedBulkTransport.statuses("strict_dynamic_mapping_exception", 400))
                .then(ScriptedBulkTransport.statuses("mapper_parsing_exception", 400));
        BulkIndexer indexer = indexer(settings(1));
        indexer.add(doc("bad"));

        assertThatThrownBy(indexer::flush)
                .isInstanceOf(IOException.class)
                .hasMessageContaining("dead/dl-bad")
                .hasMessageContaining("written by the rejection handler")
                .hasMessageContaining("mapper_parsing_exception: reason for dl-bad");
    }

    @Test
    void requestRefusedAsAWholeForGoodFailsTheWriter() throws Exception {
        ElasticsearchException unauthorized = new ElasticsearchException("bulk", ErrorResponse.of(r -> r.status(401)
                .error(e -> e.type("security_exception").reason("missing authentication credentials"))));
        transport.then(ops -> CompletableFuture.failedFuture(unauthorized));
        BulkIndexer indexer = indexer(settings(1));
        indexer.add(doc("x"));

        assertThatThrownBy(indexer::flush)
                .isInstanceOf(IOException.class)
                .hasMessageContaining("refused a bulk request of 1 action(s) as a whole: HTTP 401")
                .hasCause(unauthorized);
    }

    @Test
    void quietBatchIsSentOnceTheFlushIntervalHasPassed() throws Exception {
        BulkIndexer indexer = indexer(settings(100).withFlushInterval(Duration.ofSeconds(1)));
        indexer.add(doc("lonely"));
        assertThat(indexer.nextDueMillis()).isEqualTo(clock.get() + 1000);

        clock.addAndGet(999);
        indexer.flushIfDue();
        assertThat(transport.requests()).isEmpty();

        clock.addAndGet(1);
        indexer.flushIfDue();
        assertThat(transport.requests()).hasSize(1);
    }

    @Test
    void writerBlocksWhenTheNextBatchIsFullAndMaxInFlightRequestsAreOutstanding() throws Exception {
        CompletableFuture<BulkResponse> firstAnswer = new CompletableFuture<>();
        AtomicReference<List<BulkOperation>> firstOps = new AtomicReference<>();
        transport.then(ops -> {
            firstOps.set(ops);
            return firstAnswer;
        });
        BulkIndexer indexer = indexer(settings(2).withMaxInFlight(1));
        indexer.add(doc("a"));
        indexer.add(doc("b")); // first batch sent, answer pending
        indexer.add(doc("c"));

        Thread producer = new Thread(() -> {
            try {
                indexer.add(doc("d")); // second batch full: must wait for the first answer
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        producer.start();
        producer.join(300);
        assertThat(producer.isAlive()).as("writer blocked while the first bulk is outstanding").isTrue();
        assertThat(transport.requests()).hasSize(1);

        firstAnswer.complete(ScriptedBulkTransport.allCreated().apply(firstOps.get()).get(1, TimeUnit.SECONDS));
        producer.join(5_000);
        assertThat(producer.isAlive()).isFalse();
        assertThat(transport.requests()).hasSize(2);
        assertThat(transport.idsOf(1)).containsExactly("c", "d");
    }
}
