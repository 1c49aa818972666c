package org.harassmentwatch.evidence;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.harassmentwatch.campaign.Campaign;
import org.harassmentwatch.detect.Hashing;
import org.harassmentwatch.detect.ScoredMessage;
import org.harassmentwatch.ingest.Message;
import org.harassmentwatch.ingest.MessageJson;
import org.harassmentwatch.scoring.AbuseScores;
import org.harassmentwatch.scoring.EvidenceSpan;
import org.harassmentwatch.sink.Documents;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Test helper: a campaign and its evidence documents built in memory with the job's own document builders
 * ({@link Documents}) and read back the way the exporter reads Elasticsearch's {@code _source}, plus the messages
 * they were made from. The texts are hostile on purpose: quotes, commas, line breaks, a spreadsheet formula, HTML,
 * a right-to-left override, emoji.
 */
final class EvidenceFixtures {

    static final String CAMPAIGN_ID = "hwc-0123456789abcdef0123";
    static final long T0 = Instant.parse("2026-02-27T21:58:00.250Z").toEpochMilli();
    static final long HOUR = 3_600_000L;

    private EvidenceFixtures() {
    }

    /** The messages of the campaign, deliberately not in time order. */
    static List<Message> messages() {
        return List.of(
                message("m-3", "alice", List.of("bob"), T0 + 26 * HOUR,
                        "=HYPERLINK(\"http://evil.example\",\"click\") you \"idiot\", again", List.of("pileon"),
                        "reply"),
                message("m-1", "alice", List.of("bob"), T0,
                        "@bob you are pathetic\nnobody wants you here", List.of(), "mention"),
                message("m-2", "carol", List.of("bob", "dave"), T0 + 2 * HOUR,
                        "<script>alert(1)</script> \u202Eevil\u202C 🤡 kys", List.of("pileon"), null),
                // Same time as m-2: the message id breaks the tie.
                message("m-10", "erin", List.of("bob"), T0 + 2 * HOUR, "i know where you live, bob", List.of(),
                        "direct_message"));
    }

    static Message message(String id, String sender, List<String> targets, long createdAt, String text,
                           List<String> hashtags, String channel) {
        return new Message(id, "x", sender, createdAt, text, targets, "conv-9", null, channel, "en",
                id.equals("m-2") ? createdAt - 2 * 86_400_000L : null, id.equals("m-3"), hashtags,
                List.of(), Map.of(), createdAt + 1_500, "file:/data/in.ndjson:" + id.substring(2));
    }

    static ScoredMessage scored(Message m) {
        boolean threat = m.messageId().equals("m-10");
        AbuseScores scores = new AbuseScores(threat ? 0.91 : 0.0, 0.0, 0.72, 0.0, m.messageId().equals("m-2") ? 0.8 : 0.0,
                threat ? 0.85 : 0.0, 0.1, 0.9, 0.7421, List.of(new EvidenceSpan("insult", "pathetic", 9, 17)));
        int mask = threat ? 0b100101 : 0b100;
        return new ScoredMessage(m, scores, MessageJson.sha256Hex(m), mask, threat, true);
    }

    /** Evidence documents of all {@link #messages()}, as the exporter receives them. */
    static List<ObjectNode> evidenceDocuments() {
        List<ObjectNode> docs = new ArrayList<>();
        for (Message m : messages()) {
            docs.add(evidenceDocument(m));
        }
        return docs;
    }

    static ObjectNode evidenceDocument(Message m) {
        return asStored(Documents.evidence(scored(m), CAMPAIGN_ID));
    }

    /** The campaign document, sealing the evidence set of {@code messages} like the clustering does. */
    static ObjectNode campaignDocument(List<Message> messages, int evidenceCount) {
        Map<String, String> sealed = new TreeMap<>();
        messages.forEach(m -> sealed.put(m.messageId(), MessageJson.sha256Hex(m)));
        StringBuilder manifest = new StringBuilder();
        sealed.forEach((id, sha) -> manifest.append(id).append(' ').append(sha).append('\n'));
        Map<String, Long> categories = new LinkedHashMap<>();
        for (String c : List.of("threat", "identity_attack", "insult", "sexual_harassment", "self_harm_encouragement",
                "doxxing", "profanity")) {
            categories.put(c, 0L);
        }
        categories.put("insult", 4L);
        categories.put("threat", 1L);
        Campaign campaign = new Campaign(CAMPAIGN_ID, 3, List.of("pile_on", "persistent_pair"), "pile_on", "active",
                "active while abuse continues; dormant after 7 days without new abuse; closed after 30 days",
                List.of("bob", "dave"), 2, List.of("alice", "carol", "erin"), 3, List.of("x"),
                T0, T0 + 26 * HOUR, T0 + 26 * HOUR + 5_000, T0 + 2 * HOUR + 1_000, 4, 4, 2, categories,
                new Campaign.Severity("high", 74, "high: pile-on with a threat (score >= 70)"),
                new Campaign.Coordination(0.333, 1.0, 0.333, List.of("pileon"), List.of(), 0.0),
                List.of(new Campaign.LegalElement("PHA1997-s2", "Protection from Harassment Act 1997, s2 (harassment)",
                                "A course of conduct, on at least two occasions, which amounts to harassment.",
                                "alice sent abusive messages to bob on 2 separate occasions between 2026-02-27 and "
                                        + "2026-02-28 (UTC).", 2, 1),
                        new Campaign.LegalElement("OSA2023-s181", "Online Safety Act 2023, s181 (threatening communications)",
                                "A message that conveys a threat of death or serious harm.",
                                "1 message to bob scored as a threat (highest 0.91), from erin.", 1, 1)),
                "3 accounts sent 4 abusive messages to bob within 26 hours. The conduct may meet the elements of "
                        + "harassment (PHA 1997 s2) and threatening communications (OSA 2023 s181); for human review.",
                List.of(), null,
                new Campaign.EvidenceSummary(new ArrayList<>(sealed.keySet()), evidenceCount,
                        Hashing.sha256Hex(manifest.toString())),
                new Campaign.DetectorInfo("hw-detect-1.0.0", "3b7e1d9a5c2f4e6b8a0d1c3e5f7a9b2d4c6e8f0a1b3d5e7f9a2c4b6d8e0f1a3c",
                        "lexicon-v1"),
                List.of(new Campaign.IncidentSummary("persistent_pair", "pair:alice>bob", "course_of_conduct",
                                T0 + 26 * HOUR, T0, T0 + 26 * HOUR, 1, 1, 2, 2),
                        new Campaign.IncidentSummary("pile_on", "target:bob", "pile_on", T0 + 2 * HOUR + 1_000, T0,
                                T0 + 26 * HOUR, 3, 1, 4, 2)));
        return asStored(Documents.campaign(campaign));
    }

    static CampaignEvidence input() {
        return new CampaignEvidence(campaignDocument(messages(), messages().size()), evidenceDocuments(),
                EvidenceQuery.forPrefix("hw-", CAMPAIGN_ID, EvidenceQuery.DEFAULT_PAGE_SIZE));
    }

    /** A document as the job writes it and the exporter reads it back: JSON text parsed with exact numbers. */
    static ObjectNode asStored(Map<String, Object> document) {
        return (ObjectNode) CanonicalJson.parse(Documents.toJson(document));
    }
}
