package org.harassmentwatch.bench;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.harassmentwatch.ingest.DecodeMessages;
import org.harassmentwatch.ingest.Message;
import org.harassmentwatch.ingest.RawRecord;
import org.harassmentwatch.job.HarassmentCampaignJob;

/**
 * The graphs the throughput rows compare, all reading the same installed {@link InMemoryInput} through the same
 * source and ending in {@link TimedSink}s.
 */
final class BenchJobs {

    static final String MESSAGES = "messages";
    static final String DEAD_LETTERS = "dead-letters";
    static final String CAMPAIGN_UPDATES = "campaign-updates";
    static final String SCORED = "scored";

    private BenchJobs() {
    }

    static DataStream<RawRecord> source(StreamExecutionEnvironment env, int messages, int parallelism) {
        return source(env, messages, parallelism, WatermarkStrategy.noWatermarks());
    }

    static DataStream<RawRecord> source(StreamExecutionEnvironment env, int messages, int parallelism,
                                        WatermarkStrategy<RawRecord> watermarks) {
        return env.fromSource(InMemoryInput.source(messages, parallelism), watermarks, "in-memory lines")
                .uid("source-memory").name("in-memory NDJSON lines");
    }

    /** Decode + validate into {@link Message}, discard: the floor cost of reading the input. */
    static void parseOnly(StreamExecutionEnvironment env, int messages, int parallelism) {
        SingleOutputStreamOperator<Message> decoded = source(env, messages, parallelism)
                .process(new DecodeMessages())
                .uid("decode").name("decode + validate");
        decoded.sinkTo(TimedSink.discarding(MESSAGES)).name("discard messages");
        decoded.getSideOutput(DecodeMessages.DEAD_LETTERS).sinkTo(TimedSink.discarding(DEAD_LETTERS))
                .name("discard dead letters");
    }

    /** The real detection graph ({@link HarassmentCampaignJob#build}) with default settings, outputs discarded. */
    static void full(StreamExecutionEnvironment env, int messages, int parallelism) {
        // Watermarks at the source, per split, exactly as the production sources make them: the detectors and the
        // clustering then release their event-time buffers as the input goes by, as they do in a running job.
        HarassmentCampaignJob.Settings settings = HarassmentCampaignJob.Settings.defaults();
        HarassmentCampaignJob.Outputs outputs = HarassmentCampaignJob.build(
                source(env, messages, parallelism, HarassmentCampaignJob.watermarks(settings)), settings);
        // Parallelism 1 like the Elasticsearch campaign sink: chained to the single clustering instance.
        outputs.campaigns().sinkTo(TimedSink.discarding(CAMPAIGN_UPDATES)).name("discard campaign updates")
                .setParallelism(1);
        outputs.deadLetters().sinkTo(TimedSink.discarding(DEAD_LETTERS)).name("discard dead letters");
    }
}
