package org.harassmentwatch.alert;

import java.util.List;

/**
 * An alert for the people who act on campaigns: a campaign was first published ({@link #CREATED}) or escalated
 * ({@link #ESCALATED}: severity tier up, or sender count at least doubled, since the last alert). The same document
 * goes to the alert topic (key = campaign id) and the alerts index (id = {@link #alertId}).
 *
 * @param alertId         {@code <campaign_id>:<sequence>}, sequence counting this campaign's alerts from 1:
 *                        deterministic, so a replay rewrites the same document
 * @param campaignId      the campaign
 * @param campaignVersion the campaign version the alert describes
 * @param alertType       {@link #CREATED} or {@link #ESCALATED}
 * @param reason          why, in words, with the numbers
 * @param severityTier    low | medium | high | critical
 * @param severityScore   0-100
 * @param kinds           campaign kinds, strongest first
 * @param targets         targeted accounts (capped list, as in the campaign document)
 * @param senderCount     distinct senders (exact)
 * @param messageCount    messages (exact)
 * @param explanation     the campaign's plain-English explanation
 * @param createdAt       event time of the campaign update (UTC epoch millis)
 * @param emittedAt       processing time the alert was emitted (UTC epoch millis)
 * @param kibanaQuery     a KQL query finding the campaign, its evidence and its alerts
 */
public record Alert(
        String alertId,
        String campaignId,
        long campaignVersion,
        String alertType,
        String reason,
        String severityTier,
        int severityScore,
        List<String> kinds,
        List<String> targets,
        int senderCount,
        long messageCount,
        String explanation,
        long createdAt,
        long emittedAt,
        String kibanaQuery) {

    public static final String CREATED = "created";
    public static final String ESCALATED = "escalated";

    /** {@code <campaign_id>:<sequence>}. */
    public static String alertId(String campaignId, int sequence) {
        return campaignId + ":" + sequence;
    }

    /** KQL, e.g. {@code campaign_id:"hwc-0123abcd"} (campaign ids hold no quotes or backslashes). */
    public static String kibanaQuery(String campaignId) {
        return "campaign_id:\"" + campaignId + "\"";
    }

    /** The same alert under the id and emission time it is finally sent with. */
    Alert emitted(int sequence, long emittedAtMillis) {
        return new Alert(alertId(campaignId, sequence), campaignId, campaignVersion, alertType, reason, severityTier,
                severityScore, kinds, targets, senderCount, messageCount, explanation, createdAt, emittedAtMillis,
                kibanaQuery);
    }
}
