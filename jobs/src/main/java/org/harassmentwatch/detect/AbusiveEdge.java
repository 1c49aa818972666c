package org.harassmentwatch.detect;

import java.util.ArrayList;
import java.util.List;

/**
 * One abusive (or rough) message as seen from one of its targets: the unit the pair, target and sender detectors
 * combine. Benign messages never become edges, so they cost the detectors nothing. An edge carries only what the
 * detectors read, not the message: each edge crosses a network exchange three times (pair, target, sender), and the
 * message itself reaches the evidence store once, which the detectors refer to by {@link #evidenceRef}.
 *
 * @param senderId    who sent it
 * @param targetId    one of its targets (never the sender)
 * @param time        event time (created_at, UTC epoch millis)
 * @param newAccount  whether the sender's account was younger than the new-account age when it was sent
 * @param minHash     MinHash signature of the normalised text (near-duplicate detection across senders)
 * @param messageId   platform message id (ties between equal times are broken by it)
 * @param evidenceRef the message's reference in the evidence store ({@link EvidenceRefs#of})
 * @param abusive     whether the message reached the abusive threshold (else it is rough: banter check only)
 * @param threat      whether the message reached the threat threshold
 * @param hashtags    the message's hashtags (coordination signals)
 * @param urls        the message's URLs (coordination signals)
 */
public record AbusiveEdge(String senderId, String targetId, long time, boolean newAccount, int[] minHash,
                          String messageId, String evidenceRef, boolean abusive, boolean threat,
                          List<String> hashtags, List<String> urls) {

    /** The edges of {@code scored}, one per target, sharing one reference and signature. */
    public static List<AbusiveEdge> of(ScoredMessage scored, boolean newAccount, int[] minHash) {
        var m = scored.message();
        String ref = EvidenceRefs.of(m);
        List<AbusiveEdge> edges = new ArrayList<>(m.targetIds().size());
        for (String target : m.targetIds()) {
            edges.add(new AbusiveEdge(m.senderId(), target, m.createdAt(), newAccount, minHash, m.messageId(), ref,
                    scored.abusive(), scored.threat(), m.hashtags(), m.urls()));
        }
        return edges;
    }
}
