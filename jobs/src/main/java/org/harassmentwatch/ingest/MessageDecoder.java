package org.harassmentwatch.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;

import java.io.IOException;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * Turns one raw JSON record into a {@link Message} or a {@link DeadLetter}; never throws, never drops.
 *
 * <p>Reads with Jackson's streaming parser in one pass (no tree, no data binding): known fields are type-checked
 * as they come, unknown fields are skipped (forward compatibility), and the value rules of {@link MessageRules}
 * run once the object is complete. The first problem found is the one reported; the rest of the record is still
 * read so that broken JSON is always reported as {@code MALFORMED_JSON}.
 *
 * <p>Strict JSON: duplicate keys, comments, NaN and trailing content are malformed (a record that different
 * parsers could read differently is no evidence). Invalid UTF-8 is decoded leniently (U+FFFD) rather than rejected.
 *
 * <p>Thread-safe; holds one Jackson {@link JsonFactory}, created on first use (not serialized with the job graph).
 */
public final class MessageDecoder implements Serializable {

    private static final long serialVersionUID = 1L;

    static final String MESSAGE_ID = "message_id";
    static final String PLATFORM = "platform";
    static final String SENDER_ID = "sender_id";
    static final String CREATED_AT = "created_at";
    static final String TEXT = "text";
    static final String TARGET_IDS = "target_ids";
    static final String CONVERSATION_ID = "conversation_id";
    static final String IN_REPLY_TO = "in_reply_to";
    static final String CHANNEL = "channel";
    static final String LANG = "lang";
    static final String SENDER_CREATED_AT = "sender_created_at";
    static final String REPORTED = "reported";
    static final String HASHTAGS = "hashtags";
    static final String URLS = "urls";
    static final String SCORES = "scores";

    /** Longest parser error text kept in a MALFORMED_JSON message. */
    private static final int MAX_PARSER_MESSAGE_CHARS = 300;

    private final MessageRules rules;
    private transient volatile JsonFactory jsonFactory;

    public MessageDecoder() {
        this(MessageRules.DEFAULT);
    }

    public MessageDecoder(MessageRules rules) {
        this.rules = Objects.requireNonNull(rules, "rules");
    }

    public MessageRules rules() {
        return rules;
    }

    /**
     * Decodes UTF-8 bytes (e.g. a Kafka record value).
     *
     * @param raw       the record; null or empty gives a MALFORMED_JSON dead letter
     * @param source    where it was read, copied into the message or dead letter
     * @param nowMillis processing time: the message's {@code ingestedAt}, the dead letter's {@code failedAt}, and
     *                  the reference for FUTURE_TIMESTAMP
     */
    public DecodeResult decode(byte[] raw, String source, long nowMillis) {
        Object outcome;
        if (raw == null) {
            outcome = nullInput();
        } else {
            outcome = readBytes(raw, source, nowMillis);
            if (outcome instanceof Violation v && v.reason() == DeadLetterReason.MALFORMED_JSON && !isValidUtf8(raw)) {
                // Jackson rejects invalid UTF-8; decode leniently (U+FFFD) and judge the JSON itself.
                outcome = readText(new String(raw, StandardCharsets.UTF_8), source, nowMillis);
            }
        }
        if (outcome instanceof Message message) {
            return new DecodeResult.Decoded(message);
        }
        return new DecodeResult.Rejected(((Violation) outcome).toDeadLetter(raw, source, nowMillis));
    }

    /** Decodes text (e.g. one NDJSON line); see {@link #decode(byte[], String, long)}. */
    public DecodeResult decode(String raw, String source, long nowMillis) {
        Object outcome = raw == null ? nullInput() : readText(raw, source, nowMillis);
        if (outcome instanceof Message message) {
            return new DecodeResult.Decoded(message);
        }
        return new DecodeResult.Rejected(((Violation) outcome).toDeadLetter(raw, source, nowMillis));
    }

    private static Violation nullInput() {
        return new Violation(DeadLetterReason.MALFORMED_JSON, null, "input is null, expected a JSON object");
    }

    private Object readBytes(byte[] raw, String source, long nowMillis) {
        try (JsonParser parser = factory().createParser(raw)) {
            return new Reader(parser, new RawBytes(raw), rules).read(source, nowMillis);
        } catch (JsonProcessingException e) {
            return malformed(e);
        } catch (IOException | RuntimeException e) {
            return unexpected(e);
        }
    }

    private Object readText(String raw, String source, long nowMillis) {
        // A byte-order mark is not JSON whitespace, but some producers write one; the byte parser skips it too.
        String json = !raw.isEmpty() && raw.charAt(0) == '\uFEFF' ? raw.substring(1) : raw;
        try (JsonParser parser = factory().createParser(json)) {
            return new Reader(parser, new RawChars(json), rules).read(source, nowMillis);
        } catch (JsonProcessingException e) {
            return malformed(e);
        } catch (IOException | RuntimeException e) {
            return unexpected(e);
        }
    }

    private static Violation malformed(JsonProcessingException e) {
        String why = Objects.toString(e.getOriginalMessage(), e.getClass().getSimpleName());
        // Jackson appends "(start marker at [Source: REDACTED ...; line: 1, column: 1])": keep it short and one line.
        why = why.replaceAll("\\s+", " ").replace("[Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); ", "[");
        JsonLocation at = e.getLocation();
        String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        return new Violation(DeadLetterReason.MALFORMED_JSON, null,
                "not a valid JSON object" + where + ": " + Texts.ellipsize(why, MAX_PARSER_MESSAGE_CHARS));
    }

    /** A bug or an I/O surprise must not stop the stream: the record goes to the dead letters, visibly. */
    private static Violation unexpected(Exception e) {
        return new Violation(DeadLetterReason.MALFORMED_JSON, null,
                "decoder failed unexpectedly: " + Texts.ellipsize(String.valueOf(e), MAX_PARSER_MESSAGE_CHARS));
    }

    private static boolean isValidUtf8(byte[] raw) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(raw));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private JsonFactory factory() {
        JsonFactory factory = jsonFactory;
        if (factory == null) {
            factory = JsonFactory.builder()
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MessageRules.MAX_NESTING_DEPTH)
                            .build())
                    .build();
            jsonFactory = factory;
        }
        return factory;
    }

    // ---------------------------------------------------------------------------------------------------------

    /** The raw record, to quote an array or object value as sent in an error message. */
    private interface RawInput {
        /** Text between two parser offsets, at most {@code maxChars} chars ("…" when cut); null if unknown. */
        String slice(long from, long to, int maxChars);

        long offset(JsonLocation location);
    }

    private record RawBytes(byte[] bytes) implements RawInput {
        @Override
        public String slice(long from, long to, int maxChars) {
            if (from < 0 || to <= from || to > bytes.length) {
                return null;
            }
            int length = (int) Math.min(to - from, 3L * maxChars + 3);
            String text = new String(bytes, (int) from, length, StandardCharsets.UTF_8);
            String shown = Texts.truncate(text, maxChars);
            return length < to - from || shown.length() < text.length() ? shown + "…" : shown;
        }

        @Override
        public long offset(JsonLocation location) {
            return location.getByteOffset();
        }
    }

    private record RawChars(String chars) implements RawInput {
        @Override
        public String slice(long from, long to, int maxChars) {
            if (from < 0 || to <= from || to > chars.length()) {
                return null;
            }
            return Texts.ellipsize(chars.substring((int) from, (int) Math.min(to, from + maxChars + 1)), maxChars);
        }

        @Override
        public long offset(JsonLocation location) {
            return location.getCharOffset();
        }
    }

    /** Reads one record; single use. Fields hold what was read so far. */
    private static final class Reader {
        private static final int NULL_MESSAGE_ID = 1;
        private static final int NULL_PLATFORM = 1 << 1;
        private static final int NULL_SENDER_ID = 1 << 2;
        private static final int NULL_CREATED_AT = 1 << 3;
        private static final int NULL_TEXT = 1 << 4;
        private static final int NULL_TARGET_IDS = 1 << 5;

        private final JsonParser p;
        private final RawInput raw;
        private final MessageRules rules;

        private Violation violation;
        private int nullFields;
        private String messageId;
        private String platform;
        private String senderId;
        private String createdAtText;
        private String text;
        private List<String> targets;
        private String targetsShown;
        private String conversationId;
        private String inReplyTo;
        private String channel;
        private String lang;
        private String senderCreatedAtText;
        private boolean reported;
        private List<String> hashtags;
        private List<String> urls;
        private Map<String, Double> scores;

        Reader(JsonParser p, RawInput raw, MessageRules rules) {
            this.p = p;
            this.raw = raw;
            this.rules = rules;
        }

        /** The Message, or the Violation that rejects the record. */
        Object read(String source, long nowMillis) throws IOException {
            JsonToken token = p.nextToken();
            if (token == null) {
                return new Violation(DeadLetterReason.MALFORMED_JSON, null, "input is empty, expected a JSON object");
            }
            if (token != JsonToken.START_OBJECT) {
                String shown = describe(token);
                return new Violation(DeadLetterReason.MALFORMED_JSON, null,
                        "input " + shown + " is " + typeName(token) + ", expected a JSON object");
            }
            while ((token = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                token = p.nextToken();
                if (violation == null) {
                    readField(name, token);
                } else {
                    p.skipChildren(); // keep reading only to find malformed JSON, which takes precedence
                }
            }
            JsonToken trailing = p.nextToken();
            if (trailing != null) {
                JsonLocation at = p.currentTokenLocation();
                return new Violation(DeadLetterReason.MALFORMED_JSON, null, "unexpected content after the JSON object"
                        + " at line " + at.getLineNr() + ", column " + at.getColumnNr() + " (one object per record)");
            }
            if (violation != null) {
                return violation;
            }
            return validateAndBuild(source, nowMillis);
        }

        private void readField(String name, JsonToken token) throws IOException {
            switch (name) {
                case MESSAGE_ID -> messageId = readRequiredString(name, token, NULL_MESSAGE_ID);
                case PLATFORM -> platform = readRequiredString(name, token, NULL_PLATFORM);
                case SENDER_ID -> senderId = readRequiredString(name, token, NULL_SENDER_ID);
                case CREATED_AT -> createdAtText = readRequiredString(name, token, NULL_CREATED_AT);
                case TEXT -> text = readRequiredString(name, token, NULL_TEXT);
                case TARGET_IDS -> readTargets(token);
                case CONVERSATION_ID -> conversationId = readOptionalString(name, token);
                case IN_REPLY_TO -> inReplyTo = readOptionalString(name, token);
                case CHANNEL -> channel = readOptionalString(name, token);
                case LANG -> lang = readOptionalString(name, token);
                case SENDER_CREATED_AT -> senderCreatedAtText = readOptionalString(name, token);
                case REPORTED -> reported = readBoolean(name, token);
                case HASHTAGS -> hashtags = readStringArray(name, token, Reader::normalizeHashtag);
                case URLS -> urls = readStringArray(name, token, Reader::nonBlank);
                case SCORES -> scores = readScores(name, token);
                default -> p.skipChildren(); // unknown fields are ignored for forward compatibility
            }
        }

        private Object validateAndBuild(String source, long nowMillis) {
            Violation v;
            if ((v = rules.checkRequired(MESSAGE_ID, messageId, wasNull(NULL_MESSAGE_ID))) != null
                    || (v = rules.checkRequired(PLATFORM, platform, wasNull(NULL_PLATFORM))) != null
                    || (v = rules.checkRequired(SENDER_ID, senderId, wasNull(NULL_SENDER_ID))) != null
                    || (v = rules.checkRequired(CREATED_AT, createdAtText, wasNull(NULL_CREATED_AT))) != null
                    || (v = rules.checkRequired(TEXT, text, wasNull(NULL_TEXT))) != null
                    || (v = rules.checkHasTarget(TARGET_IDS, targets, wasNull(NULL_TARGET_IDS), targetsShown)) != null
                    || (v = rules.checkText(TEXT, text)) != null) {
                return v;
            }
            long createdAt;
            try {
                createdAt = IsoTimestamps.parseEpochMillis(createdAtText);
            } catch (DateTimeException e) {
                return rules.badTimestamp(CREATED_AT, createdAtText);
            }
            if ((v = rules.checkNotInFuture(CREATED_AT, createdAtText, createdAt, nowMillis)) != null) {
                return v;
            }
            Long senderCreatedAt = null;
            if (senderCreatedAtText != null) {
                try {
                    senderCreatedAt = IsoTimestamps.parseEpochMillis(senderCreatedAtText);
                } catch (DateTimeException e) {
                    return rules.badTimestamp(SENDER_CREATED_AT, senderCreatedAtText);
                }
            }
            if (channel != null && (v = rules.checkChannel(CHANNEL, channel)) != null) {
                return v;
            }
            return new Message(messageId, platform, senderId, createdAt, text,
                    distinctTargetsWithout(targets, senderId), conversationId, inReplyTo, channel, lang,
                    senderCreatedAt, reported, orEmpty(hashtags), orEmpty(urls),
                    scores == null ? Map.of() : scores, nowMillis, source);
        }

        private boolean wasNull(int bit) {
            return (nullFields & bit) != 0;
        }

        // ---- typed reads; on a wrong type they record the violation and leave the value unset ----

        private String readRequiredString(String field, JsonToken token, int nullBit) throws IOException {
            if (token == JsonToken.VALUE_STRING) {
                return p.getText();
            }
            if (token == JsonToken.VALUE_NULL) {
                nullFields |= nullBit;
            } else {
                violation = wrongType(field, field, token, "a string");
            }
            return null;
        }

        /** Optional strings: null, empty and blank all mean "not given". */
        private String readOptionalString(String field, JsonToken token) throws IOException {
            if (token == JsonToken.VALUE_STRING) {
                String value = p.getText();
                return value.isBlank() ? null : value;
            }
            if (token != JsonToken.VALUE_NULL) {
                violation = wrongType(field, field, token, "a string");
            }
            return null;
        }

        private boolean readBoolean(String field, JsonToken token) throws IOException {
            if (token == JsonToken.VALUE_TRUE) {
                return true;
            }
            if (token != JsonToken.VALUE_FALSE && token != JsonToken.VALUE_NULL) {
                violation = wrongType(field, field, token, "a boolean");
            }
            return false;
        }

        private void readTargets(JsonToken token) throws IOException {
            if (token == JsonToken.VALUE_NULL) {
                nullFields |= NULL_TARGET_IDS;
                return;
            }
            long start = token == JsonToken.START_ARRAY ? raw.offset(p.currentTokenLocation()) : -1;
            targets = readStringArray(TARGET_IDS, token, Reader::nonBlank);
            if (targets != null && targets.isEmpty()) {
                String shown = raw.slice(start, raw.offset(p.currentLocation()), MessageRules.MAX_SHOWN_VALUE_CHARS);
                targetsShown = shown == null ? "the array" : oneLine(shown);
            }
        }

        /**
         * An array of strings; each element goes through {@code normalize}, which may drop it by returning null.
         * Null when the field is JSON null or of the wrong type.
         */
        private List<String> readStringArray(String field, JsonToken token, UnaryOperator<String> normalize)
                throws IOException {
            if (token == JsonToken.VALUE_NULL) {
                return null;
            }
            if (token != JsonToken.START_ARRAY) {
                violation = wrongType(field, field, token, "an array of strings");
                return null;
            }
            List<String> values = new ArrayList<>(4);
            int index = 0;
            while ((token = p.nextToken()) != JsonToken.END_ARRAY) {
                if (violation != null) {
                    p.skipChildren();
                } else if (token == JsonToken.VALUE_STRING) {
                    String value = normalize.apply(p.getText());
                    if (value != null) {
                        values.add(value);
                    }
                } else {
                    violation = wrongType(field + "[" + index + "]", field, token, "a string");
                }
                index++;
            }
            return values;
        }

        private Map<String, Double> readScores(String field, JsonToken token) throws IOException {
            if (token == JsonToken.VALUE_NULL) {
                return null;
            }
            if (token != JsonToken.START_OBJECT) {
                violation = wrongType(field, field, token, "an object of scores");
                return null;
            }
            TreeMap<String, Double> values = new TreeMap<>(); // sorted: one iteration order everywhere
            while ((token = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                token = p.nextToken();
                if (violation != null || (violation = rules.checkScoreName(field, name)) != null) {
                    p.skipChildren();
                } else if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
                    double value = p.getDoubleValue();
                    violation = rules.checkScoreValue(field, name, value, Texts.ellipsize(p.getText(),
                            MessageRules.MAX_SHOWN_VALUE_CHARS));
                    values.put(name, value == 0.0 ? 0.0 : value); // -0.0 becomes 0.0
                } else {
                    String typeName = typeName(token);
                    violation = rules.scoreNotANumber(field, name, describe(token), typeName);
                }
            }
            return values.isEmpty() ? Map.of() : Collections.unmodifiableSortedMap(values);
        }

        private Violation wrongType(String path, String field, JsonToken token, String expected) throws IOException {
            if (token == JsonToken.VALUE_NULL) {
                return new Violation(DeadLetterReason.WRONG_TYPE, field, path + ": is null, expected " + expected);
            }
            String typeName = typeName(token);
            return new Violation(DeadLetterReason.WRONG_TYPE, field,
                    path + ": " + describe(token) + " is " + typeName + ", expected " + expected);
        }

        /** The current value as sent, bounded, one line; consumes an array or object entirely. */
        private String describe(JsonToken token) throws IOException {
            int max = MessageRules.MAX_SHOWN_VALUE_CHARS;
            return switch (token) {
                case VALUE_STRING -> MessageRules.show(p.getText());
                case START_ARRAY, START_OBJECT -> {
                    long start = raw.offset(p.currentTokenLocation());
                    p.skipChildren();
                    String shown = raw.slice(start, raw.offset(p.currentLocation()), max);
                    yield shown == null ? typeName(token) : oneLine(shown);
                }
                default -> Texts.ellipsize(p.getText(), max);
            };
        }

        private static String typeName(JsonToken token) {
            return switch (token) {
                case VALUE_STRING -> "a string";
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
                case VALUE_TRUE, VALUE_FALSE -> "a boolean";
                case VALUE_NULL -> "null";
                case START_ARRAY -> "an array";
                case START_OBJECT -> "an object";
                default -> token.asString() == null ? token.name() : "'" + token.asString() + "'";
            };
        }

        private static String oneLine(String json) {
            return json.replace('\n', ' ').replace('\r', ' ').replace('\t', ' ');
        }

        private static String nonBlank(String value) {
            return value.isBlank() ? null : value;
        }

        /** "#Harass" and "＃harass" (full-width, used on some platforms) both become "harass". */
        private static String normalizeHashtag(String value) {
            int start = 0;
            while (start < value.length() && (value.charAt(start) == '#' || value.charAt(start) == '\uFF03')) {
                start++;
            }
            String tag = value.substring(start).strip();
            return tag.isEmpty() ? null : tag.toLowerCase(Locale.ROOT);
        }

        private static List<String> orEmpty(List<String> values) {
            return values == null || values.isEmpty() ? List.of() : Collections.unmodifiableList(values);
        }

        /** Targets in first-seen order, each once, without the sender (self-targeting is ignored). */
        private static List<String> distinctTargetsWithout(List<String> targets, String senderId) {
            List<String> out = new ArrayList<>(targets.size());
            // Messages name a handful of targets: a list scan beats hashing; a set guards against huge lists.
            Set<String> seen = targets.size() > 16 ? new HashSet<>() : null;
            for (String target : targets) {
                if (!target.equals(senderId) && (seen != null ? seen.add(target) : !out.contains(target))) {
                    out.add(target);
                }
            }
            return out.isEmpty() ? List.of() : Collections.unmodifiableList(out);
        }
    }
}
