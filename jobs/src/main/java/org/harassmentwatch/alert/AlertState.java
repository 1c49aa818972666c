package org.harassmentwatch.alert;

/**
 * What the alerting keeps per campaign (a Flink POJO): how many alerts were sent, what the campaign looked like at
 * the last one (escalations are measured against it, not against the previous update), and an escalation held back
 * by the suppression period.
 */
public final class AlertState {

    /** No time / no timer. */
    public static final long NONE = Long.MIN_VALUE;

    /** Alerts sent for this campaign; the next alert's id ends in {@code sequence + 1}. */
    public int sequence;
    /** Severity tier at the last alert (or of the last published version, when alert state was lost). */
    public String alertedTier;
    /** Sender count at the last alert. */
    public int alertedSenders;
    /** Event time of the update the last alert described, or {@link #NONE}. */
    public long alertedAt = NONE;
    /** Event time of the latest update seen. */
    public long lastUpdateAt = NONE;
    /** An escalation within the suppression period, sent when the period ends unless superseded; or null. */
    public Alert held;
    /** The one event-time timer registered for this campaign, or {@link #NONE}. */
    public long timer = NONE;

    public AlertState() {
    }
}
