package org.harassmentwatch.bench;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.HealthStatus;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.util.BinaryData;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.harassmentwatch.detect.DetectionConfig;
import org.harassmentwatch.detect.ScoredMessage;
import org.harassmentwatch.generate.GeneratorConfig;
import org.harassmentwatch.generate.TrafficGenerator;
import org.harassmentwatch.generate.TrafficStream;
import org.harassmentwatch.sink.BulkSettings;
import org.harassmentwatch.sink.Documents;
import org.harassmentwatch.sink.ElasticsearchClients;
import org.harassmentwatch.sink.ElasticsearchSink;
import org.harassmentwatch.sink.EsConnection;
import org.harassmentwatch.sink.IndexRequestSpec;
import org.harassmentwatch.sink.TemplateInstaller;
import org.harassmentwatch.stack.LocalStack;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Row 3: the project's Elasticsearch sink against a raw {@code _bulk} loop, side by side against the same node, with
 * the same client library, the same pre-built documents (evidence documents of generated abusive messages, built by
 * {@link Documents#evidence}) and the same batch size, each run into a freshly created index under the project's
 * templates (strict mappings). The raw loop is the ceiling: one thread, synchronous bulks, no Flink, no per-item
 * handling beyond {@code errors == false}. The sink runs in a local Flink job at parallelism 1 with one request in
 * flight (as the campaign sink runs); its time is from the first record to the return of its end-of-input flush
 * (every document acknowledged). Rounds alternate raw → sink; the best of each is reported.
 */
final class SinkBench {

    static final String SECTION = "sink";
    private static final String PREFIX = "bench-essink-";
    private static final String INDEX = PREFIX + "evidence";
    private static final int BATCH = 1000;

    /** The documents, static so that the emitter inside the local Flink job (same JVM) indexes exactly these. */
    private static volatile IndexRequestSpec[] docs;

    private final BenchSettings settings;
    private final PrintStream log;

    SinkBench(BenchSettings settings, PrintStream log) {
        this.settings = settings;
        this.log = log;
    }

    List<ResultRow> run() throws Exception {
        int n = settings.quick() ? 60_000 : 200_000;
        int rounds = settings.quick() ? 2 : 3;
        LocalStack stack = null;
        String url = settings.esUrl();
        try {
            if (url == null) {
                Files.createDirectories(settings.dataDir());
                log.println("bench: starting a local Elasticsearch node in " + settings.dataDir());
                stack = LocalStack.builder().dataDir(settings.dataDir()).withElasticsearch().build().start();
                url = stack.elasticsearchUrl();
            }
            EsConnection connection = EsConnection.of(url);
            try (ElasticsearchClient client = ElasticsearchClients.create(connection)) {
                new TemplateInstaller(client, TemplateInstaller.loadBundled(PREFIX)).install();
                long bytes = buildDocuments(n);
                log.printf(Locale.ROOT, "bench: %,d evidence documents, %,d bytes on average, batches of %d, node %s%n",
                        n, bytes / n, BATCH, url);
                BulkSettings bulk = BulkSettings.defaults().withMaxActions(BATCH).withMaxInFlight(1);

                // Warm-up (JIT, connection pools, the node's caches), not reported.
                rawLoop(client, Math.min(n, 20_000));
                sinkJob(connection, bulk, Math.min(n, 20_000));

                double bestRaw = 0;
                double bestSink = 0;
                for (int round = 1; round <= rounds; round++) {
                    double raw = n / (rawLoop(client, n) / 1e9);
                    check(client, n);
                    double sink = n / (sinkJob(connection, bulk, n) / 1e9);
                    check(client, n);
                    log.printf(Locale.ROOT, "bench: round %d: raw _bulk loop %,.0f docs/s | sink %,.0f docs/s | "
                            + "ratio %.2f%n", round, raw, sink, sink / raw);
                    bestRaw = Math.max(bestRaw, raw);
                    bestSink = Math.max(bestSink, sink);
                }
                client.indices().delete(d -> d.index(PREFIX + "*"));
                String command = settings.rerun(SECTION);
                String what = String.format(Locale.ROOT, "%,d evidence docs of %,d B, batches of %d, best of %d",
                        n, bytes / n, BATCH, rounds);
                return List.of(
                        ResultRow.figure("es_raw_bulk_docs_per_s", bestRaw, "docs/s", command,
                                "elasticsearch-java bulk() loop, 1 thread, synchronous; " + what),
                        ResultRow.figure("es_sink_docs_per_s", bestSink, "docs/s", command,
                                "ElasticsearchSink in a local Flink job, p=1, 1 request in flight"),
                        ResultRow.atLeast("es_sink_over_raw_bulk", bestSink / bestRaw, "ratio", 0.8, command,
                                "local single-node Elasticsearch 8.19 on the same 2 cores"));
            }
        } finally {
            docs = null;
            if (stack != null) {
                stack.close();
            }
        }
    }

    /** Evidence documents of the abusive messages of generated traffic, cycled under distinct campaign ids. */
    private long buildDocuments(int n) throws Exception {
        GeneratorConfig config = GeneratorConfig.defaults(settings.seed(), 200_000);
        TrafficStream stream = TrafficGenerator.stream(config);
        List<String> lines = new ArrayList<>(200_000);
        while (stream.hasNext()) {
            lines.add(stream.next());
        }
        List<ScoredMessage> abusive = new ArrayList<>();
        for (ScoredMessage s : ScoredTraffic.score(lines.size(), lines::get, DetectionConfig.defaults())) {
            if (s.abusive()) {
                abusive.add(s);
            }
        }
        IndexRequestSpec[] built = new IndexRequestSpec[n];
        long bytes = 0;
        for (int i = 0; i < n; i++) {
            ScoredMessage s = abusive.get(i % abusive.size());
            String campaign = "cmp-bench-" + (i / abusive.size());
            built[i] = IndexRequestSpec.of(INDEX, Documents.evidenceId(s.message().messageId(), campaign),
                    Documents.toJson(Documents.evidence(s, campaign)));
            bytes += built[i].source().length;
        }
        docs = built;
        return bytes;
    }

    /** Synchronous bulks of {@value #BATCH}; returns elapsed nanoseconds. */
    private static long rawLoop(ElasticsearchClient client, int n) throws IOException {
        freshIndex(client);
        IndexRequestSpec[] all = docs;
        long start = System.nanoTime();
        for (int from = 0; from < n; from += BATCH) {
            List<BulkOperation> operations = new ArrayList<>(BATCH);
            for (int i = from; i < Math.min(n, from + BATCH); i++) {
                IndexRequestSpec spec = all[i];
                BinaryData document = BinaryData.of(spec.source(), "application/json");
                operations.add(BulkOperation.of(b -> b.index(x -> x.index(spec.index()).id(spec.id()).document(document))));
            }
            BulkResponse response = client.bulk(b -> b.operations(operations));
            if (response.errors()) {
                throw new IllegalStateException("raw _bulk loop: a bulk had item errors, e.g. "
                        + response.items().stream().filter(item -> item.error() != null).findFirst()
                        .map(item -> item.error().reason()).orElse("?"));
            }
        }
        return System.nanoTime() - start;
    }

    /** The sink in a local Flink job over document indexes; returns first record → end-of-input flush returned. */
    private static long sinkJob(EsConnection connection, BulkSettings bulk, int n) throws Exception {
        try (ElasticsearchClient client = ElasticsearchClients.create(connection)) {
            freshIndex(client);
        }
        LocalFlink.Run run = LocalFlink.run("es-sink", n, 1, LocalFlink.Backend.HEAP, env -> env
                .fromSource(new DataGeneratorSource<>(new Index(), n, Types.LONG), WatermarkStrategy.noWatermarks(),
                        "document indexes")
                .sinkTo(new TimedSink<>(new ElasticsearchSink<>(connection, SinkBench::emit, bulk, rejection -> {
                    throw new IllegalStateException("benchmark document rejected: " + rejection.describe());
                }), "es-sink")));
        if (run.sinkCount("es-sink") != n) {
            throw new IllegalStateException("sink wrote " + run.sinkCount("es-sink") + " documents, expected " + n);
        }
        return run.elapsedNanos();
    }

    private static void emit(Long i, Consumer<IndexRequestSpec> out) {
        out.accept(docs[i.intValue()]);
    }

    /** Hands out document indexes and marks the first record of a run. */
    private static final class Index implements GeneratorFunction<Long, Long> {
        private static final long serialVersionUID = 1L;

        @Override
        public Long map(Long index) {
            RunProbe.recordEmitted();
            return index;
        }
    }

    private static void freshIndex(ElasticsearchClient client) throws IOException {
        client.indices().delete(d -> d.index(INDEX).ignoreUnavailable(true));
        client.indices().create(c -> c.index(INDEX).settings(s -> s.numberOfReplicas("0")));
        client.cluster().health(h -> h.index(INDEX).waitForStatus(HealthStatus.Green));
    }

    private static void check(ElasticsearchClient client, int n) throws IOException {
        client.indices().refresh(r -> r.index(INDEX));
        long count = client.count(c -> c.index(INDEX)).count();
        if (count != n) {
            throw new IllegalStateException("expected " + n + " documents in " + INDEX + ", found " + count);
        }
    }
}
