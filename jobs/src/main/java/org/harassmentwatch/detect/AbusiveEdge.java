package org.harassmentwatch.detect;

/**
 * One abusive message as seen from one of its targets: the unit the pair, target and sender detectors combine.
 * Benign messages never become edges, so they cost the detectors nothing.
 *
 * @param senderId   who sent it
 * @param targetId   one of its targets (never the sender)
 * @param time       event time (created_at, UTC epoch millis)
 * @param newAccount whether the sender's account was younger than the new-account age when it was sent
 * @param minHash    MinHash signature of the normalised text (near-duplicate detection across senders)
 * @param scored     the scored message, kept as evidence
 */
public record AbusiveEdge(String senderId, String targetId, long time, boolean newAccount, int[] minHash,
                          ScoredMessage scored) {

    public String messageId() {
        return scored.message().messageId();
    }
}
