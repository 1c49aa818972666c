package org.harassmentwatch.cli;

import org.apache.flink.api.common.RuntimeExecutionMode;
import org.harassmentwatch.eval.EvalReport;
import org.harassmentwatch.generate.GroundTruth;
import org.harassmentwatch.job.BatchRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;

@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Runs the detection job in Flink BATCH mode over generated messages and scores it against the "
                + "ground truth: campaign-level precision, recall and F1 per shape and overall, false alerts per million "
                + "benign messages, and median detection delay (event time from a campaign's first abusive message to "
                + "its first detection).",
                "Matching rule: a detected campaign matches a planted one when they share a target and the Jaccard "
                        + "similarity of their sender sets is >= 0.5; one-to-one, best match first."})
public class EvalCommand implements Callable<Integer> {

    @Option(names = "--input", required = true, description = "messages.ndjson written by 'generate'.")
    Path input;

    @Option(names = "--truth", required = true, description = "truth.json written by 'generate'.")
    Path truth;

    @Option(names = "--report", description = "Also write the figures as JSON to this file.")
    Path report;

    @Option(names = "--parallelism", defaultValue = "2", description = "Flink parallelism. Default: ${DEFAULT-VALUE}.")
    int parallelism;

    @Mixin
    DetectionOptions detection;

    @Override
    public Integer call() throws Exception {
        PrintStream err = System.err;
        for (Path p : List.of(input, truth)) {
            if (!Files.isReadable(p)) {
                err.println("error: cannot read " + p);
                return 2;
            }
        }
        GroundTruth groundTruth = GroundTruth.read(truth);
        err.printf("eval: %s (%,d messages, %d planted campaigns), parallelism %d, BATCH mode%n", input,
                groundTruth.messages(), groundTruth.campaigns().size(), parallelism);
        AtomicLong updates = new AtomicLong();
        BatchRun.Result result = BatchRun.run(List.of(input), detection.toSettings(), parallelism,
                RuntimeExecutionMode.BATCH, u -> updates.incrementAndGet(), d -> { });
        EvalReport evalReport = EvalReport.evaluate(groundTruth, result.finalCampaigns());
        System.out.print(evalReport.toTable());
        err.printf("eval: %d campaign updates, %d dead letters, %.1f s%n", result.campaignUpdates(),
                result.deadLetters(), result.wallMillis() / 1000.0);
        if (report != null) {
            Files.writeString(report, evalReport.toJson());
            err.println("eval: report written to " + report);
        }
        return 0;
    }
}
