package org.harassmentwatch.job;

import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.harassmentwatch.campaign.Campaign;
import org.harassmentwatch.campaign.CampaignUpdate;
import org.harassmentwatch.ingest.DeadLetter;
import org.harassmentwatch.ingest.NdjsonFormat;
import org.harassmentwatch.ingest.RawRecord;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Runs the detection graph over NDJSON files (bounded) in a local Flink and hands every campaign update and dead
 * letter to the caller. BATCH execution by default (eval, backfill); STREAMING gives the same result (determinism
 * tests compare the two).
 */
public final class BatchRun {

    private BatchRun() {
    }

    /** Summary of a run. */
    public record Result(List<Campaign> finalCampaigns, long campaignUpdates, long deadLetters, long wallMillis) {
    }

    public static Result run(List<Path> inputs, HarassmentCampaignJob.Settings settings, int parallelism,
                             RuntimeExecutionMode mode, Consumer<CampaignUpdate> onUpdate,
                             Consumer<DeadLetter> onDeadLetter) throws Exception {
        return run(inputs, settings, parallelism, mode, outputs -> { }, onUpdate, onDeadLetter);
    }

    /** As above, with extra sinks (e.g. Elasticsearch) attached to the graph's outputs before it runs. */
    public static Result run(List<Path> inputs, HarassmentCampaignJob.Settings settings, int parallelism,
                             RuntimeExecutionMode mode, Consumer<HarassmentCampaignJob.Outputs> sinks,
                             Consumer<CampaignUpdate> onUpdate, Consumer<DeadLetter> onDeadLetter) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setRuntimeMode(mode);
        env.setParallelism(parallelism);
        DataStream<RawRecord> raw = env.fromSource(NdjsonFormat.fileSource(inputs.stream().map(p -> p.toAbsolutePath().toString()).toArray(String[]::new)),
                        HarassmentCampaignJob.watermarks(settings), "ndjson files")
                .uid("source-files").name("NDJSON files");
        HarassmentCampaignJob.Outputs outputs = HarassmentCampaignJob.build(raw, settings);
        sinks.accept(outputs);
        long start = System.currentTimeMillis();
        try (CloseableIterator<CampaignUpdate> updates = outputs.campaigns().collectAsync();
             CloseableIterator<DeadLetter> dead = outputs.deadLetters().collectAsync()) {
            env.executeAsync("harassment-watch " + mode.name().toLowerCase() + " over " + inputs.size() + " file(s)");
            CompletableFuture<Long> deadCount = CompletableFuture.supplyAsync(() -> {
                long n = 0;
                while (dead.hasNext()) {
                    onDeadLetter.accept(dead.next());
                    n++;
                }
                return n;
            });
            Map<String, Campaign> latest = new TreeMap<>();
            long n = 0;
            while (updates.hasNext()) {
                CampaignUpdate u = updates.next();
                onUpdate.accept(u);
                n++;
                latest.merge(u.campaign().campaignId(), u.campaign(), (a, b) -> a.version() >= b.version() ? a : b);
            }
            long deadLetters = deadCount.get();
            return new Result(new ArrayList<>(latest.values()), n, deadLetters, System.currentTimeMillis() - start);
        }
    }
}
