package org.harassmentwatch.generate;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code generate}: writes synthetic traffic with planted campaigns and its ground truth to a directory. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Write synthetic social-media traffic with planted harassment campaigns and decoys:"
                + " DIR/messages.ndjson (ingest format) and DIR/truth.json (ground truth). Deterministic per seed.")
public final class GenerateCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--messages", required = true, description = "Exact number of messages to write.")
    private long messages;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    private Path out;

    @Option(names = "--campaigns-per-shape", description = "Planted campaigns per shape (default: max(1, messages/8000)).")
    private Integer campaignsPerShape;

    @Option(names = "--start", description = "Start of the span, ISO-8601 UTC (default: 2026-01-05T00:00:00Z).")
    private Instant start;

    @Option(names = "--days", description = "Length of the span in days (default: 30).")
    private Integer days;

    @Option(names = "--users", description = "Benign user population (default: max(1000, messages/10)).")
    private Integer users;

    @Option(names = "--out-of-order-share", description = "Share of messages written late (default: 0.02).")
    private Double outOfOrderShare;

    @Option(names = "--upstream-score-share",
            description = "Share of messages with upstream classifier scores (default: 0).")
    private Double upstreamScoreShare;

    @Option(names = "--decoys-per-kind",
            description = "Banter pairs, heated exchanges and profane users each (default: max(1, messages/8000)).")
    private Integer decoysPerKind;

    @Option(names = "--viral-decoys", description = "Viral benign bursts (default: max(1, messages/100000)).")
    private Integer viralDecoys;

    @Option(names = "--platform", description = "Value of the platform field (default: chirp).")
    private String platform;

    GeneratorConfig config() {
        GeneratorConfig config = GeneratorConfig.defaults(seed, messages);
        if (campaignsPerShape != null) {
            config = config.withCampaignsPerShape(campaignsPerShape);
        }
        if (start != null) {
            config = config.withStart(start);
        }
        if (days != null) {
            config = config.withSpanDays(days);
        }
        if (users != null) {
            config = config.withUsers(users);
        }
        if (outOfOrderShare != null) {
            config = config.withOutOfOrderShare(outOfOrderShare);
        }
        if (upstreamScoreShare != null) {
            config = config.withUpstreamScoreShare(upstreamScoreShare);
        }
        if (decoysPerKind != null) {
            config = config.withDecoysPerKind(decoysPerKind);
        }
        if (viralDecoys != null) {
            config = config.withViralDecoys(viralDecoys);
        }
        if (platform != null) {
            config = config.withPlatform(platform);
        }
        return config;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        GeneratorConfig config;
        try {
            config = config();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        long began = System.nanoTime();
        long[] lastReport = {began};
        GroundTruth truth;
        try {
            truth = TrafficGenerator.generate(config, out, (written, total) -> {
                long now = System.nanoTime();
                if (written < total && now - lastReport[0] >= 1_000_000_000L) {
                    lastReport[0] = now;
                    double seconds = (now - began) / 1e9;
                    err.printf(Locale.ROOT, "generate: %,d / %,d messages (%.0f%%), %,.0f msg/s%n",
                            written, total, 100.0 * written / total, written / seconds);
                    err.flush();
                }
            });
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        double seconds = (System.nanoTime() - began) / 1e9;
        spec.commandLine().getOut().printf(Locale.ROOT,
                "generated %d messages (%d planted abusive in %d campaigns, %d decoys) in %.1f s (%,.0f msg/s) to %s%n",
                truth.messages(), truth.plantedMessages(), truth.campaigns().size(), truth.decoys().size(), seconds,
                truth.messages() / seconds, out.toAbsolutePath());
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** Standalone entry point; the main CLI registers this command as a subcommand. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new GenerateCommand()).execute(args));
    }
}
