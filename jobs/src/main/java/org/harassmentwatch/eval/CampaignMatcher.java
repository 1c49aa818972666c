package org.harassmentwatch.eval;

import org.harassmentwatch.campaign.Campaign;
import org.harassmentwatch.generate.GroundTruth;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Matches detected campaigns to planted ones, one to one. The rule (also in the README): a detected campaign
 * matches a planted campaign when they share at least one target and the Jaccard similarity of their sender sets
 * is at least {@value #MIN_SENDER_JACCARD}; each planted campaign takes its best-matching detected campaign (highest
 * Jaccard, then earliest detection, then id), and each detected campaign matches at most one planted campaign.
 */
public final class CampaignMatcher {

    public static final double MIN_SENDER_JACCARD = 0.5;

    private CampaignMatcher() {
    }

    /** A matched pair. */
    public record Match(GroundTruth.Campaign planted, Campaign detected, double senderJaccard) {
    }

    public static List<Match> match(List<GroundTruth.Campaign> planted, List<Campaign> detected) {
        Map<String, List<Campaign>> bySender = new LinkedHashMap<>();
        for (Campaign d : detected) {
            for (String s : d.senders()) {
                bySender.computeIfAbsent(s, k -> new ArrayList<>()).add(d);
            }
        }
        record Candidate(GroundTruth.Campaign p, Campaign d, double j) {
        }
        List<Candidate> candidates = new ArrayList<>();
        for (GroundTruth.Campaign p : planted) {
            Set<Campaign> seen = new HashSet<>();
            for (String s : p.senders()) {
                for (Campaign d : bySender.getOrDefault(s, List.of())) {
                    if (seen.add(d) && sharesTarget(p, d)) {
                        double j = jaccard(p.senders(), d.senders(), d.senderCount());
                        if (j >= MIN_SENDER_JACCARD) {
                            candidates.add(new Candidate(p, d, j));
                        }
                    }
                }
            }
        }
        candidates.sort(Comparator.comparingDouble((Candidate c) -> -c.j())
                .thenComparingLong(c -> c.d().firstDetectedAt())
                .thenComparing(c -> c.d().campaignId())
                .thenComparing(c -> c.p().id()));
        Set<String> usedPlanted = new HashSet<>();
        Set<String> usedDetected = new HashSet<>();
        List<Match> matches = new ArrayList<>();
        for (Candidate c : candidates) {
            if (!usedPlanted.contains(c.p().id()) && !usedDetected.contains(c.d().campaignId())) {
                usedPlanted.add(c.p().id());
                usedDetected.add(c.d().campaignId());
                matches.add(new Match(c.p(), c.d(), c.j()));
            }
        }
        return matches;
    }

    private static boolean sharesTarget(GroundTruth.Campaign p, Campaign d) {
        for (String t : p.targets()) {
            if (d.targets().contains(t)) {
                return true;
            }
        }
        return false;
    }

    /** Jaccard of the planted senders and the detected senders (whose list may be capped: use the exact count). */
    static double jaccard(List<String> planted, List<String> detected, int detectedCount) {
        Set<String> p = new HashSet<>(planted);
        int common = 0;
        for (String s : detected) {
            if (p.contains(s)) {
                common++;
            }
        }
        int union = p.size() + detectedCount - common;
        return union == 0 ? 0.0 : common / (double) union;
    }
}
