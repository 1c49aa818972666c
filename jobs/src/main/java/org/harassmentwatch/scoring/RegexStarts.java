package org.harassmentwatch.scoring;

import java.io.Serializable;
import java.util.regex.Matcher;

/**
 * Where a pattern's match can start, worked out once from the regex text: the set of chars a match can begin with,
 * and the chars a leading negative look-behind such as {@code (?<![\d+])} forbids right before it. Scanning the text
 * for such positions ({@link #nextStart}) and trying the regex only there (with {@link Matcher#lookingAt()} on a
 * region with transparent bounds, so look-arounds and {@code \b} still see the whole text) finds exactly what
 * {@link Matcher#find()} finds: every skipped position is one where the regex cannot match. Besides the first char
 * and the look-behind, a start needs the regex's most selective mandatory class at its offset (the digit one or two
 * chars into a postcode), and when that class is digits the scan jumps from digit to digit. A typical message has
 * few or no such positions, while {@code find()} tries the whole regex (look-behind first) at every char.
 *
 * <p>The analysis understands the regex subset the pattern files use (literals, escapes, classes with ranges,
 * groups, look-arounds, alternation, greedy/lazy/possessive quantifiers). For anything else, for patterns that can
 * match the empty string, and for regexes with non-ASCII chars (whose classes need code-point care),
 * {@link #analyse} returns null and the caller keeps plain {@code find()}.
 */
final class RegexStarts implements Serializable {
    private static final long serialVersionUID = 1L;

    /** ASCII chars a match can start with (bit c of lo for c below 64, of hi for c - 64). */
    private final long firstLo;
    private final long firstHi;
    /** Whether a match can start with a char outside ASCII. */
    private final boolean firstNonAscii;
    /** ASCII chars that may not come right before a match (a leading single-class negative look-behind). */
    private final long notBeforeLo;
    private final long notBeforeHi;
    /** ASCII chars one of which every match has at an offset in [anchorMin, anchorMax] from its start. */
    private final long anchorLo;
    private final long anchorHi;
    private final int anchorMin;
    private final int anchorMax;
    private final boolean anchorNonAscii;
    /** Offsets from a match start at which every match has an ASCII digit; digitMin -1 when unknown. */
    private final int digitMin;
    private final int digitMax;

    private RegexStarts(CharSet first, CharSet notBefore, Anchor anchor, Anchor digitAnchor) {
        this.firstLo = first.lo;
        this.firstHi = first.hi;
        this.firstNonAscii = first.nonAscii;
        this.notBeforeLo = notBefore.lo;
        this.notBeforeHi = notBefore.hi;
        // No useful anchor: offset 0 with the first set adds nothing but is always true where the first set is.
        Anchor a = anchor == null || anchor.cost() == Long.MAX_VALUE || anchor.maxOffset() >= UNBOUNDED
                ? new Anchor(first, 0, 0) : anchor;
        this.anchorLo = a.set().nonAscii ? -1L : a.set().lo;
        this.anchorHi = a.set().nonAscii ? -1L : a.set().hi;
        this.anchorNonAscii = a.set().nonAscii;
        this.anchorMin = a.minOffset();
        this.anchorMax = a.maxOffset();
        boolean digits = digitAnchor != null && digitAnchor.maxOffset() < UNBOUNDED;
        this.digitMin = digits ? digitAnchor.minOffset() : -1;
        this.digitMax = digits ? digitAnchor.maxOffset() : -1;
    }

    /** The start sets of {@code regex}, or null when it uses something this analysis does not model. */
    static RegexStarts analyse(String regex) {
        for (int i = 0; i < regex.length(); i++) {
            if (regex.charAt(i) >= 0x80) {
                return null;
            }
        }
        try {
            Parser p = new Parser(regex);
            CharSet notBefore = p.leadingNegativeLookBehind();
            Node node = p.alternation();
            if (p.pos != regex.length() || node.nullable) {
                return null;
            }
            if (p.topLevelBranches > 1) {
                notBefore = null; // the look-behind guards only the first branch
            }
            return new RegexStarts(node.first, notBefore == null ? new CharSet() : notBefore, node.anchor,
                    node.digitAnchor);
        } catch (Unsupported e) {
            return null;
        }
    }

    /** Whether a match could start at {@code p} of {@code text[0..length)}. */
    boolean canStartAt(char[] text, int p, int length) {
        char c = text[p];
        if (!(c < 64 ? (firstLo & (1L << c)) != 0 : c < 128 ? (firstHi & (1L << (c - 64))) != 0 : firstNonAscii)) {
            return false;
        }
        if (p > 0) {
            char b = text[p - 1];
            if (b < 64 ? (notBeforeLo & (1L << b)) != 0 : b < 128 && (notBeforeHi & (1L << (b - 64))) != 0) {
                return false;
            }
        }
        return anchored(text, p, length);
    }

    private boolean anchored(char[] text, int p, int length) {
        int to = Math.min(length - 1, p + anchorMax);
        for (int k = p + anchorMin; k <= to; k++) {
            char c = text[k];
            if (c < 64 ? (anchorLo & (1L << c)) != 0 : c < 128 ? (anchorHi & (1L << (c - 64))) != 0 : anchorNonAscii) {
                return true;
            }
        }
        return false;
    }

    /** Whether every match has an ASCII digit at a known distance from its start. */
    boolean needsDigit() {
        return digitMin >= 0;
    }

    /** Where the ASCII digits of {@code text[0..length)} are, one bit per index; null when there are none. */
    static long[] digitBits(char[] text, int length) {
        long[] bits = null;
        for (int k = 0; k < length; k++) {
            char c = text[k];
            if (c >= '0' && c <= '9') {
                if (bits == null) {
                    bits = new long[(length + 63) >>> 6];
                }
                bits[k >>> 6] |= 1L << k;
            }
        }
        return bits;
    }

    /** The first digit index at or after {@code from}, or -1. */
    private static int nextDigit(long[] bits, int from) {
        int word = from >>> 6;
        if (word >= bits.length) {
            return -1;
        }
        long w = bits[word] & (-1L << from);
        while (w == 0) {
            if (++word == bits.length) {
                return -1;
            }
            w = bits[word];
        }
        return (word << 6) + Long.numberOfTrailingZeros(w);
    }

    /**
     * The first position at or after {@code from} in {@code text[0..length)} where a match could start, or -1.
     *
     * @param digits {@link #digitBits} of the text: a pattern that needs a digit at a known distance from its start
     *               only starts near one, so the scan jumps from digit to digit
     */
    int nextStart(char[] text, int from, int length, long[] digits) {
        if (digitMin < 0) {
            for (int p = from; p < length; p++) {
                if (canStartAt(text, p, length)) {
                    return p;
                }
            }
            return -1;
        }
        if (digits == null) {
            return -1;
        }
        int p = from;
        while (p < length) {
            int d = nextDigit(digits, p + digitMin);
            if (d < 0) {
                return -1;
            }
            if (d > p + digitMax) {
                p = d - digitMax; // no start before this one has a digit where it needs one
                continue;
            }
            if (canStartAt(text, p, length)) {
                return p;
            }
            p++;
        }
        return -1;
    }

    @Override
    public String toString() {
        return "RegexStarts[first=" + chars(firstLo, firstHi) + (firstNonAscii ? "+non-ASCII" : "") + ", notBefore="
                + chars(notBeforeLo, notBeforeHi) + ", anchor=" + chars(anchorLo, anchorHi) + "@" + anchorMin + ".."
                + anchorMax + ", digits@" + digitMin + ".." + digitMax + "]";
    }

    private static String chars(long lo, long hi) {
        StringBuilder sb = new StringBuilder();
        for (int c = 0; c < 128; c++) {
            if (c < 64 ? (lo & (1L << c)) != 0 : (hi & (1L << (c - 64))) != 0) {
                sb.append(c < 32 ? "\\x" + Integer.toHexString(c) : String.valueOf((char) c));
            }
        }
        return "[" + sb + "]";
    }

    /** Receives each match's [start, end) in the folded text. */
    interface MatchSink {
        void match(int start, int end);
    }

    /**
     * Every match of {@code pattern} in {@code text}, in the order repeated {@link Matcher#find()} reports them.
     *
     * @param starts the pattern's start sets, or null to use plain {@code find()}
     * @param chars  the chars of {@code text}
     * @param from   where to begin: 0, or a position before which {@code starts} allows no match
     */
    static void forEachMatch(RegexStarts starts, java.util.regex.Pattern pattern, char[] chars, String text, int from,
                             long[] digits, MatchSink sink) {
        Matcher m = pattern.matcher(text);
        if (starts == null) {
            while (m.find()) {
                sink.match(m.start(), m.end());
            }
            return;
        }
        int length = text.length();
        m.useTransparentBounds(true).useAnchoringBounds(false);
        int p = starts.nextStart(chars, from, length, digits);
        while (p >= 0) {
            m.region(p, length);
            if (m.lookingAt()) {
                sink.match(m.start(), m.end());
                // matches are never empty: find() resumes at the end
                p = starts.nextStart(chars, m.end(), length, digits);
            } else {
                p = starts.nextStart(chars, p + 1, length, digits);
            }
        }
    }

    // ---- analysis ----

    private static final class Unsupported extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unsupported() {
            super(null, null, false, false);
        }
    }

    /** An over-approximated set of chars: exact for ASCII, one flag for everything else. */
    private static final class CharSet {
        long lo;
        long hi;
        boolean nonAscii;

        void add(int c) {
            if (c < 64) {
                lo |= 1L << c;
            } else if (c < 128) {
                hi |= 1L << (c - 64);
            } else {
                nonAscii = true;
            }
        }

        void addRange(int from, int to) {
            for (int c = from; c <= Math.min(to, 127); c++) {
                add(c);
            }
            if (to >= 128) {
                nonAscii = true;
            }
        }

        void addAll(CharSet o) {
            lo |= o.lo;
            hi |= o.hi;
            nonAscii |= o.nonAscii;
        }

        CharSet complement() {
            CharSet c = new CharSet();
            c.lo = ~lo;
            c.hi = ~hi;
            c.nonAscii = true;
            return c;
        }

        static CharSet all() {
            return new CharSet().complement();
        }
    }

    private static final long DIGITS = 0x03FFL << '0';

    /** Lengths at or above this count as unbounded. */
    private static final int UNBOUNDED = 1 << 20;

    /**
     * A class some char of every match falls in, at an offset from the match start within [minOffset, maxOffset]
     * (the digit of a postcode's outward code is at offset 1 or 2).
     */
    private record Anchor(CharSet set, int minOffset, int maxOffset) {
        /** Lower is more selective: chars in the class times offsets to look at. */
        long cost() {
            return set.nonAscii ? Long.MAX_VALUE
                    : (long) (Long.bitCount(set.lo) + Long.bitCount(set.hi)) * (maxOffset - minOffset + 1);
        }

        Anchor shifted(int min, int max) {
            return new Anchor(set, minOffset + min, maxOffset + max);
        }

        boolean digitsOnly() {
            return !set.nonAscii && set.hi == 0 && set.lo != 0 && (set.lo & ~DIGITS) == 0;
        }

        /** For alternatives: a char of either class at an offset of either window; null unless both have one. */
        static Anchor either(Anchor a, Anchor b) {
            if (a == null || b == null) {
                return null;
            }
            CharSet set = new CharSet();
            set.addAll(a.set);
            set.addAll(b.set);
            return new Anchor(set, Math.min(a.minOffset, b.minOffset), Math.max(a.maxOffset, b.maxOffset));
        }

        /** Of two digit anchors, the one with fewer offsets. */
        static Anchor narrower(Anchor a, Anchor b) {
            if (a == null) {
                return b;
            }
            if (b == null) {
                return a;
            }
            return b.maxOffset - b.minOffset < a.maxOffset - a.minOffset ? b : a;
        }

        static Anchor better(Anchor a, Anchor b) {
            if (a == null) {
                return b;
            }
            if (b == null) {
                return a;
            }
            return b.cost() < a.cost() ? b : a;
        }
    }

    /**
     * What a sub-expression can begin with, whether it can match the empty string, its length range
     * ({@link #UNBOUNDED} when open) and an anchor (null when none is known).
     */
    private record Node(CharSet first, boolean nullable, int minLength, int maxLength, Anchor anchor,
                        Anchor digitAnchor) {
        static Node zeroWidth() {
            return new Node(new CharSet(), true, 0, 0, null, null);
        }

        /** One class match: one char, or two (a surrogate pair) when the class takes chars outside ASCII. */
        static Node oneChar(CharSet set) {
            Anchor here = new Anchor(set, 0, 0);
            return new Node(set, false, 1, set.nonAscii ? 2 : 1, here, here.digitsOnly() ? here : null);
        }
    }

    private static int add(int a, int b) {
        return Math.min(UNBOUNDED, a + b);
    }

    private static int times(int a, int n) {
        return (int) Math.min(UNBOUNDED, (long) a * n);
    }

    private static final class Parser {
        private final String s;
        int pos;
        private int depth;
        int topLevelBranches = 1;

        Parser(String s) {
            this.s = s;
        }

        /** {@code (?<![...])} or {@code (?<!\d)} at the very start: the chars it forbids before a match. */
        CharSet leadingNegativeLookBehind() {
            if (!s.startsWith("(?<!")) {
                return null;
            }
            int save = pos;
            pos = 4;
            CharSet set = singleClass();
            if (set != null && pos < s.length() && s.charAt(pos) == ')'
                    && (pos + 1 == s.length() || "?*+{".indexOf(s.charAt(pos + 1)) < 0)) {
                pos = save; // the look-behind is parsed again as a zero-width atom by alternation()
                return set;
            }
            pos = save;
            return null;
        }

        /** One class atom ({@code [..]} or a class escape) without quantifier, or null. */
        private CharSet singleClass() {
            if (pos >= s.length()) {
                return null;
            }
            char c = s.charAt(pos);
            if (c == '[') {
                pos++;
                return bracketClass();
            }
            if (c == '\\' && pos + 1 < s.length() && "dwsDWS".indexOf(s.charAt(pos + 1)) >= 0) {
                CharSet set = classEscape(s.charAt(pos + 1));
                pos += 2;
                return set;
            }
            return null;
        }

        Node alternation() {
            Node node = sequence();
            while (pos < s.length() && s.charAt(pos) == '|') {
                pos++;
                if (depth == 0) {
                    topLevelBranches++;
                }
                Node next = sequence();
                CharSet first = new CharSet();
                first.addAll(node.first);
                first.addAll(next.first);
                node = new Node(first, node.nullable || next.nullable, Math.min(node.minLength, next.minLength),
                        Math.max(node.maxLength, next.maxLength), Anchor.either(node.anchor, next.anchor),
                        Anchor.either(node.digitAnchor, next.digitAnchor));
            }
            return node;
        }

        private Node sequence() {
            CharSet first = new CharSet();
            boolean nullable = true;
            int min = 0;
            int max = 0;
            Anchor anchor = null;
            Anchor digitAnchor = null;
            while (pos < s.length() && s.charAt(pos) != '|' && s.charAt(pos) != ')') {
                Node atom = quantified();
                if (nullable) {
                    first.addAll(atom.first);
                    nullable = atom.nullable;
                }
                if (atom.anchor != null && max < UNBOUNDED) {
                    anchor = Anchor.better(anchor, atom.anchor.shifted(min, max));
                }
                if (atom.digitAnchor != null && max < UNBOUNDED) {
                    digitAnchor = Anchor.narrower(digitAnchor, atom.digitAnchor.shifted(min, max));
                }
                min = add(min, atom.minLength);
                max = add(max, atom.maxLength);
            }
            return new Node(first, nullable, min, max, anchor, digitAnchor);
        }

        private Node quantified() {
            Node atom = atom();
            if (pos >= s.length()) {
                return atom;
            }
            char q = s.charAt(pos);
            int min;
            int max = UNBOUNDED;
            if (q == '?' || q == '*') {
                pos++;
                min = 0;
                max = q == '?' ? 1 : UNBOUNDED;
            } else if (q == '+') {
                pos++;
                min = 1;
            } else if (q == '{') {
                int close = s.indexOf('}', pos);
                if (close < 0) {
                    throw new Unsupported();
                }
                String body = s.substring(pos + 1, close);
                if (!body.matches("\\d+(,\\d*)?")) {
                    throw new Unsupported();
                }
                String[] bounds = body.split(",", -1);
                min = Integer.parseInt(bounds[0]);
                if (bounds.length == 1) {
                    max = min;
                } else if (!bounds[1].isEmpty()) {
                    max = Integer.parseInt(bounds[1]);
                }
                pos = close + 1;
            } else {
                return atom;
            }
            if (pos < s.length() && (s.charAt(pos) == '?' || s.charAt(pos) == '+')) {
                pos++; // lazy or possessive: same chars, same emptiness
            }
            // Only the first repetition's anchor is certain, and only when there is at least one.
            return new Node(atom.first, atom.nullable || min == 0, times(atom.minLength, min),
                    max == UNBOUNDED ? (atom.maxLength == 0 ? 0 : UNBOUNDED) : times(atom.maxLength, max),
                    min == 0 ? null : atom.anchor, min == 0 ? null : atom.digitAnchor);
        }

        private Node atom() {
            char c = s.charAt(pos);
            switch (c) {
                case '(' -> {
                    pos++;
                    boolean zeroWidth = false;
                    if (s.startsWith("?:", pos)) {
                        pos += 2;
                    } else if (s.startsWith("?=", pos) || s.startsWith("?!", pos)) {
                        pos += 2;
                        zeroWidth = true;
                    } else if (s.startsWith("?<=", pos) || s.startsWith("?<!", pos)) {
                        pos += 3;
                        zeroWidth = true;
                    } else if (pos < s.length() && s.charAt(pos) == '?') {
                        throw new Unsupported(); // flags, named groups, atomic groups
                    }
                    depth++;
                    Node inner = alternation();
                    depth--;
                    if (pos >= s.length() || s.charAt(pos) != ')') {
                        throw new Unsupported();
                    }
                    pos++;
                    return zeroWidth ? Node.zeroWidth() : inner;
                }
                case '[' -> {
                    pos++;
                    return Node.oneChar(bracketClass());
                }
                case '\\' -> {
                    if (pos + 1 >= s.length()) {
                        throw new Unsupported();
                    }
                    char e = s.charAt(pos + 1);
                    pos += 2;
                    if (e == 'b' || e == 'B') {
                        return Node.zeroWidth();
                    }
                    if ("dwsDWS".indexOf(e) >= 0) {
                        return Node.oneChar(classEscape(e));
                    }
                    CharSet one = new CharSet();
                    one.add(escapedLiteral(e));
                    return Node.oneChar(one);
                }
                case '.' -> {
                    pos++;
                    return Node.oneChar(CharSet.all());
                }
                case ')', '|', '?', '*', '+', '{', '^', '$' -> throw new Unsupported();
                default -> {
                    pos++;
                    CharSet one = new CharSet();
                    one.add(c);
                    return Node.oneChar(one);
                }
            }
        }

        /** After the opening {@code [}: the class up to and including its {@code ]}. */
        private CharSet bracketClass() {
            boolean negated = false;
            if (pos < s.length() && s.charAt(pos) == '^') {
                negated = true;
                pos++;
            }
            CharSet set = new CharSet();
            boolean firstItem = true;
            while (true) {
                if (pos >= s.length()) {
                    throw new Unsupported();
                }
                char c = s.charAt(pos);
                if (c == ']' && !firstItem) {
                    pos++;
                    break;
                }
                if (c == '[' || (c == '&' && s.startsWith("&&", pos)) || c == ']') {
                    throw new Unsupported(); // nested classes, intersections, a leading ']'
                }
                firstItem = false;
                int from;
                if (c == '\\') {
                    if (pos + 1 >= s.length()) {
                        throw new Unsupported();
                    }
                    char e = s.charAt(pos + 1);
                    pos += 2;
                    if ("dwsDWS".indexOf(e) >= 0) {
                        set.addAll(classEscape(e));
                        continue;
                    }
                    from = escapedLiteral(e);
                } else {
                    pos++;
                    from = c;
                }
                if (pos + 1 < s.length() && s.charAt(pos) == '-' && s.charAt(pos + 1) != ']') {
                    pos++;
                    char t = s.charAt(pos);
                    int to;
                    if (t == '\\') {
                        if (pos + 1 >= s.length()) {
                            throw new Unsupported();
                        }
                        to = escapedLiteral(s.charAt(pos + 1));
                        pos += 2;
                    } else if (t == '[') {
                        throw new Unsupported();
                    } else {
                        to = t;
                        pos++;
                    }
                    if (to < from) {
                        throw new Unsupported();
                    }
                    set.addRange(from, to);
                } else {
                    set.add(from);
                }
            }
            return negated ? set.complement() : set;
        }

        /** {@code \d \w \s} and their negations as java.util.regex defines them without UNICODE_CHARACTER_CLASS. */
        private static CharSet classEscape(char e) {
            CharSet set = new CharSet();
            switch (Character.toLowerCase(e)) {
                case 'd' -> set.addRange('0', '9');
                case 'w' -> {
                    set.addRange('a', 'z');
                    set.addRange('A', 'Z');
                    set.addRange('0', '9');
                    set.add('_');
                }
                default -> {
                    set.add(' ');
                    set.add('\t');
                    set.add('\n');
                    set.add(0x0B);
                    set.add('\f');
                    set.add('\r');
                }
            }
            return Character.isUpperCase(e) ? set.complement() : set;
        }

        /** The char an escape such as {@code \.} or {@code \t} stands for; letters and digits otherwise unsupported. */
        private static int escapedLiteral(char e) {
            return switch (e) {
                case 't' -> '\t';
                case 'n' -> '\n';
                case 'r' -> '\r';
                case 'f' -> '\f';
                default -> {
                    if (Character.isLetterOrDigit(e)) {
                        throw new Unsupported(); // x, u, p escapes, back references, \Q ...
                    }
                    yield e;
                }
            };
        }
    }
}
