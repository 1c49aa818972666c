package org.harassmentwatch.campaign;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 of a campaign's evidence manifest: one line {@code "<message id> <record sha256>\n"} per evidence message,
 * in message-id order (what {@code verify-evidence} recomputes from an exported package). Lines are fed to the
 * digest in chunks as they come, so a large campaign's manifest is never held as one string.
 */
final class ManifestDigest {

    /** Chunk size in chars: big enough that the digest sees few calls, small enough to stay in cache. */
    private static final int CHUNK = 8_192;

    private final MessageDigest sha256;
    private final StringBuilder chunk = new StringBuilder(CHUNK + 128);

    ManifestDigest() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
        }
    }

    void line(String messageId, String recordSha256) {
        chunk.append(messageId).append(' ').append(recordSha256).append('\n');
        if (chunk.length() >= CHUNK) {
            flush();
        }
    }

    /** Hex SHA-256 of all lines so far; UTF-8 of whole lines, so chunking cannot split a character. */
    String sha256Hex() {
        flush();
        return HexFormat.of().formatHex(sha256.digest());
    }

    private void flush() {
        if (!chunk.isEmpty()) {
            sha256.update(chunk.toString().getBytes(StandardCharsets.UTF_8));
            chunk.setLength(0);
        }
    }
}
