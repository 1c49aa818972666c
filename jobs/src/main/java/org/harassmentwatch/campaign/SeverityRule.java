package org.harassmentwatch.campaign;

import java.util.Map;

/**
 * Severity of a campaign: a 0-100 score from counted facts, and a tier. The rule is written out with every
 * campaign so that a reviewer can recompute it.
 */
public final class SeverityRule {

    public static final String RULE = "score = base(kind: coordinated 40, pile_on 35, spree 25 (2-4 targets: 15), "
            + "persistent_pair 25) + 20 if any threat + 15 if self-harm encouragement + 15 if doxxing "
            + "+ 8 if identity attack + 8 if sexual harassment + min(15, 5*log2(senders)) + min(10, 2*(occasions-1)) "
            + "+ min(10, 3*(targets-1)) + 10*near-duplicate share + 5*new-account share, capped at 100; "
            + "tier: critical >= 80, high >= 60, medium >= 40, else low; any threat makes it at least high";

    private SeverityRule() {
    }

    public static Campaign.Severity assess(String primaryKind, boolean fullSpree, int threatMessages,
                                           Map<String, Long> categoryCounts, int senders, int targets,
                                           int occasions, Campaign.Coordination coordination) {
        double score = switch (primaryKind) {
            case CampaignDocuments.COORDINATED -> 40;
            case "pile_on" -> 35;
            case "spree" -> fullSpree ? 25 : 15;
            default -> 25;
        };
        if (threatMessages > 0) {
            score += 20;
        }
        if (count(categoryCounts, "self_harm_encouragement") > 0) {
            score += 15;
        }
        if (count(categoryCounts, "doxxing") > 0) {
            score += 15;
        }
        if (count(categoryCounts, "identity_attack") > 0) {
            score += 8;
        }
        if (count(categoryCounts, "sexual_harassment") > 0) {
            score += 8;
        }
        score += Math.min(15, 5 * (Math.log(Math.max(1, senders)) / Math.log(2)));
        score += Math.min(10, 2 * Math.max(0, occasions - 1));
        score += Math.min(10, 3 * Math.max(0, targets - 1));
        score += 10 * coordination.nearDuplicateShare() + 5 * coordination.newAccountShare();
        int s = (int) Math.min(100, Math.round(score));
        String tier = s >= 80 ? "critical" : s >= 60 ? "high" : s >= 40 ? "medium" : "low";
        if (threatMessages > 0 && (tier.equals("low") || tier.equals("medium"))) {
            tier = "high";
        }
        return new Campaign.Severity(tier, s, RULE);
    }

    private static long count(Map<String, Long> counts, String key) {
        Long v = counts.get(key);
        return v == null ? 0 : v;
    }

    /** Order of tiers, for escalation checks. */
    public static int rank(String tier) {
        if (tier == null) {
            return -1;
        }
        return switch (tier) {
            case "critical" -> 3;
            case "high" -> 2;
            case "medium" -> 1;
            default -> 0;
        };
    }
}
