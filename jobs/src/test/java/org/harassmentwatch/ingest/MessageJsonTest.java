package org.harassmentwatch.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.harassmentwatch.ingest.TestMessages.NOW;

class MessageJsonTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static long millis(String iso) {
        return Instant.parse(iso).toEpochMilli();
    }

    /** The fixed message behind the golden hash. Never change it: change the form's version instead. */
    private static Message golden() {
        return new Message("m-1", "x", "alice", millis("2026-03-01T11:00:00Z"),
                "@bob you are \"pathetic\"\n🙂", List.of("bob", "carol"), "c-9", null, "reply", "en",
                millis("2020-01-01T00:00:00Z"), true, List.of("loser"), List.of(),
                Map.of("toxicity", 0.91, "threat", 0.0), NOW, "file:/data/in.ndjson:1");
    }

    private static final String GOLDEN_JSON = "{\"channel\":\"reply\",\"conversation_id\":\"c-9\","
            + "\"created_at\":\"2026-03-01T11:00:00.000Z\",\"hashtags\":[\"loser\"],\"lang\":\"en\","
            + "\"message_id\":\"m-1\",\"platform\":\"x\",\"reported\":true,\"scores\":{\"threat\":0,\"toxicity\":0.91},"
            + "\"sender_created_at\":\"2020-01-01T00:00:00.000Z\",\"sender_id\":\"alice\","
            + "\"target_ids\":[\"bob\",\"carol\"],\"text\":\"@bob you are \\\"pathetic\\\"\\n🙂\"}";

    /** Computed independently: printf '%s' "$GOLDEN_JSON" | sha256sum. */
    private static final String GOLDEN_SHA256 = "2b5038efe63b6a2635a2e46f2d949eff1f5483edc5168cff99aaf0840bfbdaad";

    @Test
    void goldenMessageHasTheExpectedCanonicalJsonAndHash() {
        assertThat(MessageJson.toCanonicalJson(golden())).isEqualTo(GOLDEN_JSON);
        assertThat(MessageJson.sha256Hex(golden())).isEqualTo(GOLDEN_SHA256);
    }

    @Test
    void sameContentGivesByteIdenticalOutputWhateverTheCollectionTypes() {
        Message m = golden();
        Map<String, Double> hashScores = new HashMap<>();
        hashScores.put("toxicity", 0.91);
        hashScores.put("threat", 0.0);
        Message sameContent = new Message(m.messageId(), m.platform(), m.senderId(), m.createdAt(), m.text(),
                new LinkedList<>(m.targetIds()), m.conversationId(), m.inReplyTo(), m.channel(), m.lang(),
                m.senderCreatedAt(), m.reported(), new ArrayList<>(m.hashtags()), new ArrayList<>(),
                hashScores, m.ingestedAt(), m.source());

        assertThat(MessageJson.canonicalBytes(sameContent)).isEqualTo(MessageJson.canonicalBytes(m));
        for (int i = 0; i < 100; i++) {
            assertThat(MessageJson.sha256Hex(m)).isEqualTo(GOLDEN_SHA256);
        }
    }

    @Test
    void ingestionMetadataDoesNotChangeTheHash() {
        Message m = golden();
        Message readAgain = new Message(m.messageId(), m.platform(), m.senderId(), m.createdAt(), m.text(),
                m.targetIds(), m.conversationId(), m.inReplyTo(), m.channel(), m.lang(), m.senderCreatedAt(),
                m.reported(), m.hashtags(), m.urls(), m.upstreamScores(), NOW + 86_400_000L, "kafka:messages/3/991");

        assertThat(MessageJson.sha256Hex(readAgain)).isEqualTo(MessageJson.sha256Hex(m));
    }

    @Test
    void theSameMessageSentDifferentlyHashesTheSame() {
        MessageDecoder decoder = new MessageDecoder();
        String a = "{\"message_id\":\"m-1\",\"platform\":\"x\",\"sender_id\":\"alice\",\"created_at\":\"2026-03-01T11:00:00Z\","
                + "\"text\":\"hi\",\"target_ids\":[\"bob\",\"bob\"],\"scores\":{\"insult\":0.5,\"threat\":0.25}}";
        String b = "{ \"scores\": {\"threat\": 2.5e-1, \"insult\": 0.50}, \"target_ids\": [\"bob\"], \"text\": \"hi\","
                + " \"created_at\": \"2026-03-01T12:00:00.000+01:00\", \"sender_id\": \"alice\", \"platform\": \"x\","
                + " \"message_id\": \"m-1\", \"unknown\": [1, 2] }";

        Message fromA = TestMessages.decoded(decoder.decode(a, "file:a:1", NOW));
        Message fromB = TestMessages.decoded(decoder.decode(b, "file:b:9", NOW + 1));

        assertThat(MessageJson.toCanonicalJson(fromB)).isEqualTo(MessageJson.toCanonicalJson(fromA));
    }

    @Test
    void everyContentFieldChangesTheHash() {
        Message m = golden();
        List<Message> variants = List.of(
                new Message("m-2", m.platform(), m.senderId(), m.createdAt(), m.text(), m.targetIds(), m.conversationId(), m.inReplyTo(), m.channel(), m.lang(), m.senderCreatedAt(), m.reported(), m.hashtags(), m.urls(), m.upstreamScores(), m.ingestedAt(), m.source()),
                new Message(m.messageId(), "y", m.senderId(), m.createdAt(), m.text(), m.targetIds(), m.conversationId(), m.inReplyTo(), m.channel(), m.lang(), m.senderCreatedAt(), m.reported(), m.hashtags(), m.urls(), m.upstreamScores(), m.ingestedAt(), m.source()),
                new Message(m.messageId(), m.platform(), "mallory", m.createdAt(), m.text(), m.targetIds(), m.conversationId(), m.inReplyTo(), m.channel(), m.lang(), m.senderCreatedAt(), m.reported(), m.hashtags(), m.urls(), m.upstreamScores(), m.ingestedAt(), m.source()),
                new Message(m.messageId(), m.platform(), m.senderId(), m.createdAt() + 1, m.text(), m.targetIds(), m.conversationId(), m.inReplyTo(), m.channel(), m.lang(), m.senderCreatedAt(), m.reported(), m.hashtags(), m.urls(), m.upstreamScores(), m.ingestedAt(), m.source()),
                new Message(m.messageId(), m.platform(), m.senderId(), m.createdAt(), m.text() + " ", m.targetIds(), m.conversationId(), m.inReplyTo(), m.channel(), m.lang(), m.senderCreatedAt(), m.reported(), m.hashtags(), m.urls(), m.upstreamScores(), m.ingestedAt(), m.source()),
                new Message(m.messageId(), m.platform(), m.senderId(), m.createdAt(), m.text(), List.of("carol", "bob"), m.conversationId(), m.inReplyTo(), m.channel(), m.lang(), m.senderCreatedAt(), m.reported(), m.hashtags(), m.urls(), m.upstreamScores(), m.ingestedAt(), m.source()),
                new Message(m.messageId(), m.platform(), m.senderId(), m.createdAt(), m.text(), m.targetIds(), null, m.inReplyTo(), m.channel(), m.lang(), m.senderCreatedAt(), m.reported(), m.hashtags(), m.urls(), m.upstreamScores(), m.ingestedAt(), m.source()),
                new Message(m.messageId(), m.platform(), m.senderId(), m.createdAt(), m.text(), m.targetIds(), m.conversationId(), "m-0", m.channel(), m.lang(), m.senderCreatedAt(), m.reported(), m.hashtags(), m.urls(), m.upstreamScores(), m.ingestedAt(), m.source()),
                new Message(m.messageId(), m.platform(), m.senderId(), m.createdAt(), m.text(), m.targetIds(), m.conversationId(), m.inReplyTo(), "mention", m.lang(), m.senderCreatedAt(), m.reported(), m.hashtags(), m.urls(), m.upstreamScores(), m.ingestedAt(), m.source()),
                new Message(m.messageId(), m.platform(), m.senderId(), m.createdAt(), m.text(), m.targetIds(), m.conversationId(), m.inReplyTo(), m.channel(), "de", m.senderCreatedAt(), m.reported(), m.hashtags(), m.urls(), m.upstreamScores(), m.ingestedAt(), m.source()),
                new Message(m.messageId(), m.platform(), m.senderId(), m.createdAt(), m.text(), m.targetIds(), m.conversationId(), m.inReplyTo(), m.channel(), m.lang(), null, m.reported(), m.hashtags(), m.urls(), m.upstreamScores(), m.ingestedAt(), m.source()),
                new Message(m.messageId(), m.platform(), m.senderId(), m.createdAt(), m.text(), m.targetIds(), m.conversationId(), m.inReplyTo(), m.channel(), m.lang(), m.senderCreatedAt(), false, m.hashtags(), m.urls(), m.upstreamScores(), m.ingestedAt(), m.source()),
                new Message(m.messageId(), m.platform(), m.senderId(), m.createdAt(), m.text(), m.targetIds(), m.conversationId(), m.inReplyTo(), m.channel(), m.lang(), m.senderCreatedAt(), m.reported(), List.of(), m.urls(), m.upstreamScores(), m.ingestedAt(), m.source()),
                new Message(m.messageId(), m.platform(), m.senderId(), m.createdAt(), m.text(), m.targetIds(), m.conversationId(), m.inReplyTo(), m.channel(), m.lang(), m.senderCreatedAt(), m.reported(), m.hashtags(), List.of("https://x"), m.upstreamScores(), m.ingestedAt(), m.source()),
                new Message(m.messageId(), m.platform(), m.senderId(), m.createdAt(), m.text(), m.targetIds(), m.conversationId(), m.inReplyTo(), m.channel(), m.lang(), m.senderCreatedAt(), m.reported(), m.hashtags(), m.urls(), Map.of("toxicity", 0.92, "threat", 0.0), m.ingestedAt(), m.source()));

        assertThat(variants).extracting(MessageJson::sha256Hex).doesNotHaveDuplicates().doesNotContain(GOLDEN_SHA256);
    }

    @Test
    void keysAreSortedAndNullsAndEmptiesOmitted() throws Exception {
        Message full = new Message("m", "p", "s", 0L, "t", List.of("a"), "c", "r", "post", "en", 0L, false,
                List.of("h"), List.of("u"), Map.of("insult", 0.5), NOW, "src");
        Message bare = new Message("m", "p", "s", 0L, "t", List.of(), null, null, null, null, null, false,
                List.of(), List.of(), Map.of(), NOW, "src");

        List<String> fullKeys = keys(MAPPER.readTree(MessageJson.toCanonicalJson(full)));
        assertThat(fullKeys).isSorted().hasSize(15);
        assertThat(keys(MAPPER.readTree(MessageJson.toCanonicalJson(bare))))
                .containsExactly("created_at", "message_id", "platform", "reported", "sender_id", "text");
        assertThat(MessageJson.toCanonicalJson(bare)).doesNotContain(" ", "null");
    }

    @Test
    void awkwardTextSurvivesARoundTripThroughAnyJsonParser() throws Exception {
        String text = "quote\" backslash\\ slash/ tab\t nul\u0000 bell\u0007 del\u007f nbsp\u00a0 ls\u2028 emoji🙂 lone\ud800 end";
        Message m = new Message("m", "p", "s", 0L, text, List.of("a"), null, null, null, null, null, false,
                List.of(), List.of(), Map.of(), NOW, "src");

        String json = MessageJson.toCanonicalJson(m);

        assertThat(json).contains("\\u0000", "\\u0007", "\\t", "\\ud800", "\u007f", "\u2028", "🙂", "slash/");
        assertThat(MAPPER.readTree(json).get("text").asText()).isEqualTo(text);
        assertThat(new String(MessageJson.canonicalBytes(m), StandardCharsets.UTF_8)).isEqualTo(json);
    }

    @Test
    void numbersArePlainShortAndExact() {
        assertThat(MessageJson.canonicalNumber(0.0)).isEqualTo("0");
        assertThat(MessageJson.canonicalNumber(-0.0)).isEqualTo("0");
        assertThat(MessageJson.canonicalNumber(1.0)).isEqualTo("1");
        assertThat(MessageJson.canonicalNumber(0.1)).isEqualTo("0.1");
        assertThat(MessageJson.canonicalNumber(0.91)).isEqualTo("0.91");
        assertThat(MessageJson.canonicalNumber(1e-7)).isEqualTo("0.0000001");
        assertThat(MessageJson.canonicalNumber(0.1 + 0.2)).isEqualTo("0.30000000000000004");
        assertThat(MessageJson.canonicalNumber(Double.MIN_VALUE)).doesNotContain("E").startsWith("0.000");
    }

    @Test
    void numbersFollowTheirDefinitionAndReadBack() {
        Random random = new Random(5);
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            values.add(random.nextDouble());
            values.add(random.nextInt(100_001) / 100_000.0);
        }
        for (int i = 0; i < 2_000; i++) {
            values.add(Double.longBitsToDouble(random.nextLong() & 0x7fefffffffffffffL)); // any positive finite
        }
        for (int exponent = -1074; exponent <= 1023; exponent++) {
            values.add(Math.scalb(1.0, exponent)); // powers of two: the uneven rounding gaps
            values.add(Math.nextDown(Math.scalb(1.0, exponent)));
        }
        for (double d : values) {
            String text = MessageJson.canonicalNumber(d);
            if (!text.equals(MessageJson.canonicalNumberBySearchingUp(d)) || Double.parseDouble(text) != d) {
                throw new AssertionError(d + " gave " + text + ", by definition "
                        + MessageJson.canonicalNumberBySearchingUp(d));
            }
        }
    }

    private static List<String> keys(JsonNode node) {
        List<String> keys = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            keys.add(it.next());
        }
        return keys;
    }

    @Test
    void scoresAreSortedByName() {
        Map<String, Double> scores = new TreeMap<>(java.util.Comparator.reverseOrder());
        scores.put("a_insult", 0.5);
        scores.put("b_threat", 0.25);
        Message m = new Message("m", "p", "s", 0L, "t", List.of("a"), null, null, null, null, null, false,
                List.of(), List.of(), scores, NOW, "src");

        assertThat(MessageJson.toCanonicalJson(m)).contains("\"scores\":{\"a_insult\":0.5,\"b_threat\":0.25}");
    }
}
