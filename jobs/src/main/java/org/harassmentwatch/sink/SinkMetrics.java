package org.harassmentwatch.sink;

import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.SimpleCounter;

/**
 * What the sink reports, per writer.
 *
 * @param docsWritten           items Elasticsearch stored (2xx), including dead letters written for rejections
 * @param docsRejected          documents refused for good and handed to the rejection handler
 * @param bulkRetries           bulk requests sent again (whole, or only their retryable items)
 * @param staleVersionsSkipped  externally versioned writes answered 409: an equal or newer version was there
 */
public record SinkMetrics(Counter docsWritten, Counter docsRejected, Counter bulkRetries, Counter staleVersionsSkipped) {

    public static final String DOCS_WRITTEN = "docsWritten";
    public static final String DOCS_REJECTED = "docsRejected";
    public static final String BULK_RETRIES = "bulkRetries";
    public static final String STALE_VERSIONS_SKIPPED = "staleVersionsSkipped";

    /** Counters registered in the writer's metric group. */
    public static SinkMetrics registeredIn(MetricGroup group) {
        return new SinkMetrics(group.counter(DOCS_WRITTEN), group.counter(DOCS_REJECTED),
                group.counter(BULK_RETRIES), group.counter(STALE_VERSIONS_SKIPPED));
    }

    /** Plain counters, outside Flink (tools, benchmarks, tests). */
    public static SinkMetrics standalone() {
        return new SinkMetrics(new SimpleCounter(), new SimpleCounter(), new SimpleCounter(), new SimpleCounter());
    }
}
