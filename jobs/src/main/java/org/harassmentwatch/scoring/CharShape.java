package org.harassmentwatch.scoring;

import java.io.Serializable;

/**
 * A {@code shape:S} prefilter of the pattern file, compiled: per position the set of chars it accepts ({@code a} a
 * letter a-z, {@code 9} a digit, {@code w} either, anything else itself), so checking a text is a bit test per char.
 */
final class CharShape implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Accepted ASCII chars per position (bit c of lo for c below 64, of hi for c - 64). */
    private final long[] lo;
    private final long[] hi;
    /** A non-ASCII literal per position, or 0 when the position accepts ASCII only. */
    private final char[] nonAscii;
    /** A position that only digits fit (a shape's {@code 9}), or -1: a match must put a text digit there. */
    private final int digitPosition;
    /** Without a digit position: one that only an ASCII punctuation char fits ({@code @} of {@code w@w}), or -1. */
    private final int literalPosition;

    CharShape(String shape) {
        if (shape.isEmpty()) {
            throw new IllegalArgumentException("a shape needs at least one char");
        }
        lo = new long[shape.length()];
        hi = new long[shape.length()];
        nonAscii = new char[shape.length()];
        for (int k = 0; k < shape.length(); k++) {
            char s = shape.charAt(k);
            switch (s) {
                case 'a' -> addRange(k, 'a', 'z');
                case '9' -> addRange(k, '0', '9');
                case 'w' -> {
                    addRange(k, 'a', 'z');
                    addRange(k, '0', '9');
                }
                default -> {
                    if (s < 128) {
                        addRange(k, s, s);
                    } else {
                        nonAscii[k] = s;
                    }
                }
            }
        }
        long digits = 0x03FFL << '0';
        int position = -1;
        for (int k = 0; k < shape.length() && position < 0; k++) {
            if (lo[k] != 0 && (lo[k] & ~digits) == 0 && hi[k] == 0 && nonAscii[k] == 0) {
                position = k;
            }
        }
        this.digitPosition = position;
        int literal = -1;
        for (int k = 0; k < shape.length() && literal < 0 && position < 0; k++) {
            char c = shape.charAt(k);
            if (c < 128 && c != 'a' && c != '9' && c != 'w' && !Character.isLetterOrDigit(c)) {
                literal = k;
            }
        }
        this.literalPosition = literal;
    }

    private void addRange(int k, char from, char to) {
        for (char c = from; c <= to; c++) {
            if (c < 64) {
                lo[k] |= 1L << c;
            } else {
                hi[k] |= 1L << (c - 64);
            }
        }
    }

    /** The one ASCII char position {@code k} accepts. */
    private char shapeChar(int k) {
        return lo[k] != 0 ? (char) Long.numberOfTrailingZeros(lo[k]) : (char) (64 + Long.numberOfTrailingZeros(hi[k]));
    }

    /** The scan for shapes with a literal: only where that char occurs. */
    private boolean foundAround(char[] text, int n, char literal) {
        for (int j = literalPosition; j <= n + literalPosition; j++) {
            if (text[j] != literal) {
                continue;
            }
            int i = j - literalPosition;
            int k = 0;
            while (k < lo.length && fits(text[i + k], k)) {
                k++;
            }
            if (k == lo.length) {
                return true;
            }
        }
        return false;
    }

    private boolean fits(char c, int k) {
        return c < 64 ? (lo[k] & (1L << c)) != 0 : c < 128 ? (hi[k] & (1L << (c - 64))) != 0 : c == nonAscii[k];
    }

    /**
     * Whether some substring of {@code text[0..length)} has this shape.
     *
     * @param firstDigit index of the text's first ASCII digit (-1 when none), lastDigit of its last: a shape with a
     *                   {@code 9} can only fit where that position lands on a digit, so the scan stays in between
     */
    boolean foundIn(char[] text, int length, int firstDigit, int lastDigit) {
        int n = Math.min(length, text.length) - lo.length;
        int from = 0;
        if (digitPosition >= 0) {
            if (firstDigit < 0) {
                return false;
            }
            from = Math.max(0, firstDigit - digitPosition);
            n = Math.min(n, lastDigit - digitPosition);
        } else if (literalPosition >= 0) {
            return foundAround(text, n, shapeChar(literalPosition));
        }
        long lo0 = lo[0];
        long hi0 = hi[0];
        char other0 = nonAscii[0];
        for (int i = from; i <= n; i++) {
            char c = text[i];
            // first position inline: most chars fail here
            if (c < 64 ? (lo0 & (1L << c)) == 0 : c < 128 ? (hi0 & (1L << (c - 64))) == 0 : c != other0) {
                continue;
            }
            int k = 1;
            while (k < lo.length && fits(text[i + k], k)) {
                k++;
            }
            if (k == lo.length) {
                return true;
            }
        }
        return false;
    }
}
