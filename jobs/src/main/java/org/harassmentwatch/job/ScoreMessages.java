package org.harassmentwatch.job;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.harassmentwatch.detect.DetectionConfig;
import org.harassmentwatch.detect.ScoredMessage;
import org.harassmentwatch.ingest.Message;
import org.harassmentwatch.scoring.AbuseScorer;
import org.harassmentwatch.scoring.AbuseScores;
import org.harassmentwatch.scoring.Category;

import java.util.Set;

/**
 * Scores every message and passes on only the abusive ones aimed at someone, plus the few "rough" ones (between the
 * rough and abusive thresholds) that only serve the pair detector's banter check. Benign messages stop here: the
 * detectors never see them, so viral friendly attention costs one scoring pass and nothing more.
 */
public class ScoreMessages extends ProcessFunction<Message, ScoredMessage> {

    private static final Set<String> ADDRESSED_CHANNELS = Set.of("reply", "mention", "direct_message", "comment");

    private final DetectionConfig config;
    private transient AbuseScorer scorer;
    private transient Counter scored;
    private transient Counter abusive;

    public ScoreMessages(DetectionConfig config) {
        this.config = config;
    }

    @Override
    public void open(OpenContext openContext) {
        scorer = AbuseScorer.loadDefault();
        scored = getRuntimeContext().getMetricGroup().counter("messagesScored");
        abusive = getRuntimeContext().getMetricGroup().counter("abusiveMessages");
    }

    @Override
    public void processElement(Message m, Context ctx, Collector<ScoredMessage> out) {
        scored.inc();
        if (m.targetIds().isEmpty()) {
            return; // self-targeting only: ignored by design
        }
        boolean addressed = m.channel() == null || ADDRESSED_CHANNELS.contains(m.channel());
        AbuseScores s = scorer.score(m.text(), m.upstreamScores(), addressed);
        if (s.abuse() < config.roughThreshold()) {
            return;
        }
        boolean isAbusive = s.abuse() >= config.abusiveThreshold();
        if (isAbusive) {
            abusive.inc();
        }
        // Not sealed here: most abusive messages are never reported; the evidence store seals those that are.
        out.collect(new ScoredMessage(m, s, null,
                categoryMask(s, config.categoryThreshold()), isAbusive && s.threat() >= config.threatThreshold(),
                isAbusive));
    }

    static int categoryMask(AbuseScores s, double threshold) {
        int mask = 0;
        Category[] all = Category.values();
        for (int i = 0; i < all.length; i++) {
            if (s.get(all[i]) >= threshold) {
                mask |= 1 << i;
            }
        }
        return mask;
    }
}
