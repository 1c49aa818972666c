package org.harassmentwatch.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import org.harassmentwatch.ingest.MessageJson;
import org.harassmentwatch.scoring.Category;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code report.html}: the readable report of a package, one self-contained file (no scripts, no external
 * fonts, images or style sheets) that prints well on A4: who, whom, when, how many messages and occasions, the
 * candidate provisions with their counted facts, the explanation, every message, and the method (detector
 * version, configuration hash, how the records are sealed and how to check them).
 *
 * <p>Message text and account ids come from the people being reported on: everything is HTML-escaped, and text
 * is isolated for bidirectional display so a right-to-left override in one message cannot reorder the page.
 * The export time is not in the report (it lives only in {@code manifest.json}), so re-exporting the same
 * campaign gives the same report.
 */
final class HtmlReport {

    private static final String CSS = """
            :root { color-scheme: light; }
            body { font: 10.5pt/1.45 Georgia, "Times New Roman", serif; color: #000; background: #fff;
                   max-width: 60rem; margin: 1.5rem auto; padding: 0 1rem; }
            h1 { font-size: 17pt; margin: 0.2rem 0 0.4rem; }
            h2 { font-size: 13pt; border-bottom: 1px solid #444; margin-top: 1.6rem; padding-bottom: 0.1rem; }
            h3 { font-size: 11pt; margin: 0.8rem 0 0.2rem; }
            .notice { border: 2px solid #000; padding: 0.4rem 0.6rem; font-weight: bold; }
            .id, .hash, code { font-family: "DejaVu Sans Mono", Consolas, monospace; font-size: 9pt; }
            .hash { word-break: break-all; }
            table { border-collapse: collapse; width: 100%; margin: 0.4rem 0; }
            th, td { border: 1px solid #888; padding: 0.15rem 0.3rem; vertical-align: top; text-align: left; }
            th { background: #eee; }
            table.facts th { width: 11rem; }
            td.num { text-align: right; white-space: nowrap; }
            td.time { white-space: nowrap; }
            td.text { white-space: pre-wrap; overflow-wrap: anywhere; unicode-bidi: plaintext; }
            .provision { border-left: 4px solid #444; padding: 0.1rem 0 0.1rem 0.6rem; margin: 0.6rem 0; }
            .wording { font-style: italic; }
            .small { font-size: 9pt; }
            @page { size: A4; margin: 14mm 12mm 16mm; }
            @media print {
              body { max-width: none; margin: 0; padding: 0; font-size: 9.5pt; }
              h2, h3 { break-after: avoid; page-break-after: avoid; }
              tr, .provision, table.facts { break-inside: avoid; page-break-inside: avoid; }
              thead { display: table-header-group; }
              th { background: #eee; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
            }
            """;

    private HtmlReport() {
    }

    static String render(JsonNode campaign, List<EvidenceRecord> records, EvidenceSetCheck setCheck,
                         JsonNode query) {
        StringBuilder h = new StringBuilder(16_384 + records.size() * 600);
        String id = campaign.path("campaign_id").asText();
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>Evidence report: campaign ").append(esc(id)).append("</title>\n")
                .append("<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
        header(h, campaign, id);
        summary(h, campaign, records);
        provisions(h, campaign);
        h.append("<h2>3. Explanation</h2>\n<p>").append(esc(campaign.path("explanation").asText()))
                .append("</p>\n");
        pairs(h, campaign, records);
        incidents(h, campaign);
        coordination(h, campaign);
        messages(h, records);
        method(h, campaign, records, setCheck, query);
        h.append("</body>\n</html>\n");
        return h.toString();
    }

    private static void header(StringBuilder h, JsonNode c, String id) {
        h.append("<p class=\"notice\">For human review. This report sets out conduct that <em>may meet the elements "
                + "of</em> the provisions listed, with the facts counted by an automated detector. It is not a "
                + "finding that any offence was committed.</p>\n");
        h.append("<h1>Evidence report: campaign <span class=\"id\">").append(esc(id)).append("</span></h1>\n");
        h.append("<p>Version ").append(esc(c.path("version").asText())).append(", status <strong>")
                .append(esc(c.path("status").asText())).append("</strong>");
        if (c.hasNonNull("merged_into")) {
            h.append(" (merged into <span class=\"id\">").append(esc(c.path("merged_into").asText()))
                    .append("</span>: export that campaign for the whole course of conduct)");
        }
        h.append("; kinds: ").append(esc(joined(c.path("kinds"), ", ")))
                .append("; severity: <strong>").append(esc(c.path("severity").path("tier").asText()))
                .append("</strong> (").append(esc(c.path("severity").path("score").asText())).append("/100).</p>\n");
    }

    private static void summary(StringBuilder h, JsonNode c, List<EvidenceRecord> records) {
        h.append("<h2>1. Summary</h2>\n<table class=\"facts\">\n");
        fact(h, "Who (senders)", accounts(c.path("senders"), c.path("sender_count").asInt()));
        fact(h, "Whom (targets)", accounts(c.path("targets"), c.path("target_count").asInt()));
        fact(h, "When (UTC)", "first abusive message " + esc(Times.readable(c.get("first_seen")))
                + "<br>last abusive message " + esc(Times.readable(c.get("last_seen")))
                + "<br>first detected " + esc(Times.readable(c.get("first_detected_at")))
                + "<br>this version " + esc(Times.readable(c.get("updated_at"))));
        fact(h, "How many", esc(c.path("message_count").asText()) + " messages in the campaign, "
                + esc(c.path("abusive_message_count").asText()) + " abusive; " + records.size()
                + (records.size() == 1 ? " message" : " messages") + " in this package (section 7)");
        int occasions = c.path("occasion_count").asInt();
        fact(h, "Occasions", occasions == 0
                ? "not counted: no sender&rarr;target pair of this campaign was treated as a course of conduct"
                : occasions + (occasions == 1 ? " occasion" : " separate occasions")
                + " at most from one sender to one target (course of conduct); per provision in section 2, per "
                + "sender and target in section 4");
        fact(h, "Categories", esc(categoryCounts(c.path("category_counts"))));
        fact(h, "Severity", esc(c.path("severity").path("tier").asText()) + ", "
                + esc(c.path("severity").path("score").asText()) + "/100: "
                + esc(c.path("severity").path("rule").asText()));
        fact(h, "Platforms", esc(joined(c.path("platforms"), ", ")));
        fact(h, "Status rule", esc(c.path("status_rule").asText()));
        h.append("</table>\n");
    }

    private static void provisions(StringBuilder h, JsonNode c) {
        h.append("<h2>2. Candidate provisions</h2>\n");
        JsonNode legal = c.path("legal_elements");
        if (!legal.isArray() || legal.isEmpty()) {
            h.append("<p>The detector suggests no provision for this campaign.</p>\n");
            return;
        }
        h.append("<p>The conduct may meet the elements of the following provisions. Each lists the facts the "
                + "detector counted; whether the elements are met is for human review.</p>\n");
        for (JsonNode e : legal) {
            h.append("<div class=\"provision\">\n<h3>").append(esc(e.path("provision").asText())).append(": ")
                    .append(esc(e.path("title").asText())).append("</h3>\n");
            h.append("<p class=\"wording\">").append(esc(e.path("wording").asText())).append("</p>\n");
            h.append("<p><strong>Counted facts:</strong> ").append(esc(e.path("facts").asText())).append("</p>\n");
            h.append("<p class=\"small\">");
            if (e.path("occasions").asInt() > 0) {
                h.append("Occasions: ").append(esc(e.path("occasions").asText())).append(" &middot; ");
            }
            h.append("targets: ").append(esc(e.path("targets").asText())).append("</p>\n</div>\n");
        }
    }

    /** Who sent how many messages of the package to whom, when; occasions where the detector counted them. */
    private static void pairs(StringBuilder h, JsonNode c, List<EvidenceRecord> records) {
        Map<String, Integer> occasions = new TreeMap<>();
        for (JsonNode i : c.path("incidents")) {
            if ("persistent_pair".equals(i.path("kind").asText())) {
                occasions.put(i.path("key").asText(), i.path("occasions").asInt());
            }
        }
        Map<String, long[]> pairs = new TreeMap<>(CanonicalJson::compareCodePoints);
        for (EvidenceRecord r : records) {
            String sender = r.document().path("sender_id").asText();
            for (JsonNode target : r.document().path("target_ids")) {
                long[] p = pairs.computeIfAbsent(sender + '\u0000' + target.asText(),
                        k -> new long[] {0, Long.MAX_VALUE, Long.MIN_VALUE});
                p[0]++;
                p[1] = Math.min(p[1], r.createdAt());
                p[2] = Math.max(p[2], r.createdAt());
            }
        }
        h.append("<h2>4. Who sent what to whom</h2>\n<p>Messages of this package per sender and target. Occasions "
                + "are the separate occasions the detector counted for a persistent sender&rarr;target pair "
                + "(&ldquo;&ndash;&rdquo; where it did not treat the pair on its own).</p>\n");
        h.append("<table>\n<thead><tr><th>Sender</th><th>Target</th><th>Messages</th><th>First (UTC)</th>"
                + "<th>Last (UTC)</th><th>Occasions</th></tr></thead>\n<tbody>\n");
        pairs.forEach((key, p) -> {
            int split = key.indexOf('\u0000');
            String sender = key.substring(0, split);
            String target = key.substring(split + 1);
            Integer n = occasions.get("pair:" + sender + ">" + target);
            h.append("<tr><td class=\"id\">").append(esc(sender)).append("</td><td class=\"id\">").append(esc(target))
                    .append("</td><td class=\"num\">").append(p[0]).append("</td><td class=\"time\">")
                    .append(esc(Times.readable(p[1]))).append("</td><td class=\"time\">")
                    .append(esc(Times.readable(p[2]))).append("</td><td class=\"num\">")
                    .append(n == null ? "&ndash;" : n.toString()).append("</td></tr>\n");
        });
        h.append("</tbody>\n</table>\n");
    }

    private static void incidents(StringBuilder h, JsonNode c) {
        h.append("<h2>5. Detections in this campaign</h2>\n");
        JsonNode incidents = c.path("incidents");
        if (!incidents.isArray() || incidents.isEmpty()) {
            h.append("<p>None recorded.</p>\n");
            return;
        }
        h.append("<table>\n<thead><tr><th>Kind</th><th>Key</th><th>Tier</th><th>Detected (UTC)</th>"
                + "<th>First (UTC)</th><th>Last (UTC)</th><th>Senders</th><th>Targets</th><th>Messages</th>"
                + "<th>Occasions</th></tr></thead>\n<tbody>\n");
        for (JsonNode i : incidents) {
            h.append("<tr><td>").append(esc(i.path("kind").asText())).append("</td><td class=\"id\">")
                    .append(esc(i.path("key").asText())).append("</td><td>").append(esc(i.path("tier").asText()))
                    .append("</td><td class=\"time\">").append(esc(Times.readable(i.get("detected_at"))))
                    .append("</td><td class=\"time\">").append(esc(Times.readable(i.get("first_seen"))))
                    .append("</td><td class=\"time\">").append(esc(Times.readable(i.get("last_seen"))))
                    .append("</td><td class=\"num\">").append(esc(i.path("senders").asText()))
                    .append("</td><td class=\"num\">").append(esc(i.path("targets").asText()))
                    .append("</td><td class=\"num\">").append(esc(i.path("messages").asText()))
                    .append("</td><td class=\"num\">").append(esc(i.path("occasions").asText()))
                    .append("</td></tr>\n");
        }
        h.append("</tbody>\n</table>\n");
    }

    private static void coordination(StringBuilder h, JsonNode c) {
        JsonNode k = c.path("coordination");
        h.append("<h2>6. Signs of coordination</h2>\n<p>Shares from 0 to 1, the highest over the campaign's "
                + "detections; the windows and ages are part of the configuration.</p>\n<table class=\"facts\">\n");
        fact(h, "Near-duplicate share", esc(MessagesCsv.number(k.get("near_duplicate_share")))
                + ": share of senders whose message is a near-copy of another sender's");
        fact(h, "Onset synchrony", esc(MessagesCsv.number(k.get("onset_synchrony")))
                + ": share of senders whose first message fell in the same short window");
        fact(h, "New accounts", esc(MessagesCsv.number(k.get("new_account_share")))
                + ": share of senders whose accounts were newer than the configured age");
        fact(h, "Sender overlap", esc(MessagesCsv.number(k.get("sender_overlap")))
                + ": share of senders who abused more than one of the targets");
        fact(h, "Shared hashtags", esc(joined(k.path("shared_hashtags"), ", ")));
        fact(h, "Shared URLs", "<span class=\"hash\">" + esc(joined(k.path("shared_urls"), " ")) + "</span>");
        h.append("</table>\n");
    }

    private static void messages(StringBuilder h, List<EvidenceRecord> records) {
        h.append("<h2>7. Messages</h2>\n<p>Every message of this package in the order sent, text exactly as sent. "
                + "Categories are the detector's. The record hash is the SHA-256 of the message's line in "
                + "<code>messages.ndjson</code>.</p>\n");
        h.append("<table>\n<thead><tr><th>#</th><th>Sent (UTC)</th><th>Sender</th><th>Target(s)</th>"
                + "<th>Channel</th><th>Categories</th><th>Text</th></tr></thead>\n<tbody>\n");
        int n = 0;
        for (EvidenceRecord r : records) {
            JsonNode d = r.document();
            n++;
            h.append("<tr><td class=\"num\">").append(n).append("</td><td class=\"time\">")
                    .append(esc(Times.readable(r.createdAt()))).append("</td><td class=\"id\">")
                    .append(esc(d.path("sender_id").asText())).append("</td><td class=\"id\">")
                    .append(esc(joined(d.path("target_ids"), ", "))).append("</td><td>")
                    .append(esc(MessagesCsv.text(d.get("channel")))).append("</td><td>")
                    .append(esc(joined(d.path("categories"), ", "))).append("</td><td class=\"text\" dir=\"auto\">")
                    .append(esc(d.path("text").asText()))
                    .append("<div class=\"small\">message <span class=\"id\">").append(esc(r.messageId()))
                    .append("</span>, record <span class=\"hash\">").append(r.sha256()).append("</span></div>")
                    .append("</td></tr>\n");
        }
        h.append("</tbody>\n</table>\n");
    }

    private static void method(StringBuilder h, JsonNode c, List<EvidenceRecord> records, EvidenceSetCheck setCheck,
                               JsonNode query) {
        JsonNode detector = c.path("detector");
        long sealed = records.stream().filter(EvidenceRecord::matchesSeal).count();
        h.append("<h2>8. Method and integrity</h2>\n<table class=\"facts\">\n");
        fact(h, "Detector", "version <span class=\"id\">" + esc(detector.path("version").asText())
                + "</span>, lexicon <span class=\"id\">" + esc(detector.path("lexicon_version").asText())
                + "</span>");
        fact(h, "Configuration", "SHA-256 <span class=\"hash\">" + esc(detector.path("config_sha256").asText())
                + "</span> of every threshold and window the detector ran with; the same input, version and "
                + "configuration give the same campaign (the detection is deterministic)");
        fact(h, "Records", "each message is kept as a canonical JSON record (form <code>"
                + esc(MessageJson.CANONICAL_FORM) + "</code>: the message as sent, keys sorted, times in UTC) "
                + "and sealed with its SHA-256 when the detector first read it");
        fact(h, "Record seals", sealed + " of " + records.size()
                + " records rebuilt from the evidence index hash to the seal recorded by the detector"
                + (sealed == records.size() ? "" : " <strong>(see manifest.json: the others do not)</strong>"));
        fact(h, "Evidence set", esc(setCheck.status().meaning()) + " (campaign counts "
                + (setCheck.campaignCount() < 0 ? "?" : setCheck.campaignCount()) + ", package holds "
                + setCheck.exported() + "; evidence manifest <span class=\"hash\">"
                + esc(setCheck.campaignManifestSha256() == null ? "none" : setCheck.campaignManifestSha256())
                + "</span>)");
        // Without the page size, so the report does not change with how the export paged (manifest.json has it).
        fact(h, "Query", "the campaign document <code>" + esc(query.path("campaign").path("request").asText())
                + "</code>; every document of <code>" + esc(query.path("evidence").path("index").asText())
                + "</code> whose <code>campaign_id</code> is the campaign's, sorted by <code>created_at</code> then "
                + "<code>message_id</code> (the exact requests are in <code>manifest.json</code>)");
        fact(h, "Checking this package", "<code>manifest.json</code> lists the SHA-256 of every file and of every "
                + "record; <code>harassment-watch verify-evidence DIR</code> re-checks them all. Without the tool: "
                + "<code>sha256sum</code> of each file, and of each line of <code>messages.ndjson</code> without "
                + "its newline. The export time is recorded in <code>manifest.json</code> only.");
        h.append("</table>\n");
    }

    private static void fact(StringBuilder h, String label, String html) {
        h.append("<tr><th>").append(esc(label)).append("</th><td>").append(html).append("</td></tr>\n");
    }

    private static String accounts(JsonNode list, int count) {
        List<String> ids = new ArrayList<>();
        list.forEach(v -> ids.add(v.asText()));
        StringBuilder out = new StringBuilder().append(count).append(count == 1 ? " account" : " accounts");
        if (!ids.isEmpty()) {
            out.append(": <span class=\"id\">").append(esc(String.join(", ", ids))).append("</span>");
        }
        if (ids.size() < count) {
            out.append(" (the first ").append(ids.size()).append(" listed)");
        }
        return out.toString();
    }

    /** Counts in the detector's category order (the stored object's key order is not meaningful). */
    private static String categoryCounts(JsonNode counts) {
        List<String> names = new ArrayList<>();
        for (Category category : Category.values()) {
            names.add(category.field());
        }
        counts.fieldNames().forEachRemaining(name -> {
            if (!names.contains(name)) {
                names.add(name);
            }
        });
        List<String> parts = new ArrayList<>();
        for (String name : names) {
            if (counts.path(name).asLong() > 0) {
                parts.add(name.replace('_', ' ') + " " + counts.path(name).asText());
            }
        }
        return parts.isEmpty() ? "none counted" : String.join(", ", parts) + " messages";
    }

    private static String joined(JsonNode list, String separator) {
        if (list == null || !list.isArray()) {
            return list == null || list.isMissingNode() || list.isNull() ? "" : list.asText();
        }
        List<String> parts = new ArrayList<>();
        list.forEach(v -> parts.add(v.asText()));
        return String.join(separator, parts);
    }

    /** HTML-escapes text for element content and quoted attributes. */
    static String esc(String s) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String replacement = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> null;
            };
            if (replacement != null && out == null) {
                out = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (out != null) {
                if (replacement != null) {
                    out.append(replacement);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? s : out.toString();
    }
}
