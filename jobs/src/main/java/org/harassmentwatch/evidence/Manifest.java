package org.harassmentwatch.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.harassmentwatch.detect.Hashing;

import java.util.Arrays;

/**
 * {@code manifest.json}: the seal of a package. It lists the SHA-256 of every other file and of every record, the
 * detector version and configuration hash, the query, the checks made at export and the export time, and seals
 * itself: {@value #SELF_HASH} is the SHA-256 of the manifest without that field, which in the canonical form
 * written here is the file minus its one {@code "manifest_sha256": ...} line:
 *
 * <pre>{@code grep -v '^  "manifest_sha256": ' manifest.json | sha256sum}</pre>
 *
 * <p>That catches any change to the manifest by accident or by someone who does not recompute the hash; against
 * deliberate forgery the anchor is outside the package: note the SHA-256 of the whole {@code manifest.json}
 * (printed by the export and by {@code verify-evidence}) in the exhibit log.
 */
final class Manifest {

    static final String FORMAT = "harassment-watch/evidence-package/v1";
    static final String SELF_HASH = "manifest_sha256";

    private Manifest() {
    }

    /** The manifest's bytes with its self hash filled in. */
    static byte[] seal(ObjectNode manifest) {
        ObjectNode body = manifest.deepCopy();
        body.remove(SELF_HASH);
        ObjectNode sealed = body.deepCopy();
        sealed.put(SELF_HASH, Hashing.sha256Hex(CanonicalJson.prettyBytes(body)));
        return CanonicalJson.prettyBytes(sealed);
    }

    /**
     * Why the bytes are not a manifest as {@link #seal} writes it, or null when they are.
     */
    static String problem(byte[] bytes, JsonNode parsed) {
        if (!parsed.isObject()) {
            return "is not a JSON object";
        }
        if (!Arrays.equals(CanonicalJson.prettyBytes(parsed), bytes)) {
            return "is not in the exact form it was written in (altered)";
        }
        JsonNode self = parsed.get(SELF_HASH);
        if (self == null || !self.isTextual()) {
            return "has no " + SELF_HASH + " (altered)";
        }
        ObjectNode body = ((ObjectNode) parsed).deepCopy();
        body.remove(SELF_HASH);
        String actual = Hashing.sha256Hex(CanonicalJson.prettyBytes(body));
        if (!actual.equals(self.textValue())) {
            return "altered: its content hashes to " + actual + ", its " + SELF_HASH + " says " + self.textValue();
        }
        if (!FORMAT.equals(parsed.path("format").asText())) {
            return "has format '" + parsed.path("format").asText() + "', expected " + FORMAT;
        }
        return null;
    }
}
