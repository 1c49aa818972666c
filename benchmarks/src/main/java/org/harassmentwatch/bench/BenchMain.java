package org.harassmentwatch.bench;

import org.harassmentwatch.generate.GeneratorConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code ./harassment-watch bench [--quick] [--report FILE] [--only SECTION,...]}: measures throughput, the scorer,
 * the Elasticsearch sink, state size, scaling and alert delay side by side in one run, and prints one table (each row with the
 * command that reruns it); {@code --report} writes the same rows as JSON.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, version = "harassment-watch bench 0.1.0",
        description = {"Measures throughput (parse-only vs full job vs a Flink SQL baseline), the scorer (JMH, one "
                + "core), the Elasticsearch sink against a raw _bulk loop, keyed state bytes per active pair/target, "
                + "full-job throughput from 10k to 10M users on the heap and RocksDB backends, and the streaming "
                + "job's alert delay at fixed input rates with Kafka and Elasticsearch beside it. Every comparison "
                + "runs side by side in this run and is reported as a ratio plus the absolute figures.",
                "JVM: a heap for the in-memory input (about 0.5 GB per million messages plus 2 GB: -Xmx8g for "
                        + "the default 5M, -Xmx4g for --quick), -Djdk.attach.allowAttachSelf=true (on-heap state "
                        + "sizes) and -XX:-OmitStackTraceInFastThrow (full causes when a job fails)."})
public final class BenchMain implements Callable<Integer> {

    /** Parts of the run, in the order they run. */
    enum Section {
        THROUGHPUT, SCORER, SINK, STATE, SCALING, LATENCY;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    @Option(names = "--quick", description = "Smaller inputs and shorter JMH and sink runs: under 10 minutes on 2 cores.")
    boolean quick;

    @Option(names = "--report", paramLabel = "FILE", description = "Also write the rows as JSON to FILE.")
    Path report;

    @Option(names = "--only", split = ",", paramLabel = "SECTION",
            description = "Run only these sections: ${COMPLETION-CANDIDATES}. Default: all.")
    Set<Section> only;

    @Option(names = "--messages", paramLabel = "N",
            description = "Messages held in memory for the throughput and state rows. Default: 5000000 (1000000 "
                    + "with --quick).")
    Integer messages;

    @Option(names = "--scaling-messages", paramLabel = "N",
            description = "Messages per users × backend scaling point. Default: 2000000 (500000 with --quick).")
    Integer scalingMessages;

    @Option(names = "--rounds", paramLabel = "R",
            description = "Measured rounds of each throughput job and scaling point, best reported. Default: 2.")
    Integer rounds;

    @Option(names = "--parallelism", defaultValue = "2", description = "Flink parallelism. Default: ${DEFAULT-VALUE}.")
    int parallelism;

    @Option(names = "--seed", defaultValue = "42", description = "Generator seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--es", paramLabel = "URL",
            description = "Elasticsearch for the sink rows. Default: start a local node (see --data-dir).")
    String esUrl;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Data folder of the local Elasticsearch node. Default: ${java.io.tmpdir}/harassment-watch-bench.")
    Path dataDir;

    @Option(names = "--latency-rates", split = ",", paramLabel = "MSG_PER_S",
            description = "Input rates of the alert-delay rows, measured in this order. Default: 5000,20000,50000.")
    List<Integer> latencyRates;

    @Option(names = "--latency-seconds", paramLabel = "S",
            description = "Live traffic per latency rate. Default: 30 (12 with --quick).")
    Integer latencySeconds;

    @Option(names = "--latency-lag", converter = org.harassmentwatch.cli.DurationConverter.class, paramLabel = "DURATION",
            description = "Watermark lag (--max-out-of-orderness) of the latency job. Default: 200ms.")
    java.time.Duration latencyLag;

    @Option(names = "--profile", paramLabel = "DIR",
            description = "After measuring, run the throughput jobs, the scorer and the largest scaling point once "
                    + "more under JFR, write the recordings to DIR and print their hot spots.")
    Path profileDir;

    public static void main(String[] args) {
        // flink-runtime's test jar carries a log4j2-test.properties that silences everything; use ours unless told.
        if (System.getProperty("log4j.configurationFile") == null && System.getProperty("log4j2.configurationFile") == null) {
            System.setProperty("log4j.configurationFile", "log4j2-bench.properties");
        }
        System.exit(new CommandLine(new BenchMain()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        PrintStream log = System.err;
        BenchSettings settings = settings();
        LatencyBench.Plan latencyPlan = latencyPlan();
        Set<Section> sections = only == null || only.isEmpty() ? EnumSet.allOf(Section.class) : EnumSet.copyOf(only);
        int inMemory = Math.max(
                sections.contains(Section.THROUGHPUT) || sections.contains(Section.STATE) ? settings.messages() : 0,
                sections.contains(Section.SCALING) ? settings.scalingMessages() : 0);
        long needed = (long) inMemory * 500 + 2_000_000_000L;
        if (Runtime.getRuntime().maxMemory() < needed) {
            log.printf(Locale.ROOT, "bench: error: %,d messages in memory need about %.1f GB of heap, this JVM has "
                    + "%.1f GB: raise -Xmx or lower --messages / --scaling-messages%n", inMemory, needed / 1e9,
                    Runtime.getRuntime().maxMemory() / 1e9);
            return 2;
        }
        log.printf(Locale.ROOT, "bench: %s, sections %s, %d cores, max heap %.1f GB, java %s, load average %.2f%n",
                quick ? "quick" : "full", sections, Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() / 1e9, System.getProperty("java.version"),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        long start = System.nanoTime();
        List<ResultRow> rows = new ArrayList<>();
        InMemoryInput input = null;
        if (sections.contains(Section.THROUGHPUT) || sections.contains(Section.STATE)) {
            input = generate(settings, settings.messages(), null, log);
        }
        if (sections.contains(Section.THROUGHPUT)) {
            rows.addAll(new ThroughputBench(settings, log).run(input));
        }
        if (sections.contains(Section.STATE)) {
            rows.addAll(new StateBench(settings, log).run(input));
        }
        InMemoryInput.uninstall();
        input = null;
        if (sections.contains(Section.SCORER)) {
            rows.addAll(new ScorerBench(settings, log).run());
        }
        if (sections.contains(Section.SINK)) {
            rows.addAll(new SinkBench(settings, log).run());
        }
        if (sections.contains(Section.SCALING)) {
            rows.addAll(new ScalingBench(settings, log).run());
        }
        if (sections.contains(Section.LATENCY)) {
            rows.addAll(new LatencyBench(settings, latencyPlan, log).run());
        }
        System.out.print(ResultTable.render(rows));
        log.printf(Locale.ROOT, "bench: done in %.1f min, load average %.2f%n", (System.nanoTime() - start) / 60e9,
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        if (report != null) {
            ResultTable.writeJson(rows, report);
            log.println("bench: wrote " + report);
        }
        return 0;
    }

    static InMemoryInput generate(BenchSettings settings, int messages, Integer users, PrintStream log) {
        GeneratorConfig config = GeneratorConfig.defaults(settings.seed(), messages);
        if (users != null) {
            config = config.withUsers(users);
        }
        long t0 = System.nanoTime();
        InMemoryInput input = InMemoryInput.generate(config);
        log.printf(Locale.ROOT, "bench: generated %,d messages (%,d users, seed %d, %d chars on average) in %.1f s%n",
                input.size(), config.users(), config.seed(), input.averageChars(), (System.nanoTime() - t0) / 1e9);
        return input;
    }

    private LatencyBench.Plan latencyPlan() {
        List<Integer> rates = latencyRates != null ? latencyRates : List.of(5_000, LatencyBench.TARGET_RATE, 50_000);
        double seconds = latencySeconds != null ? latencySeconds : quick ? 12 : 30;
        java.time.Duration lag = latencyLag != null ? latencyLag : java.time.Duration.ofMillis(200);
        try {
            return new LatencyBench.Plan(rates, seconds, lag, 12);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(new CommandLine(this), e.getMessage());
        }
    }

    private BenchSettings settings() {
        int n = messages != null ? messages : quick ? 1_000_000 : 5_000_000;
        int scaling = scalingMessages != null ? scalingMessages : quick ? 500_000 : 2_000_000;
        // Two rounds even with --quick: the scaling points alternate order between rounds, which cancels JIT warm-up
        // and load drift, and a second throughput round costs seconds.
        int r = rounds != null ? rounds : 2;
        if (r < 1) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--rounds must be at least 1, got " + r);
        }
        InterleavedOrder.check(n, parallelism);
        InterleavedOrder.check(scaling, parallelism);
        StringBuilder rerun = new StringBuilder();
        if (quick) {
            rerun.append(" --quick");
        }
        if (messages != null) {
            rerun.append(" --messages ").append(messages);
        }
        if (scalingMessages != null) {
            rerun.append(" --scaling-messages ").append(scalingMessages);
        }
        if (rounds != null) {
            rerun.append(" --rounds ").append(rounds);
        }
        if (parallelism != 2) {
            rerun.append(" --parallelism ").append(parallelism);
        }
        if (seed != 42) {
            rerun.append(" --seed ").append(seed);
        }
        if (latencyRates != null) {
            rerun.append(" --latency-rates ").append(String.join(",", latencyRates.stream().map(String::valueOf).toList()));
        }
        if (latencySeconds != null) {
            rerun.append(" --latency-seconds ").append(latencySeconds);
        }
        if (latencyLag != null) {
            rerun.append(" --latency-lag ").append(org.harassmentwatch.cli.DurationConverter.format(latencyLag));
        }
        Path data = dataDir != null ? dataDir : Path.of(System.getProperty("java.io.tmpdir"), "harassment-watch-bench");
        return new BenchSettings(quick, parallelism, n, scaling, r, seed, esUrl, data, profileDir, rerun.toString());
    }
}
