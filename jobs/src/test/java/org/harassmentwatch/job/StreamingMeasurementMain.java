package org.harassmentwatch.job;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.harassmentwatch.generate.GeneratorConfig;
import org.harassmentwatch.generate.TrafficGenerator;
import org.harassmentwatch.generate.TrafficStream;
import org.harassmentwatch.ingest.EndOfTrafficMarker;
import org.harassmentwatch.ingest.IsoTimestamps;
import org.harassmentwatch.ingest.KafkaClientConfig;
import org.harassmentwatch.ingest.StartingOffsets;
import org.harassmentwatch.sink.ElasticsearchClients;
import org.harassmentwatch.sink.EsConnection;
import org.harassmentwatch.sink.TemplateInstaller;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Measures the streaming job on a running stack (e.g. {@code ./harassment-watch stack up}), in a local Flink:
 * <ol>
 *   <li><b>throughput</b>: N generated messages are written to a 2-partition topic first; then the job reads them
 *       (bounded at the latest offsets) into Elasticsearch and Kafka; messages / wall time of the job, from submission
 *       until everything is flushed;</li>
 *   <li><b>alert delay</b>: live traffic — generated messages re-dated to the moment they are sent ({@code created_at}
 *       = now, so event time runs with the clock as in production) at a fixed rate into a running job; for each
 *       pile-on campaign's {@code created} alert, the delay from the threshold-crossing message's append to the
 *       input topic to the alert's append to the alert topic (both topics with {@code LogAppendTime}).</li>
 * </ol>
 * <pre>
 * java -cp ... org.harassmentwatch.job.StreamingMeasurementMain --es URL --kafka HOST:PORT [--messages 500000]
 *      [--rate 2000] [--seconds 90] [--lag 5s] [--parallelism 2]
 * </pre>
 */
public final class StreamingMeasurementMain {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The top-level created_at as the generator writes it (sender_created_at has a different key). */
    private static final Pattern CREATED_AT = Pattern.compile("([{,])\"created_at\":\"[^\"]+\"");

    private StreamingMeasurementMain() {
    }

    public static void main(String[] args) throws Exception {
        String es = arg(args, "--es", null);
        String kafka = arg(args, "--kafka", null);
        int messages = Integer.parseInt(arg(args, "--messages", "500000"));
        int rate = Integer.parseInt(arg(args, "--rate", "2000"));
        int seconds = Integer.parseInt(arg(args, "--seconds", "90"));
        Duration lag = org.harassmentwatch.cli.DurationConverter.parse(arg(args, "--lag", "5s"));
        int parallelism = Integer.parseInt(arg(args, "--parallelism", "2"));
        if (es == null || kafka == null) {
            throw new IllegalArgumentException("give --es URL and --kafka HOST:PORT of a running stack");
        }
        if (messages > 0) {
            throughput(es, kafka, messages, parallelism);
        }
        if (seconds > 0) {
            alertDelay(es, kafka, rate, seconds, lag, parallelism);
        }
        System.exit(0);
    }

    private static void throughput(String es, String kafka, int messages, int parallelism) throws Exception {
        String run = "bench-tp-" + UUID.randomUUID().toString().substring(0, 8);
        HarassmentCampaignJob.Settings settings = HarassmentCampaignJob.Settings.defaults();
        StreamingJob.Config config = config(es, kafka, run, settings).withConsumer(run, StartingOffsets.EARLIEST, true);
        KafkaTestTopics.create(kafka, run + "-messages", 2);
        GeneratorConfig generator = GeneratorConfig.defaults(42, messages);
        List<KafkaTestTopics.Out> out = new ArrayList<>(messages + 2);
        TrafficGenerator.forEach(generator, line -> out.add(new KafkaTestTopics.Out(null, line)));
        long markerTime = generator.end().toEpochMilli() + settings.maxOutOfOrderness().toMillis() + 60_000;
        for (int p = 0; p < 2; p++) {
            out.add(new KafkaTestTopics.Out(p, EndOfTrafficMarker.json(generator.platform(), p, markerTime)));
        }
        long t0 = System.nanoTime();
        KafkaTestTopics.produce(kafka, run + "-messages", out);
        System.out.printf("throughput: %,d messages produced to Kafka in %.1f s%n", messages, (System.nanoTime() - t0) / 1e9);

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(
                Checkpointing.defaults().toConfiguration());
        env.setRuntimeMode(RuntimeExecutionMode.STREAMING);
        env.setParallelism(parallelism);
        StreamingJob.build(env, config);
        long t1 = System.nanoTime();
        env.execute("bench throughput");
        double wall = (System.nanoTime() - t1) / 1e9;
        try (ElasticsearchClient client = ElasticsearchClients.create(EsConnection.of(es))) {
            client.indices().refresh(r -> r.index(run + "-*"));
            System.out.printf("throughput: Kafka -> job -> Elasticsearch, %,d messages in %.1f s = %,.0f msg/s "
                            + "(parallelism %d, job start to last flush); ES: %d campaigns, %d evidence, %d alerts%n",
                    messages, wall, messages / wall, parallelism,
                    client.count(c -> c.index(run + "-campaigns")).count(),
                    client.count(c -> c.index(run + "-evidence")).count(),
                    client.count(c -> c.index(run + "-alerts")).count());
        }
    }

    private static void alertDelay(String es, String kafka, int rate, int seconds, Duration lag, int parallelism)
            throws Exception {
        String run = "bench-lat-" + UUID.randomUUID().toString().substring(0, 8);
        HarassmentCampaignJob.Settings settings = new HarassmentCampaignJob.Settings(
                HarassmentCampaignJob.Settings.defaults().detection(), lag, Duration.ofSeconds(30));
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka))) {
            Map<String, String> appendTime = Map.of("message.timestamp.type", "LogAppendTime");
            admin.createTopics(List.of(new NewTopic(run + "-messages", 2, (short) 1).configs(appendTime),
                    new NewTopic(run + "-alerts", 1, (short) 1).configs(appendTime))).all().get(30, TimeUnit.SECONDS);
        }
        StreamingJob.Config config = config(es, kafka, run, settings).withConsumer(run, StartingOffsets.EARLIEST, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(
                Checkpointing.defaults().toConfiguration());
        env.setRuntimeMode(RuntimeExecutionMode.STREAMING);
        env.setParallelism(parallelism);
        StreamingJob.build(env, config);
        JobClient job = env.executeAsync("bench alert delay");
        Thread.sleep(5_000); // the job is up and polling

        // created_at (ms, = send time) -> append time of the message carrying it
        Map<Long, Long> appendedAt = new ConcurrentHashMap<>();
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        int total = rate * seconds;
        TrafficStream stream = TrafficGenerator.stream(GeneratorConfig.defaults(7, Math.max(total, 1000)));
        long start = System.nanoTime();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            for (int i = 0; i < total && stream.hasNext(); i++) {
                long due = start + (long) (i * 1e9 / rate);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                long now = System.currentTimeMillis();
                Matcher m = CREATED_AT.matcher(stream.next());
                String line = m.replaceFirst("$1\"created_at\":\"" + IsoTimestamps.formatUtcMillis(now) + "\"");
                producer.send(new ProducerRecord<>(run + "-messages", line), (md, e) -> {
                    if (e == null) {
                        appendedAt.merge(now, md.timestamp(), Math::max);
                    }
                });
            }
            producer.flush();
        }
        System.out.printf("alert delay: %,d live messages at %,d msg/s (watermark lag %s, parallelism %d)%n", total,
                rate, lag, parallelism);
        Thread.sleep(lag.toMillis() + 10_000);
        List<ConsumerRecord<String, String>> alerts = KafkaTestTopics.readAll(kafka, run + "-alerts", -1,
                Duration.ofSeconds(3));
        job.cancel().get();
        List<Long> delays = new ArrayList<>();
        for (ConsumerRecord<String, String> r : alerts) {
            JsonNode a = JSON.readTree(r.value());
            JsonNode kinds = a.get("kinds");
            if (!"created".equals(a.get("alert_type").asText()) || kinds.size() != 1
                    || !"pile_on".equals(kinds.get(0).asText())) {
                continue;
            }
            long crossing = Instant.parse(a.get("created_at").asText()).toEpochMilli();
            Long appended = appendedAt.get(crossing);
            if (appended != null) {
                delays.add(r.timestamp() - appended);
            }
        }
        Collections.sort(delays);
        System.out.printf("alert delay: %d alerts, %d pile-on created alerts; crossing message appended -> alert appended: "
                        + "min %d ms, median %d ms, p90 %d ms, max %d ms%n", alerts.size(), delays.size(),
                delays.isEmpty() ? -1 : delays.get(0), pct(delays, 0.5), pct(delays, 0.9),
                delays.isEmpty() ? -1 : delays.get(delays.size() - 1));
        System.out.println("alert delay: all " + delays);
    }

    private static long pct(List<Long> sorted, double q) {
        return sorted.isEmpty() ? -1 : sorted.get((int) Math.min(sorted.size() - 1, Math.floor(q * sorted.size())));
    }

    private static StreamingJob.Config config(String es, String kafka, String run, HarassmentCampaignJob.Settings settings)
            throws Exception {
        EsConnection connection = EsConnection.of(es);
        try (ElasticsearchClient client = ElasticsearchClients.create(connection)) {
            TemplateInstaller installer = new TemplateInstaller(client, TemplateInstaller.loadBundled(run + "-"));
            installer.install();
            installer.ensureIndices(0);
        }
        StreamingJob.Config config = StreamingJob.Config.defaults(KafkaClientConfig.of(kafka), connection)
                .withTopics(List.of(run + "-messages"), run + "-dead-letters", run + "-alerts")
                .withIndexPrefix(run + "-")
                .withDetection(settings, StreamingJob.DEFAULT_ALERT_SUPPRESSION);
        KafkaTopics.ensure(config.kafka(), config.outputTopics(), java.util.Optional.empty(), java.util.Optional.empty(),
                Duration.ofSeconds(30));
        return config;
    }

    private static String arg(String[] args, String name, String dflt) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return dflt;
    }
}
