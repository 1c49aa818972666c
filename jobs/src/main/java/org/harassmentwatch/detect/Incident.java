package org.harassmentwatch.detect;

import java.util.List;

/**
 * What a detector saw about one key (a sender→target pair, a target, a sender), emitted when it crosses a
 * threshold and again each time it grows. Each emission is the current state of the incident, plus the evidence
 * messages newly attached since the previous emission for the same key.
 *
 * @param kind           {@link IncidentKind} name
 * @param key            "pair:S>T", "target:T" or "sender:S"
 * @param tier           detector-specific tier: "threat", "course_of_conduct", "pile_on", "target_group", "spree", "spree_low"
 * @param reportable     whether this incident alone makes a campaign worth reporting
 * @param detectedAt     event time of the message that triggered this emission
 * @param firstSeen      event time of the first abusive message in the incident
 * @param lastSeen       event time of the latest abusive message in the incident
 * @param senders        distinct senders, sorted (all of them: clustering needs exact sets)
 * @param targets        distinct targets, sorted
 * @param messageCount   abusive messages counted in the incident
 * @param occasions      separate occasions (pair incidents), else 0
 * @param threatMessages messages at or above the threat threshold
 * @param peakShortWindowSenders most distinct senders seen in the short pile-on window (target incidents)
 * @param nearDuplicateShare share of senders whose text is a near duplicate of another sender's (Jaccard ≥ threshold)
 * @param onsetSynchrony share of senders whose first message fell in the busiest synchrony window
 * @param newAccountShare share of senders with accounts younger than the new-account age
 * @param sharedHashtags hashtags used by at least two senders, sorted
 * @param sharedUrls     URLs used by at least two senders, sorted
 * @param evidence       references ({@link EvidenceRefs}) to the abusive messages newly attached since the previous
 *                       emission for this key, in the order seen; the evidence store resolves them to messages
 */
public record Incident(
        String kind,
        String key,
        String tier,
        boolean reportable,
        long detectedAt,
        long firstSeen,
        long lastSeen,
        List<String> senders,
        List<String> targets,
        int messageCount,
        int occasions,
        int threatMessages,
        int peakShortWindowSenders,
        double nearDuplicateShare,
        double onsetSynchrony,
        double newAccountShare,
        List<String> sharedHashtags,
        List<String> sharedUrls,
        List<String> evidence) {
}
