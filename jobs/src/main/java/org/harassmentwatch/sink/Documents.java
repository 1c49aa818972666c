package org.harassmentwatch.sink;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.harassmentwatch.alert.Alert;
import org.harassmentwatch.campaign.Campaign;
import org.harassmentwatch.detect.Hashing;
import org.harassmentwatch.detect.ScoredMessage;
import org.harassmentwatch.ingest.DeadLetter;
import org.harassmentwatch.ingest.Message;
import org.harassmentwatch.scoring.AbuseScores;
import org.harassmentwatch.scoring.Category;
import org.harassmentwatch.scoring.EvidenceSpan;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Builds the documents of every index, in one place per index, field for field as declared in
 * {@code index-templates/} (the templates are strict; a test checks each document against its mapping).
 * Times are ISO-8601 UTC.
 */
public final class Documents {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Documents() {
    }

    public static String toJson(Map<String, Object> doc) {
        try {
            return JSON.writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("document not serialisable: " + e.getMessage(), e);
        }
    }

    public static String iso(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).toString();
    }

    /** Evidence document id: one document per message per campaign. */
    public static String evidenceId(String messageId, String campaignId) {
        return messageId + "|" + campaignId;
    }

    public static Map<String, Object> campaign(Campaign c) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("campaign_id", c.campaignId());
        d.put("version", c.version());
        d.put("kinds", c.kinds());
        d.put("primary_kind", c.primaryKind());
        d.put("status", c.status());
        d.put("status_rule", c.statusRule());
        d.put("targets", c.targets());
        d.put("target_count", c.targetCount());
        d.put("senders", c.senders());
        d.put("sender_count", c.senderCount());
        d.put("platforms", c.platforms());
        d.put("first_seen", iso(c.firstSeen()));
        d.put("last_seen", iso(c.lastSeen()));
        d.put("updated_at", iso(c.updatedAt()));
        d.put("first_detected_at", iso(c.firstDetectedAt()));
        d.put("message_count", c.messageCount());
        d.put("abusive_message_count", c.abusiveMessageCount());
        d.put("occasion_count", c.occasionCount());
        d.put("category_counts", c.categoryCounts());
        Map<String, Object> severity = new LinkedHashMap<>();
        severity.put("tier", c.severity().tier());
        severity.put("score", c.severity().score());
        severity.put("rule", c.severity().rule());
        d.put("severity", severity);
        Campaign.Coordination k = c.coordination();
        Map<String, Object> coordination = new LinkedHashMap<>();
        coordination.put("near_duplicate_share", k.nearDuplicateShare());
        coordination.put("onset_synchrony", k.onsetSynchrony());
        coordination.put("new_account_share", k.newAccountShare());
        coordination.put("shared_hashtags", k.sharedHashtags());
        coordination.put("shared_urls", k.sharedUrls());
        coordination.put("sender_overlap", k.senderOverlap());
        d.put("coordination", coordination);
        List<Map<String, Object>> legal = new ArrayList<>();
        for (Campaign.LegalElement e : c.legalElements()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("provision", e.provision());
            m.put("title", e.title());
            m.put("wording", e.wording());
            m.put("facts", e.facts());
            m.put("occasions", e.occasions());
            m.put("targets", e.targets());
            legal.add(m);
        }
        d.put("legal_elements", legal);
        d.put("explanation", c.explanation());
        d.put("merged_from", c.mergedFrom());
        if (c.mergedInto() != null) {
            d.put("merged_into", c.mergedInto());
        }
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("message_ids", c.evidence().messageIds());
        evidence.put("count", c.evidence().count());
        evidence.put("manifest_sha256", c.evidence().manifestSha256());
        d.put("evidence", evidence);
        Map<String, Object> detector = new LinkedHashMap<>();
        detector.put("version", c.detector().version());
        detector.put("config_sha256", c.detector().configSha256());
        detector.put("lexicon_version", c.detector().lexiconVersion());
        d.put("detector", detector);
        List<Map<String, Object>> incidents = new ArrayList<>();
        for (Campaign.IncidentSummary i : c.incidents()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kind", i.kind());
            m.put("key", i.key());
            m.put("tier", i.tier());
            m.put("detected_at", iso(i.detectedAt()));
            m.put("first_seen", iso(i.firstSeen()));
            m.put("last_seen", iso(i.lastSeen()));
            m.put("senders", i.senders());
            m.put("targets", i.targets());
            m.put("messages", i.messages());
            m.put("occasions", i.occasions());
            incidents.add(m);
        }
        d.put("incidents", incidents);
        return d;
    }

    public static Map<String, Object> evidence(ScoredMessage s, String campaignId) {
        Message m = s.message();
        AbuseScores a = s.scores();
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("campaign_id", campaignId);
        d.put("message_id", m.messageId());
        d.put("platform", m.platform());
        d.put("sender_id", m.senderId());
        d.put("target_ids", m.targetIds());
        d.put("created_at", iso(m.createdAt()));
        d.put("ingested_at", iso(m.ingestedAt()));
        if (m.senderCreatedAt() != null) {
            d.put("sender_created_at", iso(m.senderCreatedAt()));
        }
        d.put("text", m.text());
        d.put("text_sha256", Hashing.sha256Hex(m.text()));
        putIfNotNull(d, "channel", m.channel());
        putIfNotNull(d, "conversation_id", m.conversationId());
        putIfNotNull(d, "in_reply_to", m.inReplyTo());
        putIfNotNull(d, "lang", m.lang());
        d.put("hashtags", m.hashtags());
        d.put("urls", m.urls());
        d.put("reported", m.reported());
        Map<String, Object> scores = new LinkedHashMap<>();
        for (Category c : Category.values()) {
            scores.put(c.field(), round(a.get(c)));
        }
        scores.put("directedness", round(a.directedness()));
        scores.put("abuse", round(a.abuse()));
        d.put("scores", scores);
        if (!m.upstreamScores().isEmpty()) {
            d.put("upstream_scores", new java.util.TreeMap<>(m.upstreamScores())); // part of the sealed record
        }
        TreeSet<String> terms = new TreeSet<>();
        for (EvidenceSpan e : a.evidence()) {
            terms.add(e.term());
        }
        d.put("evidence_terms", new ArrayList<>(terms));
        List<String> categories = new ArrayList<>();
        Category[] all = Category.values();
        for (int i = 0; i < all.length; i++) {
            if ((s.categoryMask() & (1 << i)) != 0) {
                categories.add(all[i].field());
            }
        }
        d.put("categories", categories);
        d.put("record_sha256", s.recordSha256());
        d.put("source", m.source());
        return d;
    }

    public static Map<String, Object> deadLetter(DeadLetter l) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("error_code", l.errorCode());
        putIfNotNull(d, "field", l.field());
        d.put("message", l.message());
        d.put("raw_input", l.rawInput());
        d.put("raw_truncated", l.rawTruncated());
        d.put("raw_bytes", l.rawBytes());
        d.put("source", l.source());
        d.put("failed_at", iso(l.failedAt()));
        return d;
    }

    /** The alert document: the same JSON goes to the alerts index and, as the record value, to the alert topic. */
    public static Map<String, Object> alert(Alert a) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("alert_id", a.alertId());
        d.put("campaign_id", a.campaignId());
        d.put("campaign_version", a.campaignVersion());
        d.put("alert_type", a.alertType());
        d.put("reason", a.reason());
        Map<String, Object> severity = new LinkedHashMap<>();
        severity.put("tier", a.severityTier());
        severity.put("score", a.severityScore());
        d.put("severity", severity);
        d.put("kinds", a.kinds());
        d.put("targets", a.targets());
        d.put("sender_count", a.senderCount());
        d.put("message_count", a.messageCount());
        d.put("explanation", a.explanation());
        d.put("created_at", iso(a.createdAt()));
        d.put("emitted_at", iso(a.emittedAt()));
        d.put("kibana_query", a.kibanaQuery());
        return d;
    }

    private static void putIfNotNull(Map<String, Object> d, String k, Object v) {
        if (v != null) {
            d.put(k, v);
        }
    }

    private static double round(double v) {
        return Math.round(v * 10000.0) / 10000.0;
    }
}
