package org.harassmentwatch.job;

import org.apache.flink.api.common.functions.FlatMapFunction;
import org.harassmentwatch.detect.AbusiveEdge;
import org.harassmentwatch.detect.DetectionConfig;
import org.harassmentwatch.detect.ScoredMessage;
import org.harassmentwatch.ingest.Message;
import org.harassmentwatch.scoring.MinHasher;
import org.harassmentwatch.scoring.TextNormalizer;

/** Fans an abusive message out to one edge per target, with its MinHash signature and the new-account flag. */
public class ToEdges implements FlatMapFunction<ScoredMessage, AbusiveEdge> {

    private final long newAccountAgeMillis;
    private transient MinHasher minHasher;
    private transient TextNormalizer normalizer;

    public ToEdges(DetectionConfig config) {
        this.newAccountAgeMillis = config.newAccountAge().toMillis();
    }

    @Override
    public void flatMap(ScoredMessage scored, org.apache.flink.util.Collector<AbusiveEdge> out) {
        if (minHasher == null) {
            minHasher = new MinHasher();
            normalizer = TextNormalizer.loadDefault();
        }
        Message m = scored.message();
        boolean newAccount = m.senderCreatedAt() != null && m.createdAt() - m.senderCreatedAt() < newAccountAgeMillis;
        int[] signature = minHasher.signature(normalizer.normalize(m.text()).text());
        for (AbusiveEdge edge : AbusiveEdge.of(scored, newAccount, signature)) {
            out.collect(edge);
        }
    }
}
