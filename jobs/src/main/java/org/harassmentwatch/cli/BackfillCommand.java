package org.harassmentwatch.cli;

import org.apache.flink.api.common.RuntimeExecutionMode;
import org.harassmentwatch.campaign.Campaign;
import org.harassmentwatch.campaign.CampaignUpdate;
import org.harassmentwatch.detect.ScoredMessage;
import org.harassmentwatch.job.BatchRun;
import org.harassmentwatch.sink.Documents;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "backfill", mixinStandardHelpOptions = true,
        description = {"Runs the detection job over NDJSON files (Flink BATCH mode) and indexes the results into "
                + "Elasticsearch (--es) and/or writes them as NDJSON (--out): campaigns.ndjson (latest version of each "
                + "campaign), evidence.ndjson (one record per message per campaign) and dead-letters.ndjson (every "
                + "rejected input line with its reason and position).",
                "With --es the index templates are installed first (idempotent)."})
public class BackfillCommand implements Callable<Integer> {

    @Option(names = "--input", required = true, arity = "1..*", paramLabel = "FILE",
            description = "NDJSON message files (plain or .gz).")
    List<Path> inputs;

    @Option(names = "--out", description = "Folder for the result files (created if missing).")
    Path out;

    @picocli.CommandLine.Mixin
    org.harassmentwatch.sink.EsConnectionOptions es;

    @Option(names = "--prefix", defaultValue = "hw-", description = "Prefix of the index names. Default: ${DEFAULT-VALUE}.")
    String prefix;

    @Option(names = "--parallelism", defaultValue = "2", description = "Flink parallelism. Default: ${DEFAULT-VALUE}.")
    int parallelism;

    @Mixin
    DetectionOptions detection;

    @Override
    public Integer call() throws Exception {
        for (Path p : inputs) {
            if (!Files.isReadable(p)) {
                System.err.println("error: cannot read input file " + p);
                return 2;
            }
        }
        if (out == null && !es.urlsGiven()) {
            System.err.println("error: give --out DIR, --es URL, or both");
            return 2;
        }
        java.util.function.Consumer<org.harassmentwatch.job.HarassmentCampaignJob.Outputs> sinks = o -> { };
        if (es.urlsGiven()) {
            org.harassmentwatch.sink.EsConnection connection = es.toConnection(System.getenv());
            Elastic.installTemplates(connection, prefix, System.err);
            sinks = new org.harassmentwatch.job.ElasticsearchOutputs(connection, prefix,
                    org.harassmentwatch.sink.BulkSettings.defaults().withMaxInFlight(2));
        }
        BatchRun.Result result;
        if (out == null) {
            result = BatchRun.run(inputs, detection.toSettings(), parallelism, RuntimeExecutionMode.BATCH, sinks,
                    u -> { }, d -> { });
        } else {
            Files.createDirectories(out);
            try (BufferedWriter evidence = Files.newBufferedWriter(out.resolve("evidence.ndjson"), StandardCharsets.UTF_8);
                 BufferedWriter dead = Files.newBufferedWriter(out.resolve("dead-letters.ndjson"), StandardCharsets.UTF_8)) {
                result = BatchRun.run(inputs, detection.toSettings(), parallelism, RuntimeExecutionMode.BATCH, sinks,
                        u -> writeEvidence(evidence, u),
                        d -> writeLine(dead, Documents.toJson(Documents.deadLetter(d))));
            }
            try (BufferedWriter campaigns = Files.newBufferedWriter(out.resolve("campaigns.ndjson"), StandardCharsets.UTF_8)) {
                for (Campaign c : result.finalCampaigns()) {
                    writeLine(campaigns, Documents.toJson(Documents.campaign(c)));
                }
            }
        }
        long merged = result.finalCampaigns().stream().filter(c -> "merged".equals(c.status())).count();
        System.out.printf("backfill: %d campaigns (and %d merged into them; %d updates), %d dead letters in %.1f s%s%s%n",
                result.finalCampaigns().size() - merged, merged, result.campaignUpdates(), result.deadLetters(),
                result.wallMillis() / 1000.0, out == null ? "" : " -> " + out.toAbsolutePath(),
                es.urlsGiven() ? " -> Elasticsearch (" + prefix + "*)" : "");
        return 0;
    }

    private static void writeEvidence(BufferedWriter w, CampaignUpdate u) {
        for (ScoredMessage m : u.newEvidence()) {
            writeLine(w, Documents.toJson(Documents.evidence(m, u.campaign().campaignId())));
        }
    }

    private static void writeLine(BufferedWriter w, String line) {
        try {
            w.write(line);
            w.newLine();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
