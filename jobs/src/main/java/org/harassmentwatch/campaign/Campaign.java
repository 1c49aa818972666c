package org.harassmentwatch.campaign;

import java.util.List;
import java.util.Map;

/**
 * A campaign as published: one document per campaign id in the campaigns index (written with external version
 * {@link #version()}), and the payload of alerts. Lists of accounts are capped; the counts are exact.
 */
public record Campaign(
        String campaignId,
        long version,
        List<String> kinds,
        String primaryKind,
        String status,
        String statusRule,
        List<String> targets,
        int targetCount,
        List<String> senders,
        int senderCount,
        List<String> platforms,
        long firstSeen,
        long lastSeen,
        long updatedAt,
        long firstDetectedAt,
        long messageCount,
        long abusiveMessageCount,
        int occasionCount,
        Map<String, Long> categoryCounts,
        Severity severity,
        Coordination coordination,
        List<LegalElement> legalElements,
        String explanation,
        List<String> mergedFrom,
        String mergedInto,
        EvidenceSummary evidence,
        DetectorInfo detector,
        List<IncidentSummary> incidents) {

    /** Severity tier (low|medium|high|critical) and 0-100 score, with the rule that produced them. */
    public record Severity(String tier, int score, String rule) {
    }

    /** Signals that the senders act together. */
    public record Coordination(double nearDuplicateShare, double onsetSynchrony, double newAccountShare,
                               List<String> sharedHashtags, List<String> sharedUrls, double senderOverlap) {
    }

    /** A candidate provision the conduct may meet, with the counted facts behind it. */
    public record LegalElement(String provision, String title, String wording, String facts, int occasions, int targets) {
    }

    /** Evidence message ids (capped list), exact count, and the SHA-256 over all (message id, record hash) pairs. */
    public record EvidenceSummary(List<String> messageIds, int count, String manifestSha256) {
    }

    /** What produced the result: repeatable by an independent party with the same version and configuration. */
    public record DetectorInfo(String version, String configSha256, String lexiconVersion) {
    }

    /** One incident folded into the campaign. */
    public record IncidentSummary(String kind, String key, String tier, long detectedAt, long firstSeen, long lastSeen,
                                  int senders, int targets, int messages, int occasions) {
    }
}
