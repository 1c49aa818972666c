package org.harassmentwatch.scoring;

import java.util.AbstractList;
import java.util.List;

/**
 * A message after {@link TextNormalizer#normalize}: canonical tokens, the text they make, and the map back to
 * the original text so that evidence can point at what the sender actually typed.
 *
 * <p>Two views are kept:
 * <ul>
 *   <li>{@link #text()} / {@link #tokens()}: canonical tokens joined by single spaces (evasions undone, URLs
 *       dropped, every {@code @mention} replaced by the token {@value #MENTION_TOKEN}). This is what lexicons
 *       match and what near-duplicate detection hashes.</li>
 *   <li>{@link #folded()}: the original text with only per-character folding (NFKC, lower case, diacritics,
 *       zero-width characters, look-alike letters), same layout as the original. Regex patterns (phone numbers,
 *       addresses) run on it because leetspeak decoding would destroy digits.</li>
 * </ul>
 * Offsets are mapped at token granularity for the canonical view (a canonical token may be longer or shorter
 * than what was typed, e.g. {@code k.i.l.l} or {@code stuuupid}) and per character for the folded view.
 * Instances are immutable (lazily built strings are benign races on immutable values).
 */
public final class NormalizedText {
    /** The canonical token that stands for any {@code @mention}. */
    public static final String MENTION_TOKEN = "@";

    private final TextNormalizer normalizer;
    private final String original;
    private final char[] folded;
    private final int foldedLength;
    /** Original offsets per folded char; null when folding was one char to one char (the common case). */
    private final int[] foldedStart;
    private final int[] foldedEnd;
    private final char[] canonical;
    private final int canonicalLength;
    private final int[] tokenOffset;
    private final int[] tokenLength;
    private final int[] tokenIds;
    private final int[] tokenStart;
    private final int[] tokenEnd;
    private final int tokenCount;
    private final int mentionCount;
    private final int digitCount;
    private final int firstDigit;
    private final int lastDigit;
    /** Where the ASCII digits of the folded text are, one bit per index; null when there are none. */
    private final long[] digitBits;
    private final long asciiLow;
    private final long asciiHigh;

    private String text;
    private String foldedText;

    NormalizedText(TextNormalizer normalizer, String original, char[] folded, int foldedLength, int[] foldedStart, int[] foldedEnd,
                   char[] canonical, int canonicalLength, int[] tokenOffset, int[] tokenLength, int[] tokenIds,
                   int[] tokenStart, int[] tokenEnd, int tokenCount, int mentionCount, int digitCount, int firstDigit, int lastDigit, long[] digitBits,
                   long asciiLow, long asciiHigh) {
        this.normalizer = normalizer;
        this.original = original;
        this.folded = folded;
        this.foldedLength = foldedLength;
        this.foldedStart = foldedStart;
        this.foldedEnd = foldedEnd;
        this.canonical = canonical;
        this.canonicalLength = canonicalLength;
        this.tokenOffset = tokenOffset;
        this.tokenLength = tokenLength;
        this.tokenIds = tokenIds;
        this.tokenStart = tokenStart;
        this.tokenEnd = tokenEnd;
        this.tokenCount = tokenCount;
        this.mentionCount = mentionCount;
        this.digitCount = digitCount;
        this.firstDigit = firstDigit;
        this.lastDigit = lastDigit;
        this.digitBits = digitBits;
        this.asciiLow = asciiLow;
        this.asciiHigh = asciiHigh;
    }

    /** The text as given to {@link TextNormalizer#normalize}. */
    public String original() {
        return original;
    }

    /** Canonical tokens joined by single spaces; empty when the message has no words. */
    public String text() {
        String t = text;
        if (t == null) {
            t = new String(canonical, 0, canonicalLength);
            text = t;
        }
        return t;
    }

    public int tokenCount() {
        return tokenCount;
    }

    /** The canonical token at {@code index} (0-based). */
    public String token(int index) {
        checkToken(index);
        return new String(canonical, tokenOffset[index], tokenLength[index]);
    }

    /** All canonical tokens, in order (an unmodifiable view). */
    public List<String> tokens() {
        return new AbstractList<>() {
            @Override
            public String get(int index) {
                return token(index);
            }

            @Override
            public int size() {
                return tokenCount;
            }
        };
    }

    /** Start (inclusive) in the original text of what was typed for token {@code index}. */
    public int tokenStart(int index) {
        checkToken(index);
        return tokenStart[index];
    }

    /** End (exclusive) in the original text of what was typed for token {@code index}. */
    public int tokenEnd(int index) {
        checkToken(index);
        return tokenEnd[index];
    }

    /**
     * Maps a char offset in {@link #text()} to a start offset in the original: the start of the token that
     * holds it (the end of the previous token for a separating space, the original's length at the end).
     */
    public int originalStart(int textIndex) {
        checkTextIndex(textIndex);
        int token = tokenAtOrAfter(textIndex);
        if (token == tokenCount) {
            return original.length();
        }
        if (textIndex < tokenOffset[token]) {
            return token == 0 ? tokenStart[0] : tokenEnd[token - 1];
        }
        return tokenStart[token];
    }

    /** Maps an exclusive end offset in {@link #text()} to an exclusive end offset in the original. */
    public int originalEnd(int textEndExclusive) {
        checkTextIndex(textEndExclusive);
        if (textEndExclusive == 0) {
            return tokenCount == 0 ? 0 : tokenStart[0];
        }
        int token = tokenAtOrAfter(textEndExclusive - 1);
        if (token == tokenCount || textEndExclusive - 1 < tokenOffset[token]) {
            return tokenEnd[token - 1];
        }
        return tokenEnd[token];
    }

    /** The per-character folded form of the original (same layout: spaces and punctuation kept). */
    public String folded() {
        String f = foldedText;
        if (f == null) {
            f = new String(folded, 0, foldedLength);
            foldedText = f;
        }
        return f;
    }

    /** Start (inclusive) in the original text of the folded char at {@code foldedIndex}. */
    public int foldedToOriginalStart(int foldedIndex) {
        if (foldedIndex < 0 || foldedIndex > foldedLength) {
            throw new IndexOutOfBoundsException("foldedIndex " + foldedIndex + " outside [0, " + foldedLength + "]");
        }
        if (foldedIndex == foldedLength) {
            return original.length();
        }
        return foldedStart == null ? foldedIndex : foldedStart[foldedIndex];
    }

    /** End (exclusive) in the original text of the folded chars before {@code foldedEndExclusive}. */
    public int foldedToOriginalEnd(int foldedEndExclusive) {
        if (foldedEndExclusive < 0 || foldedEndExclusive > foldedLength) {
            throw new IndexOutOfBoundsException(
                    "foldedEndExclusive " + foldedEndExclusive + " outside [0, " + foldedLength + "]");
        }
        if (foldedEndExclusive == 0) {
            return 0;
        }
        return foldedEnd == null ? foldedEndExclusive : foldedEnd[foldedEndExclusive - 1];
    }

    /** How many {@code @mentions} the text holds. */
    public int mentionCount() {
        return mentionCount;
    }

    // ---- package-private views for the scorer (no copies) ----

    /** The normaliser that produced this text: token ids are only meaningful with its vocabulary. */
    TextNormalizer normalizer() {
        return normalizer;
    }

    int tokenId(int index) {
        return tokenIds[index];
    }

    int foldedLength() {
        return foldedLength;
    }

    /** The folded chars themselves (valid up to {@link #foldedLength()}); callers must not modify them. */
    char[] foldedChars() {
        return folded;
    }

    /** The canonical chars ({@link #text()} without building it), valid up to {@link #canonicalLength()}. */
    char[] canonicalChars() {
        return canonical;
    }

    int canonicalLength() {
        return canonicalLength;
    }

    /** Where token {@code index} starts in {@link #canonicalChars()} (no bounds check: for the scorer's loops). */
    int tokenOffset(int index) {
        return tokenOffset[index];
    }


    /** ASCII digits in the folded text (fullwidth digits included): the cheap gate for phone-number patterns. */
    int digitCount() {
        return digitCount;
    }

    /** Where the folded text's ASCII digits are (see {@link RegexStarts#digitBits}); null when there are none. */
    long[] digitBits() {
        return digitBits;
    }

    /** Folded index of the first ASCII digit, or -1 when there is none. */
    int firstDigit() {
        return firstDigit;
    }

    /** Folded index of the last ASCII digit, or -1 when there is none. */
    int lastDigit() {
        return lastDigit;
    }

    /** Whether the folded text holds this ASCII char (an O(1) gate for regex patterns). */
    boolean containsAscii(char c) {
        if (c >= 128) {
            throw new IllegalArgumentException("not an ASCII char: U+" + Integer.toHexString(c));
        }
        return c < 64 ? (asciiLow & (1L << c)) != 0 : (asciiHigh & (1L << (c - 64))) != 0;
    }

    private int tokenAtOrAfter(int textIndex) {
        int lo = 0;
        int hi = tokenCount - 1;
        int found = tokenCount;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (tokenOffset[mid] + tokenLength[mid] > textIndex) {
                found = mid;
                hi = mid - 1;
            } else {
                lo = mid + 1;
            }
        }
        return found;
    }

    private void checkToken(int index) {
        if (index < 0 || index >= tokenCount) {
            throw new IndexOutOfBoundsException("token index " + index + " outside [0, " + tokenCount + ")");
        }
    }

    private void checkTextIndex(int textIndex) {
        if (textIndex < 0 || textIndex > canonicalLength) {
            throw new IndexOutOfBoundsException("text index " + textIndex + " outside [0, " + canonicalLength + "]");
        }
    }

    @Override
    public String toString() {
        return "NormalizedText[" + text() + "]";
    }
}
