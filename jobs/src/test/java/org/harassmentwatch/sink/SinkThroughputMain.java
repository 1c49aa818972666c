package org.harassmentwatch.sink;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.harassmentwatch.sink.PendingBatch.Op;
import org.harassmentwatch.stack.LocalStack;

/**
 * Measures the sink against a raw {@code _bulk} loop, side by side in one run: the same documents (evidence
 * documents of ~1.1 KB, pre-built), the same batch size (1000), the same client library and node, each run into a
 * freshly created index. The raw loop is the ceiling: one thread, synchronous bulks, no Flink, no per-item handling
 * beyond {@code errors == false}. The sink runs as a local Flink job (source → sink, chained); its time is the job's
 * net runtime, which includes starting the job.
 *
 * <pre>
 * java -cp ... org.harassmentwatch.sink.SinkThroughputMain [--docs 200000] [--rounds 2] [--parallelism 1]
 *      [--max-in-flight 1] [--es http://127.0.0.1:9200 | --data-dir DIR]   (without --es a local node is started)
 * </pre>
 */
public final class SinkThroughputMain {

    private static final String PREFIX = "bench-essink-";
    private static final String INDEX = PREFIX + "evidence";
    private static final int BATCH = 1000;

    /** The documents, static so the emitter of the local Flink job (same JVM) indexes exactly these. */
    private static IndexRequestSpec[] docs;

    private SinkThroughputMain() {
    }

    public static void main(String[] args) throws Exception {
        int n = intArg(args, "--docs", 200_000);
        int rounds = intArg(args, "--rounds", 2);
        int parallelism = intArg(args, "--parallelism", 1);
        int maxInFlight = intArg(args, "--max-in-flight", 1);
        String url = stringArg(args, "--es", null);
        LocalStack stack = null;
        if (url == null) {
            // Not createTempDirectory: its mode 700 keeps out the unprivileged user Elasticsearch runs as.
            Path dataDir = Files.createDirectories(Path.of(stringArg(args, "--data-dir",
                    System.getProperty("java.io.tmpdir") + "/harassment-watch-sink-bench")));
            stack = LocalStack.builder().dataDir(dataDir).withElasticsearch().build().start();
            url = stack.elasticsearchUrl();
        }
        EsConnection connection = EsConnection.of(url);
        try (ElasticsearchClient client = ElasticsearchClients.create(connection)) {
            new TemplateInstaller(client, TemplateInstaller.loadBundled(PREFIX)).install();
            docs = new IndexRequestSpec[n];
            long bytes = 0;
            for (int i = 0; i < n; i++) {
                docs[i] = IndexRequestSpec.of(INDEX, "m-" + i + "|cmp-bench",
                        SinkTestDocuments.evidence("m-" + i, "cmp-bench"));
                bytes += docs[i].source().length;
            }
            System.out.printf(Locale.ROOT, "%d evidence documents, %d bytes on average, batches of %d, node %s%n",
                    n, bytes / n, BATCH, url);
            BulkSettings settings = BulkSettings.defaults().withMaxActions(BATCH).withMaxInFlight(maxInFlight);

            // Warm-up (JIT, connection pools), not reported.
            rawLoop(client, Math.min(n, 20_000));
            sinkJob(connection, settings, Math.min(n, 20_000), parallelism);

            List<Double> raw = new ArrayList<>();
            List<Double> sink = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                double rawRate = rate(n, rawLoop(client, n));
                check(client, n);
                double sinkRate = rate(n, sinkJob(connection, settings, n, parallelism));
                check(client, n);
                raw.add(rawRate);
                sink.add(sinkRate);
                System.out.printf(Locale.ROOT, "round %d: raw _bulk loop %,.0f docs/s | sink (p=%d, inFlight=%d) %,.0f"
                        + " docs/s | ratio %.2f%n", round, rawRate, parallelism, maxInFlight, sinkRate,
                        sinkRate / rawRate);
            }
            double rawMean = raw.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            double sinkMean = sink.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            System.out.printf(Locale.ROOT, "mean: raw %,.0f docs/s, sink %,.0f docs/s, sink/raw = %.2f%n",
                    rawMean, sinkMean, sinkMean / rawMean);
            client.indices().delete(d -> d.index(PREFIX + "*"));
        } finally {
            if (stack != null) {
                stack.close();
            }
        }
    }

    /** Synchronous bulks of {@value #BATCH}; returns elapsed nanoseconds. */
    private static long rawLoop(ElasticsearchClient client, int n) throws IOException {
        freshIndex(client);
        long start = System.nanoTime();
        for (int from = 0; from < n; from += BATCH) {
            List<BulkOperation> operations = new ArrayList<>(BATCH);
            for (int i = from; i < Math.min(n, from + BATCH); i++) {
                operations.add(Op.of(docs[i], false).operation());
            }
            BulkResponse response = client.bulk(b -> b.operations(operations));
            if (response.errors()) {
                throw new IllegalStateException("raw loop: bulk had errors");
            }
        }
        return System.nanoTime() - start;
    }

    /** The sink in a local Flink job; returns the job's net runtime in nanoseconds. */
    private static long sinkJob(EsConnection connection, BulkSettings settings, int n, int parallelism)
            throws Exception {
        try (ElasticsearchClient client = ElasticsearchClients.create(connection)) {
            freshIndex(client);
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(parallelism);
        env.fromSequence(0, n - 1)
                .sinkTo(new ElasticsearchSink<>(connection, SinkThroughputMain::emit, settings, rejection -> {
                    throw new IllegalStateException("benchmark document rejected: " + rejection.describe());
                }));
        JobExecutionResult result = env.execute("sink-throughput");
        return result.getNetRuntime() * 1_000_000L;
    }

    private static void emit(Long i, java.util.function.Consumer<IndexRequestSpec> out) {
        out.accept(docs[i.intValue()]);
    }

    private static void freshIndex(ElasticsearchClient client) throws IOException {
        client.indices().delete(d -> d.index(INDEX).ignoreUnavailable(true));
        client.indices().create(c -> c.index(INDEX).settings(s -> s.numberOfReplicas("0")));
        client.cluster().health(h -> h.index(INDEX).waitForStatus(co.elastic.clients.elasticsearch._types.HealthStatus.Green));
    }

    private static void check(ElasticsearchClient client, int n) throws IOException {
        client.indices().refresh(r -> r.index(INDEX));
        long count = client.count(c -> c.index(INDEX)).count();
        if (count != n) {
            throw new IllegalStateException("expected " + n + " documents in " + INDEX + ", found " + count);
        }
    }

    private static double rate(int n, long nanos) {
        return n / (nanos / 1e9);
    }

    private static int intArg(String[] args, String name, int fallback) {
        String value = stringArg(args, name, null);
        return value == null ? fallback : Integer.parseInt(value);
    }

    private static String stringArg(String[] args, String name, String fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
