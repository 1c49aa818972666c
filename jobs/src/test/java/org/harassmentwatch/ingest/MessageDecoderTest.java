package org.harassmentwatch.ingest;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.harassmentwatch.ingest.TestMessages.NOW;
import static org.harassmentwatch.ingest.TestMessages.SOURCE;
import static org.harassmentwatch.ingest.TestMessages.json;
import static org.harassmentwatch.ingest.TestMessages.required;
import static org.harassmentwatch.ingest.TestMessages.with;
import static org.harassmentwatch.ingest.TestMessages.without;

class MessageDecoderTest {

    private final MessageDecoder decoder = new MessageDecoder();

    private Message decoded(String json) {
        return TestMessages.decoded(decoder.decode(json, SOURCE, NOW));
    }

    private DeadLetter rejected(String json) {
        return TestMessages.rejected(decoder.decode(json, SOURCE, NOW));
    }

    private static long millis(String iso) {
        return Instant.parse(iso).toEpochMilli();
    }

    @Nested
    class ValidMessages {

        @Test
        void everyOptionalFieldIsRead() {
            Map<String, Object> fields = required();
            fields.put("conversation_id", "c-9");
            fields.put("in_reply_to", "m-0");
            fields.put("channel", "reply");
            fields.put("lang", "en");
            fields.put("sender_created_at", "2026-02-28T23:00:00-01:00");
            fields.put("reported", true);
            fields.put("hashtags", List.of("#Loser", "＃PileOn", "plain"));
            fields.put("urls", List.of("https://example.org/a"));
            Map<String, Object> scores = new LinkedHashMap<>();
            scores.put("toxicity", 0.91);
            scores.put("threat", 0);
            scores.put("insult", 1);
            scores.put("severe_toxicity", 0.5);
            scores.put("identity_attack", 0.25);
            scores.put("profanity", 0.125);
            scores.put("sexually_explicit", 0.0625);
            fields.put("scores", scores);

            Message m = decoded(json(fields));

            assertThat(m.messageId()).isEqualTo("m-1");
            assertThat(m.platform()).isEqualTo("x");
            assertThat(m.senderId()).isEqualTo("alice");
            assertThat(m.createdAt()).isEqualTo(millis("2026-03-01T11:00:00Z"));
            assertThat(m.text()).isEqualTo("@bob you are pathetic");
            assertThat(m.targetIds()).containsExactly("bob");
            assertThat(m.conversationId()).isEqualTo("c-9");
            assertThat(m.inReplyTo()).isEqualTo("m-0");
            assertThat(m.channel()).isEqualTo("reply");
            assertThat(m.lang()).isEqualTo("en");
            assertThat(m.senderCreatedAt()).isEqualTo(millis("2026-03-01T00:00:00Z"));
            assertThat(m.reported()).isTrue();
            assertThat(m.hashtags()).containsExactly("loser", "pileon", "plain");
            assertThat(m.urls()).containsExactly("https://example.org/a");
            assertThat(m.upstreamScores()).containsExactly(
                    Map.entry("identity_attack", 0.25), Map.entry("insult", 1.0), Map.entry("profanity", 0.125),
                    Map.entry("severe_toxicity", 0.5), Map.entry("sexually_explicit", 0.0625),
                    Map.entry("threat", 0.0), Map.entry("toxicity", 0.91));
            assertThat(m.ingestedAt()).isEqualTo(NOW);
            assertThat(m.source()).isEqualTo(SOURCE);
        }

        @Test
        void onlyRequiredFieldsLeaveOptionalsNullAndCollectionsEmpty() {
            Message m = decoded(json(required()));

            assertThat(m.conversationId()).isNull();
            assertThat(m.inReplyTo()).isNull();
            assertThat(m.channel()).isNull();
            assertThat(m.lang()).isNull();
            assertThat(m.senderCreatedAt()).isNull();
            assertThat(m.reported()).isFalse();
            assertThat(m.hashtags()).isEmpty();
            assertThat(m.urls()).isEmpty();
            assertThat(m.upstreamScores()).isEmpty();
        }

        @Test
        void nullAndBlankOptionalFieldsMeanAbsent() {
            Map<String, Object> fields = required();
            fields.put("conversation_id", null);
            fields.put("channel", "");
            fields.put("lang", "  ");
            fields.put("reported", null);
            fields.put("hashtags", null);
            fields.put("scores", null);
            fields.put("sender_created_at", null);

            Message m = decoded(json(fields));

            assertThat(m.conversationId()).isNull();
            assertThat(m.channel()).isNull();
            assertThat(m.lang()).isNull();
            assertThat(m.reported()).isFalse();
            assertThat(m.hashtags()).isEmpty();
            assertThat(m.upstreamScores()).isEmpty();
            assertThat(m.senderCreatedAt()).isNull();
        }

        @Test
        void offsetTimestampsAreStoredAsUtcMillis() {
            Map<String, Object> fields = required();
            fields.put("created_at", "2026-03-01T13:30:00.250+01:30");
            fields.put("sender_created_at", "2020-12-31T19:00:00-05:00");

            Message m = decoded(json(fields));

            assertThat(m.createdAt()).isEqualTo(millis("2026-03-01T12:00:00.250Z"));
            assertThat(m.senderCreatedAt()).isEqualTo(millis("2021-01-01T00:00:00Z"));
        }

        @Test
        void senderIsRemovedFromTargets() {
            Message m = decoded(with("target_ids", List.of("alice", "bob", "carol")));

            assertThat(m.targetIds()).containsExactly("bob", "carol");
        }

        @Test
        void targetingOnlyYourselfIsAValidMessageWithNoTargets() {
            Message m = decoded(with("target_ids", List.of("alice", "alice")));

            assertThat(m.targetIds()).isEmpty();
        }

        @Test
        void duplicateTargetsAreRemovedKeepingFirstSeenOrder() {
            Message m = decoded(with("target_ids", List.of("carol", "bob", "carol", "dave", "bob", " ", "")));

            assertThat(m.targetIds()).containsExactly("carol", "bob", "dave");
        }

        @Test
        void duplicatesAreRemovedFromLongTargetLists() {
            List<String> targets = new java.util.ArrayList<>();
            for (int i = 0; i < 100; i++) {
                targets.add("u" + (i % 40));
            }
            Message m = decoded(with("target_ids", targets));

            assertThat(m.targetIds()).hasSize(40).startsWith("u0", "u1").endsWith("u39");
        }

        @Test
        void unknownTopLevelFieldsAreIgnored() {
            String json = json(required()).replaceFirst("\\{",
                    "{\"schema_version\":3,\"geo\":{\"lat\":51.5,\"tags\":[[1],{\"a\":null}]},\"extra\":null,");

            assertThat(decoded(json).messageId()).isEqualTo("m-1");
        }

        @Test
        void bytesAndTextGiveTheSameMessage() {
            String json = with("text", "naïve café — 🙂");

            Message fromText = decoded(json);
            Message fromBytes = TestMessages.decoded(decoder.decode(json.getBytes(StandardCharsets.UTF_8), SOURCE, NOW));

            assertThat(fromBytes).isEqualTo(fromText);
            assertThat(fromBytes.text()).isEqualTo("naïve café — 🙂");
        }

        @Test
        void leadingByteOrderMarkIsTolerated() {
            assertThat(decoded("\uFEFF" + json(required())).messageId()).isEqualTo("m-1");
        }

        @Test
        void timestampExactlyAtTheAllowedSkewIsAccepted() {
            Message m = decoded(with("created_at", "2026-03-02T12:00:00Z"));

            assertThat(m.createdAt()).isEqualTo(NOW + Duration.ofDays(1).toMillis());
        }

        @Test
        void textOfExactly64KibIsAccepted() {
            assertThat(decoded(with("text", "a".repeat(65536))).text()).hasSize(65536);
        }
    }

    @Nested
    class MalformedJson {

        @ParameterizedTest
        @ValueSource(strings = {"{\"message_id\":", "not json", "{'message_id':'m'}", "{\"a\":NaN}", "{\"a\":1,}"})
        void brokenJsonIsMalformed(String raw) {
            DeadLetter dl = rejected(raw);

            assertThat(dl.errorCode()).isEqualTo("MALFORMED_JSON");
            assertThat(dl.field()).isNull();
            assertThat(dl.message()).startsWith("not a valid JSON object at line 1, column ");
            assertThat(dl.rawInput()).isEqualTo(raw);
        }

        @Test
        void anArrayIsNotAnObject() {
            DeadLetter dl = rejected("[1, 2]");

            assertThat(dl.errorCode()).isEqualTo("MALFORMED_JSON");
            assertThat(dl.message()).isEqualTo("input [1, 2] is an array, expected a JSON object");
        }

        @Test
        void aStringIsNotAnObject() {
            assertThat(rejected("\"hello\"").message()).isEqualTo("input \"hello\" is a string, expected a JSON object");
        }

        @Test
        void emptyAndNullInputAreMalformed() {
            assertThat(rejected("   ").message()).isEqualTo("input is empty, expected a JSON object");
            assertThat(rejected(null).errorCode()).isEqualTo("MALFORMED_JSON");
            DeadLetter fromNullBytes = TestMessages.rejected(decoder.decode((byte[]) null, SOURCE, NOW));
            assertThat(fromNullBytes.errorCode()).isEqualTo("MALFORMED_JSON");
            assertThat(fromNullBytes.rawInput()).isEmpty();
        }

        @Test
        void twoObjectsInOneRecordAreMalformed() {
            DeadLetter dl = rejected(json(required()) + " {}");

            assertThat(dl.errorCode()).isEqualTo("MALFORMED_JSON");
            assertThat(dl.message()).startsWith("unexpected content after the JSON object at line 1, column ");
        }

        @Test
        void duplicateKeysAreMalformed() {
            DeadLetter dl = rejected(json(required()).replaceFirst("\\{", "{\"text\":\"hello\","));

            assertThat(dl.errorCode()).isEqualTo("MALFORMED_JSON");
            assertThat(dl.message()).contains("Duplicate field 'text'");
        }

        @Test
        void brokenJsonWinsOverAnEarlierFieldError() {
            DeadLetter dl = rejected("{\"message_id\": 42, \"text\": ");

            assertThat(dl.errorCode()).isEqualTo("MALFORMED_JSON");
        }
    }

    @Nested
    class RequiredFields {

        @ParameterizedTest
        @ValueSource(strings = {"message_id", "platform", "sender_id", "created_at", "text"})
        void missingRequiredFieldIsRejected(String field) {
            DeadLetter dl = rejected(without(field));

            assertThat(dl.errorCode()).isEqualTo("MISSING_FIELD");
            assertThat(dl.field()).isEqualTo(field);
            assertThat(dl.message()).isEqualTo(field + ": required field is missing");
        }

        @ParameterizedTest
        @ValueSource(strings = {"message_id", "platform", "sender_id", "created_at", "text"})
        void nullRequiredFieldIsRejected(String field) {
            DeadLetter dl = rejected(with(field, null));

            assertThat(dl.errorCode()).isEqualTo("MISSING_FIELD");
            assertThat(dl.field()).isEqualTo(field);
            assertThat(dl.message()).isEqualTo(field + ": required field is null");
        }

        @ParameterizedTest
        @ValueSource(strings = {"message_id", "platform", "sender_id", "created_at", "text"})
        void blankRequiredFieldIsRejected(String field) {
            DeadLetter dl = rejected(with(field, " \t"));

            assertThat(dl.errorCode()).isEqualTo("EMPTY_FIELD");
            assertThat(dl.field()).isEqualTo(field);
            assertThat(dl.message()).isEqualTo(field + ": \" \\t\" is blank");
        }

        @Test
        void emptyRequiredFieldIsRejected() {
            DeadLetter dl = rejected(with("platform", ""));

            assertThat(dl.errorCode()).isEqualTo("EMPTY_FIELD");
            assertThat(dl.message()).isEqualTo("platform: \"\" is empty");
        }
    }

    @Nested
    class WrongTypes {

        @Test
        void numberForAStringField() {
            DeadLetter dl = rejected(with("message_id", 42));

            assertThat(dl.errorCode()).isEqualTo("WRONG_TYPE");
            assertThat(dl.field()).isEqualTo("message_id");
            assertThat(dl.message()).isEqualTo("message_id: 42 is a number, expected a string");
        }

        @Test
        void objectForAStringFieldIsQuotedAsSent() {
            DeadLetter dl = rejected(with("text", Map.of("body", "hi")));

            assertThat(dl.errorCode()).isEqualTo("WRONG_TYPE");
            assertThat(dl.field()).isEqualTo("text");
            assertThat(dl.message()).isEqualTo("text: {\"body\":\"hi\"} is an object, expected a string");
        }

        @Test
        void objectValueIsQuotedFromBytesToo() {
            byte[] raw = with("lang", List.of("en", "fr")).getBytes(StandardCharsets.UTF_8);

            DeadLetter dl = TestMessages.rejected(decoder.decode(raw, SOURCE, NOW));

            assertThat(dl.message()).isEqualTo("lang: [\"en\",\"fr\"] is an array, expected a string");
        }

        @Test
        void reportedMustBeABoolean() {
            DeadLetter dl = rejected(with("reported", "yes"));

            assertThat(dl.errorCode()).isEqualTo("WRONG_TYPE");
            assertThat(dl.field()).isEqualTo("reported");
            assertThat(dl.message()).isEqualTo("reported: \"yes\" is a string, expected a boolean");
        }

        @Test
        void targetIdsMustBeAnArray() {
            DeadLetter dl = rejected(with("target_ids", "bob"));

            assertThat(dl.errorCode()).isEqualTo("WRONG_TYPE");
            assertThat(dl.field()).isEqualTo("target_ids");
            assertThat(dl.message()).isEqualTo("target_ids: \"bob\" is a string, expected an array of strings");
        }

        @Test
        void arrayElementsMustBeStrings() {
            DeadLetter dl = rejected(with("target_ids", Arrays.asList("bob", 7)));

            assertThat(dl.errorCode()).isEqualTo("WRONG_TYPE");
            assertThat(dl.field()).isEqualTo("target_ids");
            assertThat(dl.message()).isEqualTo("target_ids[1]: 7 is a number, expected a string");
        }

        @Test
        void nullArrayElementIsAWrongType() {
            DeadLetter dl = rejected(with("hashtags", Arrays.asList("ok", null)));

            assertThat(dl.errorCode()).isEqualTo("WRONG_TYPE");
            assertThat(dl.field()).isEqualTo("hashtags");
            assertThat(dl.message()).isEqualTo("hashtags[1]: is null, expected a string");
        }

        @Test
        void scoresMustBeAnObject() {
            DeadLetter dl = rejected(with("scores", List.of(0.5)));

            assertThat(dl.errorCode()).isEqualTo("WRONG_TYPE");
            assertThat(dl.field()).isEqualTo("scores");
            assertThat(dl.message()).isEqualTo("scores: [0.5] is an array, expected an object of scores");
        }
    }

    @Nested
    class Timestamps {

        @Test
        void invalidDateIsABadTimestamp() {
            DeadLetter dl = rejected(with("created_at", "2026-13-01T00:00Z"));

            assertThat(dl.errorCode()).isEqualTo("BAD_TIMESTAMP");
            assertThat(dl.field()).isEqualTo("created_at");
            assertThat(dl.message())
                    .isEqualTo("created_at: \"2026-13-01T00:00Z\" is not an ISO-8601 timestamp with offset");
        }

        @Test
        void timestampWithoutOffsetIsABadTimestamp() {
            DeadLetter dl = rejected(with("created_at", "2026-03-01T10:00:00"));

            assertThat(dl.errorCode()).isEqualTo("BAD_TIMESTAMP");
            assertThat(dl.message()).isEqualTo("created_at: \"2026-03-01T10:00:00\" has no UTC offset (add Z or ±HH:MM)");
        }

        @Test
        void epochNumberIsAWrongTypeNotABadTimestamp() {
            DeadLetter dl = rejected(with("created_at", 1772366400000L));

            assertThat(dl.errorCode()).isEqualTo("WRONG_TYPE");
            assertThat(dl.message()).isEqualTo("created_at: 1772366400000 is a number, expected a string");
        }

        @Test
        void badSenderCreatedAtIsABadTimestamp() {
            DeadLetter dl = rejected(with("sender_created_at", "yesterday"));

            assertThat(dl.errorCode()).isEqualTo("BAD_TIMESTAMP");
            assertThat(dl.field()).isEqualTo("sender_created_at");
            assertThat(dl.message()).contains("\"yesterday\"");
        }

        @Test
        void timestampTooFarInTheFutureIsRejected() {
            DeadLetter dl = rejected(with("created_at", "2026-03-02T12:00:00.001Z"));

            assertThat(dl.errorCode()).isEqualTo("FUTURE_TIMESTAMP");
            assertThat(dl.field()).isEqualTo("created_at");
            assertThat(dl.message()).isEqualTo("created_at: \"2026-03-02T12:00:00.001Z\" is more than 1d after"
                    + " the processing time 2026-03-01T12:00:00.000Z");
        }

        @Test
        void allowedSkewIsAParameter() {
            MessageDecoder strict = new MessageDecoder(MessageRules.DEFAULT.withFutureSkew(Duration.ofMinutes(5)));

            DeadLetter dl = TestMessages.rejected(strict.decode(with("created_at", "2026-03-01T12:06:00Z"), SOURCE, NOW));

            assertThat(dl.errorCode()).isEqualTo("FUTURE_TIMESTAMP");
            assertThat(dl.message()).contains("more than 5m after");
            assertThat(strict.decode(with("created_at", "2026-03-01T12:04:00Z"), SOURCE, NOW))
                    .isInstanceOf(DecodeResult.Decoded.class);
        }
    }

    @Nested
    class ValueRules {

        @Test
        void textOverTheByteLimitIsRejected() {
            DeadLetter dl = rejected(with("text", "a".repeat(65537)));

            assertThat(dl.errorCode()).isEqualTo("TEXT_TOO_LONG");
            assertThat(dl.field()).isEqualTo("text");
            assertThat(dl.message()).isEqualTo("text: \"" + "a".repeat(100) + "…\" is 65537 bytes in UTF-8,"
                    + " over the limit of 65536");
        }

        @Test
        void textLimitCountsUtf8BytesNotChars() {
            String euros = "€".repeat(21846); // 21846 chars, 65538 bytes

            DeadLetter dl = rejected(with("text", euros));

            assertThat(dl.errorCode()).isEqualTo("TEXT_TOO_LONG");
            assertThat(dl.message()).contains("is 65538 bytes in UTF-8");
        }

        @ParameterizedTest
        @ValueSource(strings = {"1.5", "-0.1", "1e3"})
        void scoreOutsideZeroToOneIsRejected(String score) {
            DeadLetter dl = rejected(json(required()).replaceFirst("\\{", "{\"scores\":{\"toxicity\":" + score + "},"));

            assertThat(dl.errorCode()).isEqualTo("SCORE_OUT_OF_RANGE");
            assertThat(dl.field()).isEqualTo("scores");
            assertThat(dl.message()).isEqualTo("scores.toxicity: " + score + " is not in 0..1");
        }

        @Test
        void scoreThatIsNotANumberIsRejected() {
            DeadLetter dl = rejected(with("scores", Map.of("insult", "high")));

            assertThat(dl.errorCode()).isEqualTo("SCORE_OUT_OF_RANGE");
            assertThat(dl.field()).isEqualTo("scores");
            assertThat(dl.message()).isEqualTo("scores.insult: \"high\" is a string, expected a number in 0..1");
        }

        @Test
        void unknownScoreNameIsRejected() {
            DeadLetter dl = rejected(with("scores", Map.of("hate", 0.2)));

            assertThat(dl.errorCode()).isEqualTo("SCORE_OUT_OF_RANGE");
            assertThat(dl.field()).isEqualTo("scores");
            assertThat(dl.message()).isEqualTo("scores: \"hate\" is not a known score name, expected one of toxicity,"
                    + " severe_toxicity, identity_attack, insult, profanity, threat, sexually_explicit");
        }

        @Test
        void missingTargetIdsIsNoTarget() {
            DeadLetter dl = rejected(without("target_ids"));

            assertThat(dl.errorCode()).isEqualTo("NO_TARGET");
            assertThat(dl.field()).isEqualTo("target_ids");
            assertThat(dl.message()).isEqualTo("target_ids: is missing, a message needs at least one target");
        }

        @Test
        void nullTargetIdsIsNoTarget() {
            DeadLetter dl = rejected(with("target_ids", null));

            assertThat(dl.errorCode()).isEqualTo("NO_TARGET");
            assertThat(dl.message()).isEqualTo("target_ids: is null, a message needs at least one target");
        }

        @Test
        void emptyTargetIdsIsNoTarget() {
            DeadLetter dl = rejected(with("target_ids", List.of()));

            assertThat(dl.errorCode()).isEqualTo("NO_TARGET");
            assertThat(dl.message()).isEqualTo("target_ids: [] has no non-blank target, a message needs at least one target");
        }

        @Test
        void onlyBlankTargetIdsIsNoTarget() {
            DeadLetter dl = rejected(with("target_ids", List.of("", "  ")));

            assertThat(dl.errorCode()).isEqualTo("NO_TARGET");
            assertThat(dl.field()).isEqualTo("target_ids");
            assertThat(dl.message()).isEqualTo("target_ids: [\"\",\"  \"] has no non-blank target,"
                    + " a message needs at least one target");
        }

        @Test
        void unknownChannelIsABadValue() {
            DeadLetter dl = rejected(with("channel", "dm"));

            assertThat(dl.errorCode()).isEqualTo("BAD_VALUE");
            assertThat(dl.field()).isEqualTo("channel");
            assertThat(dl.message())
                    .isEqualTo("channel: \"dm\" is not one of reply, mention, direct_message, comment, post");
        }

        @Test
        void channelIsCaseSensitive() {
            assertThat(rejected(with("channel", "Reply")).errorCode()).isEqualTo("BAD_VALUE");
        }
    }

    @Nested
    class HostileInput {

        @Test
        void deadLetterCarriesRawInputSourceAndTime() {
            String raw = with("channel", "dm");

            DeadLetter dl = rejected(raw);

            assertThat(dl.rawInput()).isEqualTo(raw);
            assertThat(dl.rawTruncated()).isFalse();
            assertThat(dl.rawBytes()).isEqualTo(raw.getBytes(StandardCharsets.UTF_8).length);
            assertThat(dl.source()).isEqualTo(SOURCE);
            assertThat(dl.failedAt()).isEqualTo(NOW);
        }

        @Test
        void randomGarbageBytesBecomeDeadLettersNotExceptions() {
            Random random = new Random(42);
            for (int i = 0; i < 2000; i++) {
                byte[] garbage = new byte[random.nextInt(300)];
                random.nextBytes(garbage);
                if (i % 2 == 0 && garbage.length > 0) {
                    garbage[0] = '{';
                }

                DeadLetter dl = TestMessages.rejected(decoder.decode(garbage, SOURCE, NOW));

                assertThat(dl.rawBytes()).isEqualTo(garbage.length);
                assertThat(dl.message()).isNotBlank();
            }
        }

        @Test
        void mutatedValidRecordsNeverThrow() {
            byte[] valid = with("scores", Map.of("toxicity", 0.5)).getBytes(StandardCharsets.UTF_8);
            Random random = new Random(7);
            for (int i = 0; i < 5000; i++) {
                byte[] mutated = valid.clone();
                for (int k = 0; k < 1 + random.nextInt(3); k++) {
                    mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
                }
                DecodeResult result = decoder.decode(mutated, SOURCE, NOW);
                assertThat(result).isNotNull();
                if (result instanceof DecodeResult.Rejected r) {
                    assertThat(r.deadLetter().message()).isNotBlank();
                }
            }
        }

        @Test
        void invalidUtf8InTextIsReplacedNotRejected() {
            byte[] json = with("text", "bad XX byte").getBytes(StandardCharsets.UTF_8);
            int at = new String(json, StandardCharsets.ISO_8859_1).indexOf("XX");
            json[at] = (byte) 0xFF;
            json[at + 1] = (byte) 0xC3; // a lead byte followed by a space: also invalid

            Message m = TestMessages.decoded(decoder.decode(json, SOURCE, NOW));

            assertThat(m.text()).isEqualTo("bad \uFFFD\uFFFD byte");
        }

        @Test
        void deeplyNestedJunkIsMalformedWithoutStackOverflow() {
            String junk = "[".repeat(100_000) + "]".repeat(100_000);

            DeadLetter dl = rejected(junk);

            assertThat(dl.errorCode()).isEqualTo("MALFORMED_JSON");
            assertThat(dl.message()).contains("nesting depth");
            assertThat(dl.rawInput()).hasSize(DeadLetter.MAX_RAW_CHARS);
            assertThat(dl.rawTruncated()).isTrue();
        }

        @Test
        void deeplyNestedUnknownFieldIsMalformed() {
            String deep = "{\"a\":".repeat(200) + "1" + "}".repeat(200);

            DeadLetter dl = rejected(json(required()).replaceFirst("\\{", "{\"junk\":" + deep + ","));

            assertThat(dl.errorCode()).isEqualTo("MALFORMED_JSON");
        }

        @Test
        void tenMegabyteLineIsRejectedWithBoundedDeadLetter() {
            String huge = with("text", "x".repeat(10 * 1024 * 1024));
            byte[] hugeBytes = huge.getBytes(StandardCharsets.UTF_8);

            for (DecodeResult result : List.of(decoder.decode(huge, SOURCE, NOW), decoder.decode(hugeBytes, SOURCE, NOW))) {
                DeadLetter dl = TestMessages.rejected(result);
                assertThat(dl.errorCode()).isEqualTo("TEXT_TOO_LONG");
                assertThat(dl.message()).hasSizeLessThan(250).contains("10485760 bytes in UTF-8");
                assertThat(dl.rawInput()).hasSize(DeadLetter.MAX_RAW_CHARS).isEqualTo(huge.substring(0, DeadLetter.MAX_RAW_CHARS));
                assertThat(dl.rawTruncated()).isTrue();
                assertThat(dl.rawBytes()).isEqualTo(hugeBytes.length);
            }
        }

        @Test
        void tenMegabytesOfGarbageGiveABoundedDeadLetter() {
            String garbage = "{\"text\": \"" + "\\q".repeat(5 * 1024 * 1024);

            DeadLetter dl = rejected(garbage);

            assertThat(dl.errorCode()).isEqualTo("MALFORMED_JSON");
            assertThat(dl.message()).hasSizeLessThan(400);
            assertThat(dl.rawInput()).hasSize(DeadLetter.MAX_RAW_CHARS);
            assertThat(dl.rawBytes()).isEqualTo(garbage.length());
        }

        @Test
        void rawInputIsNotCutInsideASurrogatePair() {
            String raw = "x".repeat(DeadLetter.MAX_RAW_CHARS - 1) + "🙂🙂";

            DeadLetter dl = rejected(raw);

            assertThat(dl.rawInput()).hasSize(DeadLetter.MAX_RAW_CHARS - 1);
            assertThat(dl.rawTruncated()).isTrue();
            assertThat(dl.rawBytes()).isEqualTo(DeadLetter.MAX_RAW_CHARS - 1 + 8);
        }

        @Test
        void longBadValueIsTruncatedInTheMessage() {
            DeadLetter dl = rejected(with("channel", "c".repeat(5000)));

            assertThat(dl.message()).isEqualTo("channel: \"" + "c".repeat(100) + "…\" is not one of reply, mention,"
                    + " direct_message, comment, post");
        }

        @Test
        void controlCharactersInBadValuesAreEscapedSoMessagesStayOneLine() {
            DeadLetter dl = rejected(with("channel", "dm\nDROP"));

            assertThat(dl.message()).startsWith("channel: \"dm\\nDROP\" is not one of").doesNotContain("\n");
        }
    }
}
