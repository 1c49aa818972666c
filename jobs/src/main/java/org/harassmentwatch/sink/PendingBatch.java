package org.harassmentwatch.sink;

import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.util.BinaryData;
import java.util.ArrayList;
import java.util.List;

/**
 * The operations collected for the next bulk request, with the limits that say when it must go: {@code maxActions}
 * operations, {@code maxBytes} of request body (estimated: document plus action line), or its age.
 */
final class PendingBatch {

    /** {@code {"index":{"_index":"","_id":""}}} and two newlines. */
    private static final int ACTION_LINE_BYTES = 32;
    /** {@code ,"version":N,"version_type":"external"} with a long version. */
    private static final int VERSION_BYTES = 56;

    /**
     * One operation on its way: the typed bulk operation is built once and reused by retries.
     *
     * @param spec      what to write
     * @param operation the client's operation; the document is the raw JSON bytes, not re-serialized
     * @param bytes     estimated size in the bulk body
     * @param followUp  written on behalf of the rejection handler (its own rejection is not handled again)
     */
    record Op(IndexRequestSpec spec, BulkOperation operation, long bytes, boolean followUp) {

        static Op of(IndexRequestSpec spec, boolean followUp) {
            BinaryData document = BinaryData.of(spec.source(), "application/json");
            BulkOperation operation = BulkOperation.of(b -> b.index(i -> {
                i.index(spec.index()).id(spec.id()).document(document);
                if (spec.externallyVersioned()) {
                    i.version(spec.version()).versionType(VersionType.External);
                }
                return i;
            }));
            return new Op(spec, operation, estimateBytes(spec), followUp);
        }
    }

    private final int maxActions;
    private final long maxBytes;
    private List<Op> ops;
    private long bytes;
    private long startedAtMillis;

    PendingBatch(int maxActions, long maxBytes) {
        this.maxActions = maxActions;
        this.maxBytes = maxBytes;
        this.ops = new ArrayList<>(Math.min(maxActions, 1024));
    }

    static long estimateBytes(IndexRequestSpec spec) {
        // Index names and ids are ASCII in practice; a multi-byte id only makes the estimate a little low.
        return spec.source().length + ACTION_LINE_BYTES + spec.index().length() + spec.id().length()
                + (spec.externallyVersioned() ? VERSION_BYTES : 0);
    }

    /** Whether {@code op} must go into the next batch: it would take a non-empty batch past {@code maxBytes}. */
    boolean wouldOverflow(Op op) {
        return !ops.isEmpty() && bytes + op.bytes() > maxBytes;
    }

    void add(Op op, long nowMillis) {
        if (ops.isEmpty()) {
            startedAtMillis = nowMillis;
        }
        ops.add(op);
        bytes += op.bytes();
    }

    /** Reached {@code maxActions} or {@code maxBytes}: send it now. */
    boolean isFull() {
        return ops.size() >= maxActions || bytes >= maxBytes;
    }

    boolean isEmpty() {
        return ops.isEmpty();
    }

    int size() {
        return ops.size();
    }

    long bytes() {
        return bytes;
    }

    /** When the first operation of this batch arrived (meaningless when empty). */
    long startedAtMillis() {
        return startedAtMillis;
    }

    /** Hands the operations over and starts a new, empty batch. */
    List<Op> drain() {
        List<Op> drained = ops;
        ops = new ArrayList<>(Math.min(maxActions, Math.max(16, drained.size())));
        bytes = 0;
        return drained;
    }
}
