package org.harassmentwatch.evidence;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** messages.csv, timeline.txt and report.html of the fixture package. */
class RenderedFilesTest {

    private static final Map<String, byte[]> FILES =
            EvidencePackageWriter.build(EvidenceFixtures.input(), Instant.parse("2026-03-05T10:15:30Z"));

    private static String file(String name) {
        return new String(FILES.get(name), StandardCharsets.UTF_8);
    }

    @Test
    void csvHasOneRowPerMessageInPackageOrderWithCrlfAndQuoting() {
        String csv = file("messages.csv");

        assertThat(csv).startsWith("message_id,created_at,ingested_at,platform,channel,sender_id,target_ids,"
                + "conversation_id,in_reply_to,lang,reported,sender_created_at,hashtags,urls,categories,abuse,"
                + "directedness,threat,identity_attack,insult,sexual_harassment,self_harm_encouragement,doxxing,"
                + "profanity,evidence_terms,text,record_sha256,source\r\n");
        assertThat(csv).endsWith("\r\n");
        assertThat(csv).contains("\r\nm-1,2026-02-27T21:58:00.250Z,2026-02-27T21:58:01.750Z,x,mention,alice,bob,"
                + "conv-9,,en,false,,,,insult,0.7421,0.9,0.0,0.0,0.72,0.0,0.0,0.0,0.1,pathetic,\"'@bob you are pathetic\n"
                + "nobody wants you here\",");
        assertThat(csv).contains(",carol,bob dave,");
        assertThat(csv.indexOf("\r\nm-1,")).isLessThan(csv.indexOf("\r\nm-10,"));
        assertThat(csv.indexOf("\r\nm-10,")).isLessThan(csv.indexOf("\r\nm-2,"));
        assertThat(csv.indexOf("\r\nm-2,")).isLessThan(csv.indexOf("\r\nm-3,"));
    }

    @Test
    void csvCellsThatASpreadsheetWouldEvaluateAreNeutralised() {
        String csv = file("messages.csv");

        assertThat(csv).contains(",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\") you \"\"idiot\"\", again\",");
        StringBuilder cell = new StringBuilder();
        MessagesCsv.cell(cell, "@everyone");
        assertThat(cell).hasToString("'@everyone");
        cell.setLength(0);
        MessagesCsv.cell(cell, "plain");
        assertThat(cell).hasToString("plain");
    }

    @Test
    void timelineListsTimeSenderTargetsCategoriesAndIdInAlignedColumns() {
        String timeline = file("timeline.txt");

        assertThat(timeline).startsWith("Timeline of campaign " + EvidenceFixtures.CAMPAIGN_ID
                + " (version 3): 4 messages, in the order sent; times in UTC.\n");
        List<String> lines = timeline.lines().toList();
        assertThat(lines).contains(
                "TIME (UTC)                SENDER  TARGET(S)  CATEGORIES               MESSAGE ID",
                "-- 2026-02-27 --",
                "2026-02-27T21:58:00.250Z  alice   bob        insult                   m-1",
                "2026-02-27T23:58:00.250Z  erin    bob        threat, insult, doxxing  m-10",
                "2026-02-27T23:58:00.250Z  carol   bob, dave  insult                   m-2",
                "-- 2026-02-28 --",
                "2026-02-28T23:58:00.250Z  alice   bob        insult                   m-3");
    }

    @Test
    void timelineShowsControlCharactersInIdsEscaped() {
        assertThat(Timeline.printable("a\nb\u2028c")).isEqualTo("a\\u000ab\\u2028c");
        assertThat(Timeline.printable("plain")).isEqualTo("plain");
    }

    @Test
    void reportAnswersWhoWhomWhenHowManyAndWhichProvisions() {
        String html = file("report.html");

        assertThat(html).startsWith("<!DOCTYPE html>\n<html lang=\"en\">").endsWith("</html>\n");
        assertThat(html).contains("may meet the elements of", "It is not a finding");
        assertThat(html).contains("<th>Who (senders)</th><td>3 accounts: <span class=\"id\">alice, carol, erin</span>");
        assertThat(html).contains("<th>Whom (targets)</th><td>2 accounts: <span class=\"id\">bob, dave</span>");
        assertThat(html).contains("first abusive message 2026-02-27 21:58:00.250 UTC");
        assertThat(html).contains("<th>Occasions</th><td>2 separate occasions");
        assertThat(html).contains("PHA1997-s2: Protection from Harassment Act 1997, s2 (harassment)",
                "<strong>Counted facts:</strong> alice sent abusive messages to bob on 2 separate occasions");
        assertThat(html).contains("3 accounts sent 4 abusive messages to bob within 26 hours.");
        // pairs table: alice -> bob, 2 messages, 2 occasions from the persistent-pair incident
        assertThat(html).containsPattern(Pattern.compile(
                "<td class=\"id\">alice</td><td class=\"id\">bob</td><td class=\"num\">2</td>.*?<td class=\"num\">2</td></tr>"));
        assertThat(html).contains("version <span class=\"id\">hw-detect-1.0.0</span>",
                "3b7e1d9a5c2f4e6b8a0d1c3e5f7a9b2d4c6e8f0a1b3d5e7f9a2c4b6d8e0f1a3c",
                "4 of 4 records rebuilt from the evidence index hash to the seal",
                HtmlReport.esc(EvidenceSetCheck.Status.MATCH.meaning()));
    }

    @Test
    void reportEscapesWhatSendersWroteAndIsolatesItsDirection() {
        String html = file("report.html");

        assertThat(html).doesNotContain("<script>").contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        assertThat(html).contains("=HYPERLINK(&quot;http://evil.example&quot;,&quot;click&quot;) you &quot;idiot&quot;");
        assertThat(html).contains("<td class=\"text\" dir=\"auto\">").contains("unicode-bidi: plaintext");
    }

    @Test
    void reportIsSelfContainedAndPrintable() {
        String html = file("report.html");

        assertThat(html).doesNotContainPattern("(?i)<script|<link|<img|<iframe|@import|url\\(|src=|href=");
        assertThat(html).contains("@media print", "@page { size: A4", "thead { display: table-header-group; }");
        assertThat(html).as("the export time lives only in manifest.json").doesNotContain("2026-03-05");
    }
}
