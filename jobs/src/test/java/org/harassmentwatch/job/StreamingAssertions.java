package org.harassmentwatch.job;

import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.harassmentwatch.campaign.Campaign;
import org.harassmentwatch.campaign.SeverityRule;
import org.harassmentwatch.eval.CampaignMatcher;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The end-to-end properties every streaming run must have against its {@link StreamingReference}, however it ran:
 * the campaigns, evidence and alerts of the batch run, each stored once, at its final version.
 */
public final class StreamingAssertions {

    private static final ObjectMapper JSON = new ObjectMapper();

    private StreamingAssertions() {
    }

    /**
     * Polls until the condition holds or {@code timeout} passes; the assertions after it then show what differs. A
     * condition that throws (a service still coming back) counts as not yet.
     */
    public static void await(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && !holds(condition)) {
            Thread.sleep(500);
        }
    }

    private static boolean holds(BooleanSupplier condition) {
        try {
            return condition.getAsBoolean();
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * Campaigns: whole documents equal to the batch run's final versions, each stored under its id with
     * {@code _version} equal to its {@code version} (external versioning: no stale state won), and every planted
     * campaign among them. Evidence: one document per message per campaign, exactly the batch run's.
     */
    public static void assertCampaignsAndEvidence(IndexedResults es, StreamingReference reference) throws Exception {
        Map<String, JsonNode> stored = new TreeMap<>();
        for (Hit<ObjectNode> hit : es.hits("campaigns")) {
            ObjectNode doc = hit.source();
            assertThat(hit.id()).isEqualTo(doc.get("campaign_id").asText());
            assertThat(hit.version()).as("_version of campaign %s", hit.id()).isEqualTo(doc.get("version").asLong());
            stored.put(hit.id(), doc);
        }
        assertThat(stored).isEqualTo(reference.expectedCampaignDocuments());
        List<CampaignMatcher.Match> matches = CampaignMatcher.match(reference.truth().campaigns(),
                reference.batch().finalCampaigns().stream().filter(c -> !"merged".equals(c.status())).toList());
        assertThat(matches).as("planted campaigns found").hasSize(reference.truth().campaigns().size());

        List<String> evidence = new ArrayList<>();
        for (ObjectNode doc : es.all("evidence")) {
            evidence.add(doc.get("campaign_id").asText() + "|" + doc.get("message_id").asText());
        }
        assertThat(new HashSet<>(evidence)).isEqualTo(reference.expectedEvidence());
        assertThat(evidence).as("evidence documents, one per message and campaign").hasSameSizeAs(reference.expectedEvidence());
    }

    /** What {@link #assertAlerts} counted. */
    public record AlertCounts(int published, int alerts, int escalations, int repeatsOnTopic) {
    }

    /**
     * Alerts: one {@code created} per published campaign, then only real escalations (tier up or senders doubled),
     * numbered without gaps, each describing a campaign version the batch run emitted; the index holds each alert
     * once and agrees with the topic. {@code repeatsAllowed}: after a failover an at-least-once topic may carry an
     * alert twice; the copies must then be the same alert (only {@code emitted_at} may differ).
     */
    public static AlertCounts assertAlerts(StreamingReference reference, List<ConsumerRecord<String, String>> topicAlerts,
                                           List<ObjectNode> indexedAlerts, boolean repeatsAllowed) throws Exception {
        Map<String, JsonNode> fromTopic = new TreeMap<>();
        int repeats = 0;
        for (ConsumerRecord<String, String> r : topicAlerts) {
            JsonNode alert = JSON.readTree(r.value());
            assertThat(r.key()).isEqualTo(alert.get("campaign_id").asText());
            JsonNode before = fromTopic.put(alert.get("alert_id").asText(), alert);
            if (before != null) {
                repeats++;
                assertThat(withoutEmittedAt(alert)).as("repeat of alert %s", alert.get("alert_id"))
                        .isEqualTo(withoutEmittedAt(before));
            }
        }
        Map<String, JsonNode> fromIndex = new TreeMap<>();
        indexedAlerts.forEach(a -> fromIndex.put(a.get("alert_id").asText(), a));
        assertThat(indexedAlerts).as("alert documents, one per alert id").hasSameSizeAs(fromIndex.keySet());
        if (repeatsAllowed) {
            Map<String, JsonNode> a = new TreeMap<>();
            Map<String, JsonNode> b = new TreeMap<>();
            fromIndex.forEach((id, alert) -> a.put(id, withoutEmittedAt(alert)));
            fromTopic.forEach((id, alert) -> b.put(id, withoutEmittedAt(alert)));
            assertThat(a).isEqualTo(b);
        } else {
            assertThat(fromIndex).isEqualTo(fromTopic);
            assertThat(repeats).as("alerts repeated on the topic").isZero();
        }

        Map<String, Campaign> byVersion = reference.campaignsByVersion();
        Set<String> published = reference.publishedCampaigns();
        Map<String, List<JsonNode>> byCampaign = new TreeMap<>();
        for (JsonNode a : fromTopic.values()) {
            byCampaign.computeIfAbsent(a.get("campaign_id").asText(), k -> new ArrayList<>()).add(a);
        }
        assertThat(byCampaign.keySet()).isEqualTo(published);
        int escalations = 0;
        for (Map.Entry<String, List<JsonNode>> e : byCampaign.entrySet()) {
            List<JsonNode> alerts = e.getValue();
            alerts.sort(Comparator.comparingInt(StreamingAssertions::sequence));
            for (int i = 0; i < alerts.size(); i++) {
                JsonNode a = alerts.get(i);
                assertThat(sequence(a)).as("alert sequence of %s", e.getKey()).isEqualTo(i + 1);
                assertThat(a.get("alert_type").asText()).isEqualTo(i == 0 ? "created" : "escalated");
                Campaign c = byVersion.get(e.getKey() + "@" + a.get("campaign_version").asLong());
                assertThat(c).as("campaign version of alert %s", a.get("alert_id")).isNotNull();
                assertThat(a.get("severity").get("tier").asText()).isEqualTo(c.severity().tier());
                assertThat(a.get("severity").get("score").asInt()).isEqualTo(c.severity().score());
                assertThat(a.get("sender_count").asInt()).isEqualTo(c.senderCount());
                assertThat(a.get("message_count").asLong()).isEqualTo(c.messageCount());
                assertThat(a.get("explanation").asText()).isEqualTo(c.explanation());
                if (i > 0) {
                    escalations++;
                    JsonNode before = alerts.get(i - 1);
                    boolean tierUp = SeverityRule.rank(a.get("severity").get("tier").asText())
                            > SeverityRule.rank(before.get("severity").get("tier").asText());
                    boolean doubled = a.get("sender_count").asInt() >= 2 * before.get("sender_count").asInt();
                    assertThat(tierUp || doubled).as("escalation %s over %s", a, before).isTrue();
                }
            }
        }
        assertThat(escalations).as("some campaigns escalate").isPositive();
        return new AlertCounts(published.size(), fromTopic.size(), escalations, repeats);
    }

    /** The distinct alert ids on an alert topic. */
    public static Set<String> alertIds(List<ConsumerRecord<String, String>> topicAlerts) throws Exception {
        Set<String> ids = new HashSet<>();
        for (ConsumerRecord<String, String> r : topicAlerts) {
            ids.add(JSON.readTree(r.value()).get("alert_id").asText());
        }
        return ids;
    }

    private static JsonNode withoutEmittedAt(JsonNode alert) {
        ObjectNode copy = alert.deepCopy();
        copy.remove("emitted_at");
        return copy;
    }

    private static int sequence(JsonNode alert) {
        String id = alert.get("alert_id").asText();
        return Integer.parseInt(id.substring(id.lastIndexOf(':') + 1));
    }
}
