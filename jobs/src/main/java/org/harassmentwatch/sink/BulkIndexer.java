package org.harassmentwatch.sink;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch._types.ErrorCause;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.LongSupplier;
import org.harassmentwatch.sink.PendingBatch.Op;

/**
 * The sink's bulk loop, free of Flink: collects operations into batches, keeps at most {@code maxInFlight} bulk
 * requests outstanding, and settles each one item by item: written, stale version skipped, retried (429/5xx, only
 * those items) or handed to the {@link DocumentRejectionHandler} (other 4xx), whose operations are written too.
 *
 * <p>Nothing is dropped: a request that got no answer or a 429/5xx answer is sent again forever, with exponential
 * backoff, blocking the caller; that is the backpressure. Only a request Elasticsearch refuses as a whole for another
 * reason (bad credentials, a malformed body) fails, with an {@link IOException}, so the job restarts from its last
 * checkpoint.
 *
 * <p>Not thread-safe: all calls come from one thread (the Flink task's mailbox thread).
 */
final class BulkIndexer {

    /** Waits between retries; {@link Thread#sleep} in production. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    /** A bulk request on its way. */
    private record InFlight(List<Op> ops, CompletableFuture<BulkResponse> response) {
    }

    /** The operations of an answered bulk to send again, and why (statuses and error types, counted). */
    private record Leftover(List<Op> retry, String reason) {
        static final Leftover NONE = new Leftover(List.of(), null);
    }

    private final ElasticsearchAsyncClient client;
    private final BulkSettings settings;
    private final DocumentRejectionHandler rejectionHandler;
    private final SinkMetrics metrics;
    private final LongSupplier clockMillis;
    private final Sleeper sleeper;
    private final RetryLog retryLog;

    private final PendingBatch batch;
    private final ArrayDeque<InFlight> inFlight = new ArrayDeque<>();
    private final ArrayDeque<Op> followUps = new ArrayDeque<>();
    private boolean enqueuingFollowUps;

    BulkIndexer(ElasticsearchAsyncClient client, BulkSettings settings, DocumentRejectionHandler rejectionHandler,
            SinkMetrics metrics, LongSupplier clockMillis, Sleeper sleeper, RetryLog retryLog) {
        this.client = Objects.requireNonNull(client, "client");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.rejectionHandler = Objects.requireNonNull(rejectionHandler, "rejectionHandler");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.clockMillis = Objects.requireNonNull(clockMillis, "clockMillis");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.retryLog = Objects.requireNonNull(retryLog, "retryLog");
        this.batch = new PendingBatch(settings.maxActions(), settings.maxBytes());
    }

    /** Queues one operation; blocks while the batch is full and {@code maxInFlight} requests are outstanding. */
    void add(IndexRequestSpec spec) throws IOException, InterruptedException {
        enqueue(Op.of(spec, false));
    }

    /**
     * Settles requests that have their answer already, then sends the batch if it is older than the flush
     * interval. Called by a timer, so that a quiet stream is still written within about one interval.
     */
    void flushIfDue() throws IOException, InterruptedException {
        while (!inFlight.isEmpty() && inFlight.peekFirst().response().isDone()) {
            settle(inFlight.pollFirst());
        }
        enqueueFollowUps();
        if (!batch.isEmpty() && clockMillis.getAsLong() - batch.startedAtMillis() >= settings.flushInterval().toMillis()) {
            dispatch();
        }
    }

    /** Blocks until every operation added so far (and every follow-up of a rejection) is acknowledged. */
    void flush() throws IOException, InterruptedException {
        while (!batch.isEmpty() || !inFlight.isEmpty() || !followUps.isEmpty()) {
            if (!batch.isEmpty()) {
                dispatch();
            } else if (!inFlight.isEmpty()) {
                settle(inFlight.pollFirst());
            }
            enqueueFollowUps();
        }
    }

    /** Whether anything is buffered or outstanding. */
    boolean hasPendingWork() {
        return !batch.isEmpty() || !inFlight.isEmpty() || !followUps.isEmpty();
    }

    /** When the current batch is due (epoch millis), or {@code now + flushInterval} when it is empty. */
    long nextDueMillis() {
        long interval = settings.flushInterval().toMillis();
        return batch.isEmpty() ? clockMillis.getAsLong() + interval : batch.startedAtMillis() + interval;
    }

    /** Operations added but not yet sent. */
    int bufferedActions() {
        return batch.size() + followUps.size();
    }

    // ------------------------------------------------------------------ batching

    private void enqueue(Op op) throws IOException, InterruptedException {
        if (batch.wouldOverflow(op)) {
            dispatch();
        }
        batch.add(op, clockMillis.getAsLong());
        if (batch.isFull()) {
            dispatch();
        }
    }

    /** Sends the batch once fewer than {@code maxInFlight} requests are outstanding, settling the oldest until then. */
    private void dispatch() throws IOException, InterruptedException {
        while (inFlight.size() >= settings.maxInFlight()) {
            settle(inFlight.pollFirst());
        }
        if (!batch.isEmpty()) {
            List<Op> ops = batch.drain();
            inFlight.addLast(new InFlight(ops, send(ops)));
        }
        enqueueFollowUps();
    }

    /** Moves the rejection handler's operations into the batch; re-entrant calls leave it to the outer one. */
    private void enqueueFollowUps() throws IOException, InterruptedException {
        if (enqueuingFollowUps) {
            return;
        }
        enqueuingFollowUps = true;
        try {
            while (!followUps.isEmpty()) {
                enqueue(followUps.pollFirst());
            }
        } finally {
            enqueuingFollowUps = false;
        }
    }

    private CompletableFuture<BulkResponse> send(List<Op> ops) {
        List<BulkOperation> operations = new ArrayList<>(ops.size());
        for (Op op : ops) {
            operations.add(op.operation());
        }
        return client.bulk(BulkRequest.of(b -> b.operations(operations)));
    }

    // ------------------------------------------------------------------ settling

    /** Waits for the answer and sends the retryable part again, forever, until nothing is left to retry. */
    private void settle(InFlight request) throws IOException, InterruptedException {
        List<Op> remaining = request.ops();
        CompletableFuture<BulkResponse> response = request.response();
        Backoff backoff = null;
        int attempts = 0;
        long firstFailureMillis = 0;
        while (true) {
            String reason;
            try {
                Leftover leftover = applyItems(remaining, response.get());
                if (leftover.retry().isEmpty()) {
                    if (attempts > 0) {
                        retryLog.recovered(request.ops().size(), attempts, firstFailureMillis, clockMillis.getAsLong());
                    }
                    return;
                }
                remaining = leftover.retry();
                reason = leftover.reason();
            } catch (ExecutionException e) {
                if (!RequestFailures.retryable(e)) {
                    throw new IOException("Elasticsearch refused a bulk request of " + remaining.size()
                            + " action(s) as a whole: " + RequestFailures.describe(e), RequestFailures.unwrap(e));
                }
                reason = RequestFailures.describe(e);
            }
            if (backoff == null) {
                backoff = new Backoff(settings.initialBackoff(), settings.maxBackoff());
                firstFailureMillis = clockMillis.getAsLong();
            }
            attempts++;
            metrics.bulkRetries().inc();
            long delay = backoff.nextDelayMillis();
            retryLog.retrying(remaining.size(), attempts, reason, delay, clockMillis.getAsLong());
            sleeper.sleep(delay);
            response = send(remaining);
        }
    }

    /** Counts and routes each item's outcome; returns what to send again. */
    private Leftover applyItems(List<Op> ops, BulkResponse response) throws IOException {
        List<BulkResponseItem> items = response.items();
        if (items.size() != ops.size()) {
            throw new IOException("Elasticsearch answered a bulk of " + ops.size() + " action(s) with "
                    + items.size() + " item(s); cannot tell which document each answer is for");
        }
        if (!response.errors()) {
            metrics.docsWritten().inc(ops.size());
            return Leftover.NONE;
        }
        List<Op> retry = new ArrayList<>();
        Map<String, Integer> retryReasons = new TreeMap<>();
        long written = 0;
        for (int i = 0; i < items.size(); i++) {
            BulkResponseItem item = items.get(i);
            Op op = ops.get(i);
            ErrorCause error = item.error();
            switch (ItemOutcome.of(item.status(), error == null ? null : error.type(), op.spec().externallyVersioned())) {
                case WRITTEN -> written++;
                case STALE_VERSION_SKIPPED -> metrics.staleVersionsSkipped().inc();
                case RETRY -> {
                    retry.add(op);
                    retryReasons.merge(item.status() + " " + (error == null ? "" : error.type()), 1, Integer::sum);
                }
                case REJECTED -> reject(op, item.status(), error);
            }
        }
        metrics.docsWritten().inc(written);
        return retry.isEmpty() ? Leftover.NONE
                : new Leftover(retry, retry.size() + " item(s) not taken, by status and error " + retryReasons);
    }

    private void reject(Op op, int status, ErrorCause error) throws IOException {
        DocumentRejection rejection = new DocumentRejection(op.spec(), status,
                error == null ? null : error.type(), reasonWithCauses(error));
        if (op.followUp()) {
            throw new IOException("Elasticsearch refused " + op.spec().address()
                    + ", written by the rejection handler for a rejected document: HTTP " + status + " "
                    + rejection.describe() + ". Check that index's template.");
        }
        metrics.docsRejected().inc();
        for (IndexRequestSpec spec : rejectionHandler.onRejected(rejection)) {
            followUps.addLast(Op.of(spec, true));
        }
    }

    /** The reason, then up to three nested causes: the top reason alone is often generic. */
    static String reasonWithCauses(ErrorCause error) {
        if (error == null) {
            return null;
        }
        StringBuilder reason = new StringBuilder(error.reason() == null ? "(no reason given)" : error.reason());
        ErrorCause cause = error.causedBy();
        for (int depth = 0; cause != null && depth < 3; depth++, cause = cause.causedBy()) {
            reason.append("; caused by [").append(cause.type()).append("] ").append(cause.reason());
        }
        return reason.toString();
    }
}
