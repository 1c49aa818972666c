package org.harassmentwatch.ingest;

/**
 * A benign message dated after a finite burst of traffic (a demo, a test, a replay), one per partition: event time
 * only moves with messages, so when the traffic stops the watermark would stay a lag behind the last message and
 * keep the last few seconds of event time unprocessed. A later message in every partition moves it past them.
 * It is ordinary traffic (valid, not abusive, aimed at nobody real) and creates no detector state.
 */
public final class EndOfTrafficMarker {

    public static final String SENDER = "hw-end-of-traffic";
    public static final String TARGET = "hw-nobody";

    private EndOfTrafficMarker() {
    }

    /** The marker for {@code partition}, dated {@code createdAtMillis} (after the last message + the watermark lag). */
    public static String json(String platform, int partition, long createdAtMillis) {
        StringBuilder out = new StringBuilder(200);
        out.append("{\"message_id\":");
        Texts.appendJsonString(out, "end-of-traffic-" + partition + "-" + createdAtMillis);
        out.append(",\"platform\":");
        Texts.appendJsonString(out, platform);
        out.append(",\"sender_id\":\"").append(SENDER).append("\",\"created_at\":\"")
                .append(IsoTimestamps.formatUtcMillis(createdAtMillis))
                .append("\",\"text\":\"end of traffic\",\"target_ids\":[\"").append(TARGET)
                .append("\"],\"channel\":\"post\"}");
        return out.toString();
    }
}
