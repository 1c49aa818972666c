package org.harassmentwatch.bench;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.util.Collector;
import org.harassmentwatch.detect.DetectionConfig;
import org.harassmentwatch.detect.ScoredMessage;
import org.harassmentwatch.ingest.DecodeMessages;
import org.harassmentwatch.ingest.Message;
import org.harassmentwatch.job.HarassmentCampaignJob;
import org.harassmentwatch.job.ScoreMessages;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * What a competent Flink user would write instead of the detectors: the same decode, event time and scoring
 * (the project's own operators, so only the detection part differs), then one row per (message, target) and
 * Flink SQL windowing table functions for the rules.
 *
 * <ul>
 *   <li>persistent pair: per sender→target, abusive messages in distinct hours (≈ separate occasions) ≥ 2, or any
 *       threat, in {@code HOP} windows of the course-of-conduct length (30 days) sliding by one day;</li>
 *   <li>pile-on: {@code COUNT(DISTINCT sender)} per target ≥ 8 in 60-minute {@code HOP} windows sliding by 5
 *       minutes, and ≥ 20 in 24-hour windows sliding by one hour.</li>
 * </ul>
 * Slides are what such a user would pick: fine enough for the alert delay each rule tolerates (minutes for a
 * pile-on, a day for a month-long course of conduct), coarse enough that each row is not copied into hundreds of
 * windows. It omits what SQL makes awkward (banter check, coordination signals, campaign clustering), so it does
 * less than the full job.
 */
final class SqlBaseline {

    private static final Duration PAIR_SLIDE = Duration.ofDays(1);
    private static final Duration PILE_ON_SHORT_SLIDE = Duration.ofMinutes(5);
    private static final Duration PILE_ON_LONG_SLIDE = Duration.ofHours(1);

    /** One scored message as seen from one of its targets: the table the queries read. */
    public static final class EdgeRow {
        public String sender;
        public String target;
        public long createdAt;
        public boolean abusive;
        public boolean threat;

        public EdgeRow() {
        }
    }

    private SqlBaseline() {
    }

    /** The three queries, in the order {@link #build} adds them. */
    static List<String> queries(DetectionConfig c) {
        String pair = String.format(Locale.ROOT, """
                SELECT sender, target, window_start, window_end,
                       COUNT(DISTINCT createdAt / 3600000) AS occasions,
                       SUM(CASE WHEN threat THEN 1 ELSE 0 END) AS threats
                FROM TABLE(HOP(TABLE edges, DESCRIPTOR(rowtime), %s, %s))
                WHERE abusive
                GROUP BY sender, target, window_start, window_end
                HAVING COUNT(DISTINCT createdAt / 3600000) >= %d OR SUM(CASE WHEN threat THEN 1 ELSE 0 END) > 0""",
                interval(PAIR_SLIDE), interval(c.courseOfConductWindow()), c.pairMinOccasions());
        String pileOnShort = pileOn(PILE_ON_SHORT_SLIDE, c.pileOnShortWindow(), c.pileOnShortSenders());
        String pileOnLong = pileOn(PILE_ON_LONG_SLIDE, c.pileOnLongWindow(), c.pileOnLongSenders());
        return List.of(pair, pileOnShort, pileOnLong);
    }

    private static String pileOn(Duration slide, Duration size, int senders) {
        return String.format(Locale.ROOT, """
                SELECT target, window_start, window_end, COUNT(DISTINCT sender) AS senders
                FROM TABLE(HOP(TABLE edges, DESCRIPTOR(rowtime), %s, %s))
                WHERE abusive
                GROUP BY target, window_start, window_end
                HAVING COUNT(DISTINCT sender) >= %d""", interval(slide), interval(size), senders);
    }

    /** A SQL interval literal in the largest unit that divides {@code d} (leading precision 2: below 100). */
    static String interval(Duration d) {
        long seconds = d.toSeconds();
        String[] units = {"DAY", "HOUR", "MINUTE", "SECOND"};
        long[] sizes = {86_400, 3_600, 60, 1};
        for (int i = 0; i < units.length; i++) {
            if (seconds % sizes[i] == 0 && seconds / sizes[i] < 100) {
                return "INTERVAL '" + seconds / sizes[i] + "' " + units[i];
            }
        }
        throw new IllegalArgumentException("no SQL interval literal with a leading value below 100 for " + d);
    }

    /** Adds the baseline to {@code env}: decode, event time, score, explode per target, the three queries. */
    static void build(StreamExecutionEnvironment env, int messages, int parallelism) {
        DetectionConfig config = HarassmentCampaignJob.Settings.defaults().detection();
        DataStream<EdgeRow> rows = decodedAndScored(env, messages, parallelism)
                .flatMap(new ToRows()).uid("rows").name("one row per target");

        StreamTableEnvironment tables = StreamTableEnvironment.create(env);
        Table edges = tables.fromDataStream(rows, Schema.newBuilder()
                .columnByMetadata("rowtime", "TIMESTAMP_LTZ(3)")
                .watermark("rowtime", "SOURCE_WATERMARK()")
                .build());
        tables.createTemporaryView("edges", edges);
        List<String> names = List.of("sql-pair", "sql-pile-on-60m", "sql-pile-on-24h");
        List<String> queries = queries(config);
        for (int i = 0; i < queries.size(); i++) {
            tables.toDataStream(tables.sqlQuery(queries.get(i)))
                    .sinkTo(TimedSink.discarding(names.get(i))).name("discard " + names.get(i));
        }
    }

    /**
     * The part of the baseline that {@code full} also does (decode, event time, scoring), so that the score-only row
     * shows what full / SQL could reach at most if detection and clustering cost nothing.
     */
    static DataStream<ScoredMessage> decodedAndScored(StreamExecutionEnvironment env, int messages, int parallelism) {
        HarassmentCampaignJob.Settings settings = HarassmentCampaignJob.Settings.defaults();
        return BenchJobs.source(env, messages, parallelism)
                .process(new DecodeMessages()).uid("decode").name("decode + validate")
                .assignTimestampsAndWatermarks(WatermarkStrategy
                        .<Message>forBoundedOutOfOrderness(settings.maxOutOfOrderness())
                        .withTimestampAssigner((m, ignored) -> m.createdAt())
                        .withIdleness(settings.idleness()))
                .uid("watermarks").name("event time (created_at)")
                .process(new ScoreMessages(settings.detection())).uid("score").name("score; keep abusive");
    }

    /** Decode, event time and scoring as in the baseline, then discard: the cost both jobs share. */
    static void scoreOnly(StreamExecutionEnvironment env, int messages, int parallelism) {
        decodedAndScored(env, messages, parallelism).sinkTo(TimedSink.discarding(BenchJobs.SCORED))
                .name("discard scored messages");
    }

    private static final class ToRows implements FlatMapFunction<ScoredMessage, EdgeRow> {
        private static final long serialVersionUID = 1L;

        @Override
        public void flatMap(ScoredMessage s, Collector<EdgeRow> out) {
            Message m = s.message();
            for (String target : m.targetIds()) {
                EdgeRow row = new EdgeRow();
                row.sender = m.senderId();
                row.target = target;
                row.createdAt = m.createdAt();
                row.abusive = s.abusive();
                row.threat = s.threat();
                out.collect(row);
            }
        }
    }
}
