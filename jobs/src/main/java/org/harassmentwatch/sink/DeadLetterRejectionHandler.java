package org.harassmentwatch.sink;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.apache.flink.util.function.SerializableFunction;
import org.harassmentwatch.ingest.DeadLetter;
import org.harassmentwatch.ingest.DeadLetterReason;

/**
 * Turns a document Elasticsearch refused into a {@link DeadLetter} ({@code INDEX_REJECTED}, the Elasticsearch error
 * type and reason as the message, the document as raw input, {@code es:INDEX/ID} as the source) and writes it to the
 * dead-letter index through the same writer, so the document is kept and the job goes on.
 *
 * <p>The dead letter's id is a SHA-256 of what it says (source, message, full document), without the time: a replay
 * of the same rejection rewrites the same dead letter instead of adding one.
 */
public final class DeadLetterRejectionHandler implements DocumentRejectionHandler {

    private static final long serialVersionUID = 1L;

    private final String deadLetterIndex;
    private final SerializableFunction<DeadLetter, String> toDocument;
    private final Clock clock;

    /**
     * @param deadLetterIndex the dead-letter index, e.g. {@code hw-dead-letters}
     * @param toDocument      builds the dead-letter document JSON (the one place that knows the index's fields)
     * @param clock           gives {@code failedAt}; must be serializable ({@link Clock#systemUTC()} is)
     */
    public DeadLetterRejectionHandler(String deadLetterIndex, SerializableFunction<DeadLetter, String> toDocument,
            Clock clock) {
        if (deadLetterIndex == null || deadLetterIndex.isBlank()) {
            throw new IllegalArgumentException("dead-letter index is " + (deadLetterIndex == null ? "null" : "blank"));
        }
        this.deadLetterIndex = deadLetterIndex;
        this.toDocument = Objects.requireNonNull(toDocument, "toDocument");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public DeadLetterRejectionHandler(String deadLetterIndex, SerializableFunction<DeadLetter, String> toDocument) {
        this(deadLetterIndex, toDocument, Clock.systemUTC());
    }

    @Override
    public List<IndexRequestSpec> onRejected(DocumentRejection rejection) {
        DeadLetter letter = deadLetter(rejection, clock.millis());
        return List.of(IndexRequestSpec.of(deadLetterIndex, deadLetterId(rejection, letter), toDocument.apply(letter)));
    }

    /** The dead letter for a rejection at {@code failedAt} (epoch millis). */
    public static DeadLetter deadLetter(DocumentRejection rejection, long failedAt) {
        String document = rejection.request().sourceAsString();
        String raw = truncate(document, DeadLetter.MAX_RAW_CHARS);
        return new DeadLetter(
                DeadLetterReason.INDEX_REJECTED.name(),
                null,
                rejection.describe(),
                raw,
                raw.length() < document.length(),
                rejection.request().source().length,
                "es:" + rejection.request().address(),
                failedAt);
    }

    static String deadLetterId(DocumentRejection rejection, DeadLetter letter) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(letter.source().getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) '\n');
            sha256.update(letter.message().getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) '\n');
            sha256.update(rejection.request().source());
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
        }
    }

    /** At most {@code maxChars} characters, never ending in half a surrogate pair. */
    static String truncate(String text, int maxChars) {
        if (text.length() <= maxChars) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(maxChars - 1)) ? maxChars - 1 : maxChars;
        return text.substring(0, end);
    }
}
