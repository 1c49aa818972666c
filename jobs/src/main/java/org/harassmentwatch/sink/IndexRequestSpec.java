package org.harassmentwatch.sink;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One document to index: {@code index}, {@code id}, JSON {@code source}, and an optional external {@code version}.
 *
 * <p>The id is required: with at-least-once delivery a retried or replayed operation must land on the same document,
 * never create a second one. With a version the operation is sent with {@code version_type=external}, so a stale
 * retry (version ≤ the stored one) can never overwrite a newer state; Elasticsearch answers 409 and the sink counts
 * it as skipped.
 *
 * <p>The source is kept as UTF-8 bytes and sent as is (no re-parsing). Bulk bodies are newline-delimited, so line
 * breaks in the source are turned into spaces: in valid JSON they can only be whitespace between tokens (inside
 * strings they must be escaped), so the document means the same. The array is taken over, not copied: do not
 * change it afterwards.
 *
 * @param index   target index (or alias), e.g. {@code hw-campaigns}
 * @param id      document id
 * @param source  the document, one JSON object in UTF-8
 * @param version external version (≥ 0), or null for a plain index operation
 */
public record IndexRequestSpec(String index, String id, byte[] source, Long version) {

    public IndexRequestSpec {
        requireText(index, "index", id);
        requireText(id, "id", index);
        Objects.requireNonNull(source, () -> "source of " + index + "/" + id);
        if (source.length == 0) {
            throw new IllegalArgumentException("source of " + index + "/" + id + " is empty");
        }
        if (version != null && version < 0) {
            throw new IllegalArgumentException(
                    "version of " + index + "/" + id + " must be >= 0 for external versioning, got " + version);
        }
        source = withoutLineBreaks(source);
    }

    /** A plain index operation (overwrites whatever the id holds). */
    public static IndexRequestSpec of(String index, String id, String json) {
        return new IndexRequestSpec(index, id, utf8(json, index, id), null);
    }

    /** An index operation with {@code version_type=external}: applied only when {@code version} is newer. */
    public static IndexRequestSpec versioned(String index, String id, String json, long version) {
        return new IndexRequestSpec(index, id, utf8(json, index, id), version);
    }

    public boolean externallyVersioned() {
        return version != null;
    }

    /** The source as text. */
    public String sourceAsString() {
        return new String(source, StandardCharsets.UTF_8);
    }

    /** {@code index/id}, as used in messages and dead-letter sources. */
    public String address() {
        return index + "/" + id;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IndexRequestSpec other
                && index.equals(other.index)
                && id.equals(other.id)
                && Arrays.equals(source, other.source)
                && Objects.equals(version, other.version);
    }

    @Override
    public int hashCode() {
        return Objects.hash(index, id, Arrays.hashCode(source), version);
    }

    @Override
    public String toString() {
        return "IndexRequestSpec[" + address() + (version == null ? "" : " v" + version)
                + ", " + source.length + " bytes]";
    }

    private static void requireText(String value, String name, String other) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is " + (value == null ? "null" : "blank")
                    + " (other part of the address: '" + other + "')");
        }
    }

    private static byte[] utf8(String json, String index, String id) {
        Objects.requireNonNull(json, () -> "source of " + index + "/" + id);
        return json.getBytes(StandardCharsets.UTF_8);
    }

    /** Copies only when needed: '\n' and '\r' never occur inside multi-byte UTF-8 sequences. */
    private static byte[] withoutLineBreaks(byte[] source) {
        byte[] copy = null;
        for (int i = 0; i < source.length; i++) {
            byte b = source[i];
            if (b == '\n' || b == '\r') {
                if (copy == null) {
                    copy = source.clone();
                }
                copy[i] = ' ';
            }
        }
        return copy == null ? source : copy;
    }
}
