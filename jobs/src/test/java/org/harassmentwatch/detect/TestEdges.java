package org.harassmentwatch.detect;

import org.harassmentwatch.ingest.Message;
import org.harassmentwatch.scoring.AbuseScores;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Builds abusive edges and incidents for operator tests. */
public final class TestEdges {
    public static final long T0 = Instant.parse("2026-01-05T10:00:00Z").toEpochMilli();
    public static final long MINUTE = 60_000L;
    public static final long HOUR = 60 * MINUTE;
    public static final long DAY = 24 * HOUR;

    private TestEdges() {
    }

    public static AbusiveEdge edge(String id, String sender, String target, long time) {
        return edge(id, sender, target, time, false, null);
    }

    public static AbusiveEdge threat(String id, String sender, String target, long time) {
        return edge(id, sender, target, time, true, null);
    }

    public static AbusiveEdge edge(String id, String sender, String target, long time, boolean threat, int[] minHash) {
        return AbusiveEdge.of(scored(id, sender, List.of(target), time, threat, List.of()), false, minHash).get(0);
    }

    public static ScoredMessage scored(String id, String sender, List<String> targets, long time, boolean threat,
                                       List<String> hashtags) {
        Message m = new Message(id, "chirp", sender, time, threat ? "I will kill you" : "you are an idiot", targets,
                null, null, "reply", "en", null, false, hashtags, List.of(), Map.of(), time + 1000, "test:" + id);
        AbuseScores s = new AbuseScores(threat ? 0.95 : 0.0, 0, threat ? 0.0 : 0.9, 0, 0, 0, 0, 1.0,
                threat ? 0.95 : 0.9, List.of());
        int mask = threat ? 1 : 1 << 2;
        return new ScoredMessage(m, s, Hashing.sha256Hex(id), mask, threat, true);
    }

    /** A rough (below the abusive threshold) message: only evidence that the pair talks rough both ways. */
    public static AbusiveEdge rough(String id, String sender, String target, long time) {
        ScoredMessage a = scored(id, sender, List.of(target), time, false, List.of());
        ScoredMessage r = new ScoredMessage(a.message(), a.scores(), a.recordSha256(), 0, false, false);
        return AbusiveEdge.of(r, false, null).get(0);
    }

    /** A signature that estimates Jaccard 1.0 with any other built from the same seed. */
    public static int[] signature(int seed) {
        int[] sig = new int[64];
        for (int i = 0; i < sig.length; i++) {
            sig[i] = seed * 1_000_003 + i;
        }
        return sig;
    }
}
