package org.harassmentwatch.bench;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.harassmentwatch.alert.Alert;
import org.harassmentwatch.detect.DetectionConfig;
import org.harassmentwatch.generate.GeneratorConfig;
import org.harassmentwatch.ingest.KafkaClientConfig;
import org.harassmentwatch.ingest.StartingOffsets;
import org.harassmentwatch.job.Checkpointing;
import org.harassmentwatch.job.HarassmentCampaignJob;
import org.harassmentwatch.job.KafkaTopics;
import org.harassmentwatch.job.LatencySettings;
import org.harassmentwatch.job.StreamingJob;
import org.harassmentwatch.scoring.AbuseScorer;
import org.harassmentwatch.sink.ElasticsearchClients;
import org.harassmentwatch.sink.EsConnection;
import org.harassmentwatch.sink.TemplateInstaller;
import org.harassmentwatch.stack.LocalStack;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Alert delay of the production streaming job ({@link StreamingJob#build}: Kafka source, detection, Elasticsearch
 * sinks, alert topic) on a local MiniCluster, with a local Kafka broker and Elasticsearch node running beside it on
 * the same machine: live traffic at fixed input rates ({@link LiveTraffic}), pile-ons injected among it, and for each
 * pile-on the time from its threshold-crossing message's append to the input topic to its {@code created} alert's
 * append to the alert topic ({@link AlertDelays}; both topics use LogAppendTime, one broker clock).
 *
 * <p>One job runs through all rates, ascending, after a warm-up (JIT, first checkpoint); then traffic goes on at the
 * lowest rate without new pile-ons until every alert arrived (the watermark only moves with traffic).
 */
final class LatencyBench {

    static final String SECTION = "latency";
    static final int TARGET_RATE = 20_000;
    static final double TARGET_P99_MILLIS = 1_000;

    /**
     * The low-latency settings the job runs with: production options ({@code run --watermark-interval ...}), see
     * {@link LatencySettings}. The watermark lag is {@link Plan#lag}.
     */
    static final LatencySettings LOW_LATENCY = new LatencySettings(Duration.ofMillis(20), Duration.ofMillis(5),
            Duration.ofMillis(10), Duration.ZERO);

    /** An abusive text aimed at the target (checked against the scorer before the run). */
    static final String PILE_ON_TEXT = "@TARGET you are a worthless pathetic idiot, nobody wants you here";

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param rates            input rates, msg/s, measured in this order
     * @param seconds          traffic per rate
     * @param lag              the job's watermark lag ({@code --max-out-of-orderness})
     * @param pileOnsPerSecond injected pile-ons started per second (each is {@code pile-on-senders} messages)
     */
    record Plan(List<Integer> rates, double seconds, Duration lag, double pileOnsPerSecond) {
        Plan {
            rates = List.copyOf(rates);
            if (rates.isEmpty() || rates.stream().anyMatch(r -> r <= 0)) {
                throw new IllegalArgumentException("latency rates must be positive msg/s, got " + rates);
            }
            if (seconds <= 1) {
                throw new IllegalArgumentException("latency seconds per rate must be above 1, got " + seconds);
            }
        }
    }

    private final BenchSettings settings;
    private final Plan plan;
    private final PrintStream log;
    private double[] cores;
    private double[] loads;

    LatencyBench(BenchSettings settings, Plan plan, PrintStream log) {
        this.settings = settings;
        this.plan = plan;
        this.log = log;
    }

    List<ResultRow> run() throws Exception {
        DetectionConfig detection = DetectionConfig.defaults();
        checkPileOnText(detection);
        String run = UUID.randomUUID().toString().substring(0, 6);
        String prefix = "bench-lat-" + run + "-";
        LocalStack stack = null;
        try {
            Files.createDirectories(settings.dataDir());
            // Fresh data: each run writes about a gigabyte of topics and indices that nothing reads again.
            LocalStack.Builder builder = LocalStack.builder().dataDir(settings.dataDir().resolve("latency")).withKafka()
                    .freshData(true);
            if (settings.esUrl() == null) {
                builder.withElasticsearch();
            }
            log.println("bench: latency: starting a local Kafka broker" + (settings.esUrl() == null
                    ? " and Elasticsearch node" : "") + " in " + settings.dataDir().resolve("latency"));
            stack = builder.build().start();
            String es = settings.esUrl() != null ? settings.esUrl() : stack.elasticsearchUrl();
            try {
                return measure(stack.kafkaBootstrap(), es, prefix, run, detection);
            } finally {
                if (settings.esUrl() != null) {
                    deleteIndices(es, prefix); // someone else's node: leave it as it was
                }
            }
        } finally {
            if (stack != null) {
                stack.close();
            }
        }
    }

    private List<ResultRow> measure(String kafka, String es, String prefix, String run, DetectionConfig detection)
            throws Exception {
        String input = prefix + "messages";
        String alerts = prefix + "alerts";
        int partitions = settings.parallelism();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka))) {
            Map<String, String> appendTime = Map.of("message.timestamp.type", "LogAppendTime");
            admin.createTopics(List.of(new NewTopic(input, partitions, (short) 1).configs(appendTime),
                    new NewTopic(alerts, 1, (short) 1).configs(appendTime))).all().get(30, TimeUnit.SECONDS);
        }
        EsConnection connection = EsConnection.of(es);
        try (ElasticsearchClient client = ElasticsearchClients.create(connection)) {
            TemplateInstaller installer = new TemplateInstaller(client, TemplateInstaller.loadBundled(prefix));
            installer.install();
            installer.ensureIndices(0);
        }
        HarassmentCampaignJob.Settings detectionSettings = new HarassmentCampaignJob.Settings(detection, plan.lag(),
                HarassmentCampaignJob.Settings.defaults().idleness());
        StreamingJob.Config config = StreamingJob.Config.defaults(KafkaClientConfig.of(kafka), connection)
                .withTopics(List.of(input), prefix + "dead-letters", alerts)
                .withConsumer(prefix + "group", StartingOffsets.EARLIEST, false)
                .withIndexPrefix(prefix)
                .withDetection(detectionSettings, StreamingJob.DEFAULT_ALERT_SUPPRESSION)
                .withLatency(LOW_LATENCY);
        KafkaTopics.ensure(config.kafka(), config.outputTopics(), Optional.empty(), Optional.empty(), Duration.ofSeconds(30));

        // The production default interval, into files as in production: the JobManager's memory (no directory)
        // refuses operator state above 5 MB, which the clustering passes within a minute at these rates.
        Path checkpoints = settings.dataDir().resolve("latency-checkpoints").resolve(run);
        Checkpointing checkpointing = new Checkpointing(Checkpointing.DEFAULT_INTERVAL, "hashmap",
                checkpoints.toUri().toString());
        int maxRate = plan.rates().stream().mapToInt(Integer::intValue).max().orElseThrow();
        int poolSize = (int) Math.min(settings.quick() ? 300_000 : 600_000, (long) maxRate * plan.seconds());
        long t0 = System.nanoTime();
        AlertDelays delays = new AlertDelays();
        try (LiveTraffic traffic = new LiveTraffic(kafka, input, partitions, GeneratorConfig.defaults(settings.seed(), poolSize),
                poolSize, detection.pileOnShortSenders(), PILE_ON_TEXT, run, delays);
             AlertReader reader = new AlertReader(kafka, alerts, delays)) {
            log.printf(Locale.ROOT, "bench: latency: %,d background lines generated in %.1f s; job: watermark lag %d ms, "
                            + "%s, parallelism %d, checkpoints %s%n", poolSize, (System.nanoTime() - t0) / 1e9,
                    plan.lag().toMillis(), LOW_LATENCY, settings.parallelism(), checkpointing);

            Configuration conf = checkpointing.toConfiguration();
            conf.set(ExecutionOptions.RUNTIME_MODE, RuntimeExecutionMode.STREAMING);
            // A restart would replay from the last checkpoint and stall alerts for seconds: the run must fail
            // instead, so that no row describes a job that restarted.
            conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
            conf.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MemorySize.parse(LocalFlink.MANAGED_MEMORY));
            StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(settings.parallelism(), conf);
            StreamingJob.build(env, config);
            JobClient job = env.executeAsync("bench latency");
            try {
                awaitRunning(job);
                reader.start();
                double warmUp = settings.quick() ? 8 : 15;
                LiveTraffic.Sent w = traffic.run(0, plan.rates().get(0), warmUp, plan.pileOnsPerSecond());
                log.printf(Locale.ROOT, "bench: latency: warm-up %,d messages at %,.0f msg/s (not reported)%n",
                        w.messages(), w.rate());
                List<LiveTraffic.Sent> sent = new ArrayList<>();
                cores = new double[plan.rates().size()];
                loads = new double[plan.rates().size()];
                com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean();
                for (int i = 0; i < plan.rates().size(); i++) {
                    long cpu0 = os.getProcessCpuTime();
                    LiveTraffic.Sent s = traffic.run(i + 1, plan.rates().get(i), plan.seconds(), plan.pileOnsPerSecond());
                    // CPU of this JVM (job + producer; Kafka and Elasticsearch run in their own) per wall second.
                    cores[i] = (os.getProcessCpuTime() - cpu0) / 1e9 / s.seconds();
                    loads[i] = os.getSystemLoadAverage();
                    sent.add(s);
                    log.printf(Locale.ROOT, "bench: latency: %,d msg/s asked, %,.0f sent (%,d messages, %d pile-ons, "
                                    + "%d send failures); bench JVM %.2f cores, load average %.1f; alerts so far %s%n",
                            plan.rates().get(i), s.rate(), s.messages(), s.pileOns(), s.failed(), cores[i], loads[i],
                            delays.summary(i + 1));
                }
                drain(traffic, delays);
                checkJob(job);
                return rows(sent, delays, reader);
            } finally {
                if (!job.getJobStatus().get(10, TimeUnit.SECONDS).isGloballyTerminalState()) {
                    job.cancel().get(60, TimeUnit.SECONDS);
                }
                deleteRecursively(checkpoints);
            }
        }
    }

    /** Keeps traffic at the lowest rate, without new pile-ons, until every injected pile-on has its alert. */
    private void drain(LiveTraffic traffic, AlertDelays delays) {
        long deadline = System.nanoTime() + plan.lag().toNanos() + TimeUnit.SECONDS.toNanos(settings.quick() ? 20 : 40);
        while (System.nanoTime() < deadline) {
            traffic.run(0, plan.rates().get(0), 1, 0);
            if (traffic.pendingInjected() == 0 && totalMissing(delays) == 0) {
                return;
            }
        }
        int missing = totalMissing(delays);
        delays.giveUp(System.currentTimeMillis());
        log.printf("bench: latency: gave up waiting; %d alerts had not come (counted at their wait so far)%n", missing);
    }

    private int totalMissing(AlertDelays delays) {
        int missing = 0;
        for (int i = 1; i <= plan.rates().size(); i++) {
            missing += delays.missing(i);
        }
        return missing;
    }

    private List<ResultRow> rows(List<LiveTraffic.Sent> sent, AlertDelays delays, AlertReader reader) {
        String command = settings.rerun(SECTION);
        String how = String.format(Locale.ROOT, "pile-on crossing message appended → its created alert appended "
                        + "(LogAppendTime); StreamingJob on a local MiniCluster p=%d with Kafka + Elasticsearch beside it; "
                        + "--max-out-of-orderness %dms --watermark-interval %dms --buffer-timeout %dms "
                        + "--fetch-max-wait %dms --alert-linger %dms; %.0f s per rate", settings.parallelism(),
                plan.lag().toMillis(), LOW_LATENCY.watermarkInterval().toMillis(), LOW_LATENCY.bufferTimeout().toMillis(),
                LOW_LATENCY.fetchMaxWait().toMillis(), LOW_LATENCY.alertLinger().toMillis(), plan.seconds());
        List<ResultRow> rows = new ArrayList<>();
        for (int i = 0; i < plan.rates().size(); i++) {
            int rate = plan.rates().get(i);
            String label = rate % 1000 == 0 ? rate / 1000 + "k" : Integer.toString(rate);
            LiveTraffic.Sent s = sent.get(i);
            AlertDelays.Summary d = delays.summary(i + 1);
            boolean sustained = s.rate() >= 0.95 * rate;
            log.printf(Locale.ROOT, "bench: latency: %s msg/s: %s; slowest (crossing appended at, delay ms): %s%n", label, d,
                    delays.slowest(i + 1, 8).stream().map(x -> java.time.Instant.ofEpochMilli(x.crossingAppendMillis())
                            .toString().substring(11, 23) + " " + x.delayMillis()).toList());
            String counts = String.format(Locale.ROOT, "%d of %d pile-on alerts%s%s%s", d.matched(), d.injected(),
                    d.overdue() > 0 ? "; " + d.overdue() + " had not come when the run ended, counted at their wait "
                            + "until then (a lower bound)" : "",
                    d.missing() > 0 ? "; " + d.missing() + " without a measurable crossing (not counted)" : "",
                    d.early() > 0 ? "; " + d.early() + " came before the crossing message (counted as 0)" : "");
            String rateNote = sustained ? "" : String.format(Locale.ROOT, "; the producer sent only %,.0f msg/s of %,d",
                    s.rate(), rate);
            rows.add(ResultRow.figure("input_msg_per_s_at_" + label, s.rate(), "msg/s", command,
                    String.format(Locale.ROOT, "achieved input rate (asked %,d msg/s): %,d messages in %.1f s, %d pile-ons "
                            + "of %d messages among them%s; the bench JVM (job + producer) used %.2f cores, load average "
                            + "%.1f", rate, s.messages(), s.seconds(), s.pileOns(),
                            DetectionConfig.defaults().pileOnShortSenders(), s.failed() > 0 ? ", " + s.failed()
                                    + " send failures" : "", cores[i], loads[i])));
            if (d.matched() + d.overdue() == 0) {
                rows.add(ResultRow.notMeasured(rate == TARGET_RATE ? "alert_delay_p99_ms" : "alert_delay_p99_ms_at_" + label,
                        "ms", TARGET_P99_MILLIS, ResultRow.Goal.AT_MOST, command, "no alert arrived: " + counts + rateNote));
                continue;
            }
            rows.add(ResultRow.figure("alert_delay_p50_ms_at_" + label, d.p50(), "ms", command, counts + rateNote));
            String p99Note = counts + rateNote + "; " + how;
            if (rate == TARGET_RATE) {
                rows.add(ResultRow.atMost("alert_delay_p99_ms", d.p99(), "ms", TARGET_P99_MILLIS, command, p99Note));
            } else {
                rows.add(ResultRow.figure("alert_delay_p99_ms_at_" + label, d.p99(), "ms", command, p99Note));
            }
            rows.add(ResultRow.figure("alert_delay_max_ms_at_" + label, d.max(), "ms", command, counts + rateNote));
        }
        if (plan.rates().stream().noneMatch(r -> r == TARGET_RATE)) {
            rows.add(ResultRow.notMeasured("alert_delay_p99_ms", "ms", TARGET_P99_MILLIS, ResultRow.Goal.AT_MOST, command,
                    "the target rate " + TARGET_RATE + " msg/s was not among --latency-rates"));
        }
        log.printf("bench: latency: %,d alerts read from the alert topic, %,d of them for injected pile-ons%n",
                reader.read(), reader.matched());
        return rows;
    }

    private void deleteIndices(String es, String prefix) {
        try (ElasticsearchClient client = ElasticsearchClients.create(EsConnection.of(es))) {
            client.indices().delete(d -> d.index(prefix + "*").allowNoIndices(true));
        } catch (Exception e) {
            log.println("bench: latency: could not delete the indices " + prefix + "*: " + e);
        }
    }

    private static void deleteRecursively(Path dir) throws java.io.IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (java.util.stream.Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static void awaitRunning(JobClient job) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            JobStatus status = job.getJobStatus().get(10, TimeUnit.SECONDS);
            if (status == JobStatus.RUNNING) {
                return;
            }
            if (status.isGloballyTerminalState()) {
                throw new IllegalStateException("the latency job ended before it ran: " + status);
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the latency job did not start within 60 s");
    }

    private static void checkJob(JobClient job) throws Exception {
        JobStatus status = job.getJobStatus().get(10, TimeUnit.SECONDS);
        if (status != JobStatus.RUNNING) {
            throw new IllegalStateException("the latency job is " + status + " after the traffic (it failed; it runs "
                    + "without restarts, so that no delay row describes a restarted job): see the log");
        }
    }

    /** The measurement needs the pile-on messages to count: fail loudly if the scorer does not find them abusive. */
    private static void checkPileOnText(DetectionConfig detection) {
        double abuse = AbuseScorer.loadDefault().score(PILE_ON_TEXT.replace("@TARGET", "@someone") + " #1", Map.of(), true).abuse();
        if (abuse < detection.abusiveThreshold()) {
            throw new IllegalStateException("the pile-on text scores " + abuse + ", below the abusive threshold "
                    + detection.abusiveThreshold() + ": change LatencyBench.PILE_ON_TEXT");
        }
    }

    /** Reads the alert topic from its start on its own thread and hands every created alert to {@link AlertDelays}. */
    private static final class AlertReader implements AutoCloseable {
        private final KafkaConsumer<String, String> consumer;
        private final TopicPartition partition;
        private final AlertDelays delays;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicLong read = new AtomicLong();
        private final AtomicLong matched = new AtomicLong();
        private final Thread thread;
        private volatile Exception failure;

        AlertReader(String kafka, String topic, AlertDelays delays) {
            this.delays = delays;
            this.partition = new TopicPartition(topic, 0);
            consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka,
                    ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                    ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"));
            thread = new Thread(this::loop, "bench-alert-reader");
            thread.setDaemon(true);
        }

        void start() {
            thread.start();
        }

        private void loop() {
            try {
                consumer.assign(List.of(partition));
                consumer.seekToBeginning(List.of(partition));
                while (running.get()) {
                    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(50))) {
                        read.incrementAndGet();
                        JsonNode alert = JSON.readTree(r.value());
                        if (!Alert.CREATED.equals(alert.path("alert_type").asText())) {
                            continue;
                        }
                        List<String> targets = new ArrayList<>();
                        alert.path("targets").forEach(t -> targets.add(t.asText()));
                        if (delays.alertAppended(targets, r.timestamp())) {
                            matched.incrementAndGet();
                        }
                    }
                }
            } catch (Exception e) {
                failure = e;
            }
        }

        long read() {
            return read.get();
        }

        long matched() {
            return matched.get();
        }

        @Override
        public void close() throws Exception {
            running.set(false);
            thread.join(5_000);
            consumer.close();
            if (failure != null) {
                throw new IllegalStateException("reading the alert topic failed", failure);
            }
        }
    }
}
