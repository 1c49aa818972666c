package org.harassmentwatch.job;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.harassmentwatch.campaign.CampaignClusterer;
import org.harassmentwatch.campaign.CampaignUpdate;
import org.harassmentwatch.campaign.EvidenceStore;
import org.harassmentwatch.campaign.ResolvedIncident;
import org.harassmentwatch.detect.AbusiveEdge;
import org.harassmentwatch.detect.DetectionConfig;
import org.harassmentwatch.detect.EvidenceFeed;
import org.harassmentwatch.detect.EvidenceRefs;
import org.harassmentwatch.detect.Incident;
import org.harassmentwatch.detect.PairDetector;
import org.harassmentwatch.detect.ScoredMessage;
import org.harassmentwatch.detect.SenderDetector;
import org.harassmentwatch.detect.TargetDetector;
import org.harassmentwatch.ingest.DeadLetter;
import org.harassmentwatch.ingest.DecodeMessages;
import org.harassmentwatch.ingest.Message;
import org.harassmentwatch.ingest.MessageRules;
import org.harassmentwatch.ingest.RawEventTime;
import org.harassmentwatch.ingest.RawRecord;
import org.harassmentwatch.scoring.AbuseScorer;

import java.io.Serializable;
import java.time.Duration;

/**
 * The detection graph, independent of where records come from and where results go: callers (the CLI's run,
 * backfill, eval and demo commands, and the tests) hand it a stream of raw records and attach their own sinks to
 * the returned streams.
 *
 * <pre>
 * raw (event time from the source) → decode (dead letters aside) → score (benign stop here) → first occurrence per message id
 *   ├→ one edge per target ─┬ keyBy(pair)   → PairDetector   ─┐
 *   │                       ├ keyBy(target) → TargetDetector ─┼→ incidents (evidence references) ─┐
 *   │                       └ keyBy(sender) → SenderDetector ─┘  + released references ─┐          │
 *   └→ abusive messages (with their holds) ─────────────────────────────────────────────┴→ EvidenceStore
 *                                     → incidents with their evidence messages → CampaignClusterer → campaign updates
 * </pre>
 * The detectors keep evidence references, not messages: each abusive message is kept once, by the evidence store,
 * while a detector may still report it (see {@link EvidenceRefs}).
 */
public final class HarassmentCampaignJob {

    private HarassmentCampaignJob() {
    }

    /** Watermark settings and the detection rule set. */
    public record Settings(DetectionConfig detection, Duration maxOutOfOrderness, Duration idleness) implements Serializable {
        public static Settings defaults() {
            return new Settings(DetectionConfig.defaults(), Duration.ofSeconds(5), Duration.ofSeconds(30));
        }

        public Settings {
            if (maxOutOfOrderness.isNegative()) {
                throw new IllegalArgumentException("max-out-of-orderness must not be negative, got " + maxOutOfOrderness);
            }
            if (idleness.isNegative() || idleness.isZero()) {
                throw new IllegalArgumentException("idleness must be positive, got " + idleness);
            }
        }
    }

    /** What the graph produces. */
    public record Outputs(DataStream<CampaignUpdate> campaigns, DataStream<DeadLetter> deadLetters,
                          DataStream<Incident> incidents) {
    }

    /**
     * Event time for the source: {@code created_at} read from each raw record, bounded out-of-orderness and idleness.
     * Given to {@code env.fromSource}, so that the source keeps a watermark per split (Kafka partition, file) and a
     * partition read ahead of another cannot make the other's messages late.
     */
    public static WatermarkStrategy<RawRecord> watermarks(Settings settings) {
        return WatermarkStrategy.<RawRecord>forBoundedOutOfOrderness(settings.maxOutOfOrderness())
                .withTimestampAssigner(new RawEventTime(MessageRules.DEFAULT))
                .withIdleness(settings.idleness());
    }

    /**
     * The graph over {@code raw}, which must carry event-time watermarks: create its source with
     * {@link #watermarks(Settings)}.
     */
    public static Outputs build(DataStream<RawRecord> raw, Settings settings) {
        DetectionConfig config = settings.detection();
        SingleOutputStreamOperator<Message> decoded = raw
                .process(new DecodeMessages())
                .uid("decode").name("decode + validate");
        DataStream<DeadLetter> deadLetters = decoded.getSideOutput(DecodeMessages.DEAD_LETTERS);

        DataStream<ScoredMessage> abusive = decoded
                .process(new ScoreMessages(config))
                .uid("score").name("score; keep abusive")
                .keyBy((KeySelector<ScoredMessage, String>) EvidenceRefs::of)
                .process(new FirstOccurrence(config.dedupRetention()))
                .uid("dedup").name("first occurrence per message id");

        DataStream<AbusiveEdge> edges = abusive
                .flatMap(new ToEdges(config))
                .uid("edges").name("one edge per target");

        SingleOutputStreamOperator<Incident> pairs = edges
                .keyBy((KeySelector<AbusiveEdge, String>) PairDetector::pairKey)
                .process(new PairDetector(config))
                .uid("detect-pair").name("persistent pair (sender↔target)");
        // Rough-only messages serve the pair detector's banter check; the group detectors see abuse only.
        DataStream<AbusiveEdge> abusiveEdges = edges.filter(AbusiveEdge::abusive)
                .uid("abusive-edges").name("abusive only");
        SingleOutputStreamOperator<Incident> targets = abusiveEdges
                .keyBy((KeySelector<AbusiveEdge, String>) AbusiveEdge::targetId)
                .process(new TargetDetector(config))
                .uid("detect-target").name("pile-on / target group (per target)");
        SingleOutputStreamOperator<Incident> senders = abusiveEdges
                .keyBy((KeySelector<AbusiveEdge, String>) AbusiveEdge::senderId)
                .process(new SenderDetector(config))
                .uid("detect-sender").name("spree (per sender)");
        DataStream<Incident> incidents = pairs.union(targets, senders);

        // Each abusive message once, with the holds the detectors will take on it, and the holds they give back on
        // references dropped unreported: the evidence store keeps a message exactly while something can refer to it.
        DataStream<EvidenceFeed> evidenceFeed = abusive
                .filter(s -> EvidenceRefs.holdsOf(s) > 0)
                .uid("evidence-messages").name("abusive messages for the evidence store")
                .map(EvidenceFeed::held).returns(TypeInformation.of(EvidenceFeed.class))
                .uid("evidence-holds").name("holds per abusive message")
                .union(pairs.getSideOutput(EvidenceRefs.RELEASED), targets.getSideOutput(EvidenceRefs.RELEASED),
                        senders.getSideOutput(EvidenceRefs.RELEASED));

        // One store instance, beside the one clustering instance it feeds: incidents reach both through one channel.
        DataStream<ResolvedIncident> resolved = incidents
                .keyBy((KeySelector<Incident, Integer>) i -> 0)
                .connect(evidenceFeed.keyBy((KeySelector<EvidenceFeed, Integer>) f -> 0))
                .process(new EvidenceStore())
                .uid("evidence-store").name("evidence store: resolve incident evidence")
                .setParallelism(1);

        // One clustering instance sees every incident: merges across targets need the global view, and incidents
        // are few (only abusive activity that crossed a threshold).
        DataStream<CampaignUpdate> campaigns = resolved
                .keyBy((KeySelector<ResolvedIncident, Integer>) i -> 0)
                .process(new CampaignClusterer(config, AbuseScorer.loadDefault().version()))
                .uid("campaigns").name("campaign clustering")
                .setParallelism(1);
        return new Outputs(campaigns, deadLetters, incidents);
    }
}
