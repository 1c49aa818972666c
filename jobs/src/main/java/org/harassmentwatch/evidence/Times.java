package org.harassmentwatch.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import org.harassmentwatch.ingest.IsoTimestamps;

import java.time.DateTimeException;

/** UTC timestamps as the package writes them: always ISO-8601 with milliseconds and {@code Z}. */
final class Times {

    private Times() {
    }

    /** {@code 2025-03-14T09:12:03.417Z}. */
    static String iso(long epochMillis) {
        return IsoTimestamps.formatUtcMillis(epochMillis);
    }

    /** {@code 2025-03-14 09:12:03.417 UTC}: for people. */
    static String readable(long epochMillis) {
        String iso = iso(epochMillis);
        return iso.substring(0, 10) + ' ' + iso.substring(11, iso.length() - 1) + " UTC";
    }

    /** A date field of a document (ISO-8601 text or epoch millis) in {@link #iso} form; empty when absent. */
    static String iso(JsonNode value) {
        Long millis = millis(value);
        return millis == null ? "" : iso(millis);
    }

    /** A date field of a document in {@link #readable} form; the raw text when it does not parse; empty when absent. */
    static String readable(JsonNode value) {
        Long millis = millis(value);
        if (millis == null) {
            return value == null || value.isNull() || value.isMissingNode() ? "" : value.asText();
        }
        return readable(millis);
    }

    static Long millis(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        if (value.isIntegralNumber()) {
            return value.longValue();
        }
        try {
            return IsoTimestamps.parseEpochMillis(value.asText());
        } catch (DateTimeException e) {
            return null;
        }
    }
}
