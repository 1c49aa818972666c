package org.harassmentwatch.sink;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.SinkWriter;

/**
 * The per-subtask writer: emits each element's operations into a {@link BulkIndexer}, sends a quiet batch from a
 * processing-time timer, and on {@link #flush} (every checkpoint, and at end of input) waits until Elasticsearch has
 * acknowledged everything: at-least-once. Owns its client and closes it.
 */
final class ElasticsearchSinkWriter<T> implements SinkWriter<T> {

    private final ElasticsearchEmitter<T> emitter;
    private final ElasticsearchClient client;
    private final BulkIndexer indexer;
    private final ProcessingTimeService timeService;
    private final List<IndexRequestSpec> emitted = new ArrayList<>();
    private ScheduledFuture<?> timer;

    ElasticsearchSinkWriter(ElasticsearchEmitter<T> emitter, ElasticsearchClient client, BulkIndexer indexer,
            ProcessingTimeService timeService) {
        this.emitter = Objects.requireNonNull(emitter, "emitter");
        this.client = Objects.requireNonNull(client, "client");
        this.indexer = Objects.requireNonNull(indexer, "indexer");
        this.timeService = Objects.requireNonNull(timeService, "timeService");
    }

    @Override
    public void write(T element, Context context) throws IOException, InterruptedException {
        try {
            emitter.emit(element, emitted::add);
            for (IndexRequestSpec spec : emitted) {
                indexer.add(spec);
            }
        } finally {
            emitted.clear();
        }
        scheduleTimer();
    }

    @Override
    public void flush(boolean endOfInput) throws IOException, InterruptedException {
        indexer.flush();
    }

    private void scheduleTimer() {
        if (timer == null && indexer.hasPendingWork()) {
            timer = timeService.registerTimer(indexer.nextDueMillis(), this::onTimer);
        }
    }

    private void onTimer(long time) throws IOException, InterruptedException {
        timer = null;
        indexer.flushIfDue();
        scheduleTimer();
    }

    /** Does not flush: on cancellation nothing may block; what was not acknowledged is replayed from the checkpoint. */
    @Override
    public void close() throws IOException {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
        client.close();
    }
}
