package org.harassmentwatch.ingest;

/** String helpers shared by decoding and dead letters: UTF-8 sizes, safe truncation, JSON-style quoting. */
final class Texts {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Texts() {
    }

    /** UTF-8 size of {@code s} without encoding it; a lone surrogate counts 3 bytes (its WTF-8 size). */
    static long utf8Length(CharSequence s) {
        long bytes = 0;
        int length = s.length();
        for (int i = 0; i < length; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(s.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    /** Whether {@code s} takes more than {@code limit} bytes in UTF-8; counts only when the length cannot tell. */
    static boolean utf8LongerThan(String s, long limit) {
        int chars = s.length();
        if (chars > limit) {
            return true; // every char takes at least one byte
        }
        if (chars * 3L <= limit) {
            return false; // no char takes more than three bytes (a surrogate pair takes four for two chars)
        }
        return utf8Length(s) > limit;
    }

    /** The first {@code maxChars} chars of {@code s}, never ending in the middle of a surrogate pair. */
    static String truncate(String s, int maxChars) {
        if (s.length() <= maxChars) {
            return s;
        }
        int end = maxChars;
        if (end > 0 && Character.isHighSurrogate(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end);
    }

    /**
     * A bad value for an error message: JSON-quoted, at most {@code maxChars} chars of it, "…" inside the quotes
     * when cut, so the message stays one line and shows exactly what was sent.
     */
    static String quote(String value, int maxChars) {
        String shown = truncate(value, maxChars);
        StringBuilder out = new StringBuilder(shown.length() + 8);
        appendJsonString(out, shown, shown.length() < value.length() ? "…" : "");
        return out.toString();
    }

    /** Ellipsis-marks a text that was cut for display. */
    static String ellipsize(String value, int maxChars) {
        String shown = truncate(value, maxChars);
        return shown.length() < value.length() ? shown + "…" : shown;
    }

    /**
     * Appends {@code s} as a JSON string literal. Escapes quote, backslash, control chars and lone surrogates
     * (so the output is always valid UTF-8); everything else is written as is. The escaping is fixed here, not
     * left to a library, because canonical JSON (evidence hashes) must not change with a library upgrade.
     */
    static void appendJsonString(StringBuilder out, CharSequence s) {
        appendJsonString(out, s, "");
    }

    private static void appendJsonString(StringBuilder out, CharSequence s, String suffix) {
        out.append('"');
        int length = s.length();
        int plainFrom = 0; // runs of chars that need no escaping are appended in bulk
        for (int i = 0; i < length; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\' && !Character.isSurrogate(c)) {
                continue;
            }
            if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++; // a valid pair is plain text
                continue;
            }
            out.append(s, plainFrom, i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> appendUnicodeEscape(out, c); // other control chars and lone surrogates
            }
            plainFrom = i + 1;
        }
        out.append(s, plainFrom, length).append(suffix).append('"');
    }

    private static void appendUnicodeEscape(StringBuilder out, char c) {
        out.append("\\u").append(HEX[(c >> 12) & 0xF]).append(HEX[(c >> 8) & 0xF])
                .append(HEX[(c >> 4) & 0xF]).append(HEX[c & 0xF]);
    }
}
