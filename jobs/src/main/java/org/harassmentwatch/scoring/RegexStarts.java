package org.harassmentwatch.scoring;

import java.io.Serializable;
import java.util.regex.Matcher;

/**
 * Where a pattern's match can start, worked out once from the regex text: the set of chars a match can begin with,
 * and the chars a leading negative look-behind such as {@code (?<![\d+])} forbids right before it. Scanning the text
 * for such positions ({@link #nextStart}) and trying the regex only there (with {@link Matcher#lookingAt()} on a
 * region with transparent bounds, so look-arounds and {@code \b} still see the whole text) finds exactly what
 * {@link Matcher#find()} finds: every skipped position is one where the regex cannot match. A typical message has few or no such
 * positions, while {@code find()} tries the whole regex (look-behind first) at every char.
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

    private RegexStarts(CharSet first, CharSet notBefore) {
        this.firstLo = first.lo;
        this.firstHi = first.hi;
        this.firstNonAscii = first.nonAscii;
        this.notBeforeLo = notBefore.lo;
        this.notBeforeHi = notBefore.hi;
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
            return new RegexStarts(node.first, notBefore == null ? new CharSet() : notBefore);
        } catch (Unsupported e) {
            return null;
        }
    }

    /** Whether a match could start at {@code p} of {@code text[0..length)}. */
    boolean canStartAt(char[] text, int p) {
        char c = text[p];
        if (!(c < 64 ? (firstLo & (1L << c)) != 0 : c < 128 ? (firstHi & (1L << (c - 64))) != 0 : firstNonAscii)) {
            return false;
        }
        if (p == 0) {
            return true;
        }
        char b = text[p - 1];
        return !(b < 64 ? (notBeforeLo & (1L << b)) != 0 : b < 128 && (notBeforeHi & (1L << (b - 64))) != 0);
    }

    /** The first position at or after {@code from} in {@code text[0..length)} where a match could start, or -1. */
    int nextStart(char[] text, int from, int length) {
        for (int p = from; p < length; p++) {
            if (canStartAt(text, p)) {
                return p;
            }
        }
        return -1;
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
                             MatchSink sink) {
        Matcher m = pattern.matcher(text);
        if (starts == null) {
            while (m.find()) {
                sink.match(m.start(), m.end());
            }
            return;
        }
        int length = text.length();
        m.useTransparentBounds(true).useAnchoringBounds(false);
        int p = starts.nextStart(chars, from, length);
        while (p >= 0) {
            m.region(p, length);
            if (m.lookingAt()) {
                sink.match(m.start(), m.end());
                p = starts.nextStart(chars, m.end(), length); // matches are never empty: find() resumes at the end
            } else {
                p = starts.nextStart(chars, p + 1, length);
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

    /** What a sub-expression can begin with, and whether it can match the empty string. */
    private record Node(CharSet first, boolean nullable) {
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
                node = new Node(first, node.nullable || next.nullable);
            }
            return node;
        }

        private Node sequence() {
            CharSet first = new CharSet();
            boolean nullable = true;
            while (pos < s.length() && s.charAt(pos) != '|' && s.charAt(pos) != ')') {
                Node atom = quantified();
                if (nullable) {
                    first.addAll(atom.first);
                    nullable = atom.nullable;
                }
            }
            return new Node(first, nullable);
        }

        private Node quantified() {
            Node atom = atom();
            if (pos >= s.length()) {
                return atom;
            }
            char q = s.charAt(pos);
            int min;
            if (q == '?' || q == '*') {
                pos++;
                min = 0;
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
                min = Integer.parseInt(body.split(",")[0]);
                pos = close + 1;
            } else {
                return atom;
            }
            if (pos < s.length() && (s.charAt(pos) == '?' || s.charAt(pos) == '+')) {
                pos++; // lazy or possessive: same chars, same emptiness
            }
            return new Node(atom.first, atom.nullable || min == 0);
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
                    return zeroWidth ? new Node(new CharSet(), true) : inner;
                }
                case '[' -> {
                    pos++;
                    return new Node(bracketClass(), false);
                }
                case '\\' -> {
                    if (pos + 1 >= s.length()) {
                        throw new Unsupported();
                    }
                    char e = s.charAt(pos + 1);
                    pos += 2;
                    if (e == 'b' || e == 'B') {
                        return new Node(new CharSet(), true);
                    }
                    if ("dwsDWS".indexOf(e) >= 0) {
                        return new Node(classEscape(e), false);
                    }
                    CharSet one = new CharSet();
                    one.add(escapedLiteral(e));
                    return new Node(one, false);
                }
                case '.' -> {
                    pos++;
                    return new Node(CharSet.all(), false);
                }
                case ')', '|', '?', '*', '+', '{', '^', '$' -> throw new Unsupported();
                default -> {
                    pos++;
                    CharSet one = new CharSet();
                    one.add(c);
                    return new Node(one, false);
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
