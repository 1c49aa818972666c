package org.harassmentwatch.detect;

import java.util.List;

/**
 * What the evidence store is told about messages: an abusive message arrives with the number of holds the detectors
 * will take on it, or detectors give back holds on references they dropped unreported. Exactly one of the two.
 *
 * @param message  the scored abusive message (one copy per message), or null for a release
 * @param holds    holds the detectors will take on {@code message} (see {@link EvidenceRefs#holdsOf}), else 0
 * @param released references given back unreported, one hold each (a reference may repeat); empty for a message
 */
public record EvidenceFeed(ScoredMessage message, int holds, List<String> released) {

    public static EvidenceFeed held(ScoredMessage message) {
        return new EvidenceFeed(message, EvidenceRefs.holdsOf(message), List.of());
    }

    public static EvidenceFeed released(List<String> refs) {
        return new EvidenceFeed(null, 0, refs);
    }
}
