package org.harassmentwatch.sink;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch.ElasticsearchClient;
import java.io.IOException;
import java.util.Objects;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * A Flink sink (v2 API) writing to Elasticsearch with elasticsearch-java, at least once, and never dropping a
 * document:
 * <ul>
 *   <li>each element becomes 0..n {@link IndexRequestSpec}s through the {@link ElasticsearchEmitter}; always with an
 *       id, optionally with an external version, so retries and replays are idempotent;</li>
 *   <li>operations are batched by count, bytes and age ({@link BulkSettings}); the writer blocks when the next batch
 *       is full and {@code maxInFlight} requests are outstanding (backpressure);</li>
 *   <li>every item is checked: 2xx written; 409 on an external version skipped as stale (an equal or newer version is
 *       stored); 429/5xx sent again; any other 4xx handed to the {@link DocumentRejectionHandler} (e.g.
 *       {@link DeadLetterRejectionHandler}), whose operations are written too;</li>
 *   <li>no answer (connection refused, timeout) or a 429/5xx answer for the whole request: retried forever with
 *       exponential backoff, logged at a bounded rate, blocking the task until Elasticsearch is back;</li>
 *   <li>{@code flush()} (each checkpoint, end of input) returns only when everything is acknowledged.</li>
 * </ul>
 *
 * <pre>{@code
 * campaigns.sinkTo(new ElasticsearchSink<Campaign>(connection,
 *         (c, out) -> out.accept(IndexRequestSpec.versioned("hw-campaigns", c.campaignId(),
 *                 Documents.toJson(Documents.campaign(c)), c.version())),
 *         BulkSettings.defaults(),
 *         new DeadLetterRejectionHandler("hw-dead-letters", l -> Documents.toJson(Documents.deadLetter(l)))));
 * }</pre>
 *
 * <p>Each writer builds one client from the {@link EsConnection} (so credentials travel with the job graph, and are
 * never logged) and closes it on {@code close()}. Metrics per writer: {@value SinkMetrics#DOCS_WRITTEN},
 * {@value SinkMetrics#DOCS_REJECTED}, {@value SinkMetrics#BULK_RETRIES},
 * {@value SinkMetrics#STALE_VERSIONS_SKIPPED}.
 */
public final class ElasticsearchSink<T> implements Sink<T> {

    private static final long serialVersionUID = 1L;
    // log4j-api, which Flink ships: slf4j-api reaches this module only in runtime scope.
    private static final Logger LOG = LogManager.getLogger(ElasticsearchSink.class);
    /** Bounded retry logging: the first retry of an outage at once, then one line per this many milliseconds. */
    static final long RETRY_LOG_INTERVAL_MILLIS = 10_000;

    private final EsConnection connection;
    private final ElasticsearchEmitter<T> emitter;
    private final BulkSettings settings;
    private final DocumentRejectionHandler rejectionHandler;

    public ElasticsearchSink(EsConnection connection, ElasticsearchEmitter<T> emitter, BulkSettings settings,
            DocumentRejectionHandler rejectionHandler) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.emitter = Objects.requireNonNull(emitter, "emitter");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.rejectionHandler = Objects.requireNonNull(rejectionHandler, "rejectionHandler");
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) throws IOException {
        String name = "Elasticsearch sink " + (context.getTaskInfo().getIndexOfThisSubtask() + 1) + "/"
                + context.getTaskInfo().getNumberOfParallelSubtasks();
        LOG.info("{}: writing to {} with {}", name, connection, settings);
        ElasticsearchClient client = ElasticsearchClients.create(connection);
        try {
            ProcessingTimeService timeService = context.getProcessingTimeService();
            BulkIndexer indexer = new BulkIndexer(
                    new ElasticsearchAsyncClient(client._transport()),
                    settings,
                    rejectionHandler,
                    SinkMetrics.registeredIn(context.metricGroup()),
                    timeService::getCurrentProcessingTime,
                    Thread::sleep,
                    new RetryLog(message -> LOG.warn("{}: {}", name, message), RETRY_LOG_INTERVAL_MILLIS));
            return new ElasticsearchSinkWriter<>(emitter, client, indexer, timeService);
        } catch (RuntimeException e) {
            try {
                client.close();
            } catch (IOException closeFailure) {
                e.addSuppressed(closeFailure);
            }
            throw e;
        }
    }

    public EsConnection connection() {
        return connection;
    }

    public BulkSettings settings() {
        return settings;
    }
}
