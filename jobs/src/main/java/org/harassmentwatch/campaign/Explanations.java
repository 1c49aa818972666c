package org.harassmentwatch.campaign;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Plain-English explanation of a campaign from its counted facts. */
final class Explanations {

    private Explanations() {
    }

    static String explain(String primary, List<String> kinds, CampaignState c, List<CampaignState.IncidentSnap> pairs,
                          int threats, Map<String, Long> categories, Campaign.Coordination coordination,
                          Campaign.Severity severity, long first, long last) {
        StringBuilder sb = new StringBuilder();
        int senders = c.senders.size();
        int targets = c.targets.size();
        int messages = c.evidence.size();
        String span = LegalElements.UTC.format(Instant.ofEpochMilli(first)) + " and "
                + LegalElements.UTC.format(Instant.ofEpochMilli(last)) + " (" + humanDuration(last - first) + ")";
        String target = targets == 1 ? c.targets.iterator().next() : null;
        String sender = senders == 1 ? c.senders.iterator().next() : null;
        switch (primary) {
            case CampaignDocuments.COORDINATED -> sb.append("Coordinated campaign: a largely overlapping group of ")
                    .append(senders).append(" accounts sent ").append(messages).append(" abusive messages to ")
                    .append(targets).append(" targets between ").append(span).append(". ");
            case "pile_on" -> sb.append("Pile-on: ").append(senders).append(" different accounts sent ").append(messages)
                    .append(" abusive messages to ").append(target != null ? target : targets + " targets")
                    .append(" between ").append(span).append(". ");
            case "spree" -> sb.append("Serial harassment: ").append(sender != null ? sender : senders + " accounts")
                    .append(" sent ").append(messages).append(" abusive messages to ").append(targets)
                    .append(" different people between ").append(span).append(". ");
            default -> sb.append("Persistent harassment: ").append(sender != null ? sender : senders + " accounts")
                    .append(" sent ").append(messages).append(" abusive messages to ").append(target != null ? target : targets + " targets")
                    .append(" between ").append(span).append(". ");
        }
        int maxOcc = 0;
        for (CampaignState.IncidentSnap p : pairs) {
            maxOcc = Math.max(maxOcc, p.occasions);
        }
        if (maxOcc >= 2) {
            sb.append("The abuse came on ").append(maxOcc)
                    .append(" separate occasions from the same sender to the same person (a course of conduct needs two). ");
        }
        List<String> parts = new ArrayList<>();
        if (threats > 0) {
            parts.add(threats + " threatening");
        }
        for (Map.Entry<String, Long> e : categories.entrySet()) {
            if (e.getValue() > 0 && !e.getKey().equals("threat") && !e.getKey().equals("profanity")) {
                parts.add(e.getValue() + " " + e.getKey().replace('_', ' '));
            }
        }
        if (!parts.isEmpty()) {
            sb.append("The messages include ").append(String.join(", ", parts)).append(" messages. ");
        }
        if (coordination.nearDuplicateShare() >= 0.2) {
            sb.append(LegalElements.percent(coordination.nearDuplicateShare()))
                    .append(" of the senders posted near-identical text (copy-paste). ");
        }
        if (coordination.newAccountShare() >= 0.2) {
            sb.append(LegalElements.percent(coordination.newAccountShare()))
                    .append(" of the senders used accounts less than a week old. ");
        }
        if (!coordination.sharedHashtags().isEmpty()) {
            sb.append("Shared hashtags: #").append(String.join(", #", new TreeSet<>(coordination.sharedHashtags()))).append(". ");
        }
        if (!c.mergedFrom.isEmpty()) {
            sb.append("It joins ").append(c.mergedFrom.size()).append(" earlier campaign(s) with the same targets or senders. ");
        }
        sb.append("Severity ").append(severity.tier()).append(" (").append(severity.score()).append("/100). ");
        sb.append("This is a candidate for human review: the conduct may meet the elements of the offences listed, it is not a finding.");
        return sb.toString();
    }

    static String humanDuration(long millis) {
        Duration d = Duration.ofMillis(Math.max(0, millis));
        if (d.toDays() >= 2) {
            return d.toDays() + " days";
        }
        if (d.toHours() >= 2) {
            return d.toHours() + " hours";
        }
        return Math.max(1, d.toMinutes()) + " minutes";
    }
}
