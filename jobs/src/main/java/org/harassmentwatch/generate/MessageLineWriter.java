package org.harassmentwatch.generate;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Writes a {@link MessageDraft} as one NDJSON line (snake_case ingest format, fixed field order) into a reusable
 * byte buffer, with Jackson's streaming generator.
 */
final class MessageLineWriter {

    private static final SerializedString MESSAGE_ID = new SerializedString("message_id");
    private static final SerializedString PLATFORM = new SerializedString("platform");
    private static final SerializedString SENDER_ID = new SerializedString("sender_id");
    private static final SerializedString CREATED_AT = new SerializedString("created_at");
    private static final SerializedString TEXT = new SerializedString("text");
    private static final SerializedString TARGET_IDS = new SerializedString("target_ids");
    private static final SerializedString CONVERSATION_ID = new SerializedString("conversation_id");
    private static final SerializedString IN_REPLY_TO = new SerializedString("in_reply_to");
    private static final SerializedString CHANNEL = new SerializedString("channel");
    private static final SerializedString LANG = new SerializedString("lang");
    private static final SerializedString SENDER_CREATED_AT = new SerializedString("sender_created_at");
    private static final SerializedString REPORTED = new SerializedString("reported");
    private static final SerializedString HASHTAGS = new SerializedString("hashtags");
    private static final SerializedString URLS = new SerializedString("urls");
    private static final SerializedString SCORES = new SerializedString("scores");
    private static final SerializedString[] SCORE_NAMES = new SerializedString[UpstreamScores.COUNT];

    static {
        for (int i = 0; i < SCORE_NAMES.length; i++) {
            SCORE_NAMES[i] = new SerializedString(ScoreProfile.ATTRIBUTES[i]);
        }
    }

    /** Exposes the buffer so a line can be handed on without copying. */
    private static final class LineBuffer extends ByteArrayOutputStream {
        LineBuffer() {
            super(1024);
        }

        byte[] array() {
            return buf;
        }
    }

    private final LineBuffer buffer = new LineBuffer();
    private final JsonGenerator gen;
    private final String platform;
    private final IsoTime iso = new IsoTime();
    private final char[] time = new char[IsoTime.LENGTH];
    private final char[] score = new char[5];
    private char[] text = new char[512];

    MessageLineWriter(String platform) {
        this.platform = platform;
        try {
            gen = new JsonFactory().createGenerator(buffer, JsonEncoding.UTF8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        gen.setRootValueSeparator(null);
    }

    void write(MessageDraft d) {
        buffer.reset();
        try {
            gen.writeStartObject();
            gen.writeFieldName(MESSAGE_ID);
            gen.writeString(d.messageId);
            gen.writeFieldName(PLATFORM);
            gen.writeString(platform);
            gen.writeFieldName(SENDER_ID);
            gen.writeString(d.senderId);
            gen.writeFieldName(CREATED_AT);
            writeTime(d.createdAt);
            gen.writeFieldName(TEXT);
            int length = d.text.length();
            if (length > text.length) {
                text = new char[Math.max(length, text.length * 2)];
            }
            d.text.getChars(0, length, text, 0);
            gen.writeString(text, 0, length);
            gen.writeFieldName(TARGET_IDS);
            gen.writeStartArray();
            gen.writeString(d.targetId);
            gen.writeEndArray();
            if (d.conversationId != null) {
                gen.writeFieldName(CONVERSATION_ID);
                gen.writeString(d.conversationId);
            }
            if (d.inReplyTo != null) {
                gen.writeFieldName(IN_REPLY_TO);
                gen.writeString(d.inReplyTo);
            }
            gen.writeFieldName(CHANNEL);
            gen.writeString(d.channel.field());
            gen.writeFieldName(LANG);
            gen.writeString("en");
            gen.writeFieldName(SENDER_CREATED_AT);
            writeTime(d.senderCreatedAt);
            gen.writeFieldName(REPORTED);
            gen.writeBoolean(d.reported);
            gen.writeFieldName(HASHTAGS);
            gen.writeArray(d.hashtags, 0, d.hashtagCount);
            gen.writeFieldName(URLS);
            gen.writeArray(d.urls, 0, d.urlCount);
            if (d.hasScores) {
                gen.writeFieldName(SCORES);
                gen.writeStartObject();
                for (int i = 0; i < SCORE_NAMES.length; i++) {
                    gen.writeFieldName(SCORE_NAMES[i]);
                    UpstreamScores.format(d.scoreMillis[i], score);
                    gen.writeNumber(score, 0, score.length);
                }
                gen.writeEndObject();
            }
            gen.writeEndObject();
            gen.writeRaw('\n');
            gen.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode message " + d.messageId, e);
        }
    }

    private void writeTime(long epochMillis) throws IOException {
        iso.format(epochMillis, time);
        gen.writeString(time, 0, time.length);
    }

    byte[] bytes() {
        return buffer.array();
    }

    int length() {
        return buffer.size();
    }
}
