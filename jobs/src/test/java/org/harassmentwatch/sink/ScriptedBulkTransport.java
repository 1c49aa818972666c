package org.harassmentwatch.sink;

import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.elasticsearch.core.bulk.OperationType;
import co.elastic.clients.json.JsonpMapper;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.ElasticsearchTransport;
import co.elastic.clients.transport.Endpoint;
import co.elastic.clients.transport.TransportOptions;
import java.io.IOException;
import java.net.ConnectException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Test double for the network only: answers bulk requests from a script instead of a node, and records what was
 * sent. Each answer sees the request's operations; an empty script answers "all created". The real client code
 * (request building, typed responses) runs unchanged on top of it.
 */
final class ScriptedBulkTransport implements ElasticsearchTransport {

    /** What one bulk request gets back. */
    @FunctionalInterface
    interface Answer extends Function<List<BulkOperation>, CompletableFuture<BulkResponse>> {
    }

    private final ArrayDeque<Answer> script = new ArrayDeque<>();
    private final List<List<BulkOperation>> requests = new ArrayList<>();
    private final JsonpMapper mapper = new JacksonJsonpMapper();

    ScriptedBulkTransport then(Answer answer) {
        script.addLast(answer);
        return this;
    }

    /** The operations of every bulk request sent so far, in order. */
    List<List<BulkOperation>> requests() {
        return requests;
    }

    /** Ids of the operations of request {@code n} (0-based). */
    List<String> idsOf(int n) {
        return requests.get(n).stream().map(op -> op.index().id()).toList();
    }

    /** The node cannot be reached. */
    static Answer unreachable() {
        return ops -> CompletableFuture.failedFuture(new ConnectException("Connection refused"));
    }

    /** Items answered in order with these statuses (2xx: created; others: an error of {@code type}). */
    static Answer statuses(String errorType, int... statuses) {
        return ops -> {
            List<BulkResponseItem> items = new ArrayList<>();
            boolean errors = false;
            for (int i = 0; i < ops.size(); i++) {
                int status = statuses[i];
                String id = ops.get(i).index().id();
                String index = ops.get(i).index().index();
                if (status >= 200 && status < 300) {
                    items.add(BulkResponseItem.of(b -> b.operationType(OperationType.Index).index(index).id(id)
                            .status(status).result("created")));
                } else {
                    errors = true;
                    String type = status == 409 ? ItemOutcome.VERSION_CONFLICT : errorType;
                    items.add(BulkResponseItem.of(b -> b.operationType(OperationType.Index).index(index).id(id)
                            .status(status).error(e -> e.type(type).reason("reason for " + id))));
                }
            }
            boolean anyError = errors;
            return CompletableFuture.completedFuture(BulkResponse.of(b -> b.items(items).errors(anyError).took(1)));
        };
    }

    static Answer allCreated() {
        return ops -> statuses(null, ops.stream().mapToInt(op -> 201).toArray()).apply(ops);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <RequestT, ResponseT, ErrorT> CompletableFuture<ResponseT> performRequestAsync(RequestT request,
            Endpoint<RequestT, ResponseT, ErrorT> endpoint, TransportOptions options) {
        List<BulkOperation> operations = ((BulkRequest) request).operations();
        requests.add(operations);
        Answer answer = script.isEmpty() ? allCreated() : script.pollFirst();
        return (CompletableFuture<ResponseT>) answer.apply(operations);
    }

    @Override
    public <RequestT, ResponseT, ErrorT> ResponseT performRequest(RequestT request,
            Endpoint<RequestT, ResponseT, ErrorT> endpoint, TransportOptions options) throws IOException {
        throw new UnsupportedOperationException("the sink only uses the async client");
    }

    @Override
    public JsonpMapper jsonpMapper() {
        return mapper;
    }

    @Override
    public TransportOptions options() {
        return null; // no options: nothing goes over HTTP
    }

    @Override
    public void close() {
    }
}
