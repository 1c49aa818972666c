package org.harassmentwatch.scoring;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns a message into canonical tokens while undoing the usual filter evasions, and remembers where every
 * token came from in the original text.
 *
 * <p>Steps, in order:
 * <ol>
 *   <li>Per-character folding ({@link CharFolding}): NFKC, lower case, diacritics, zero-width characters,
 *       Cyrillic/Greek look-alike letters, fullwidth and mathematical letters.</li>
 *   <li>Chunks between spaces: URLs are dropped; {@code @handle} becomes the token {@code @};
 *       {@code #hashtag} loses its {@code #}; single letters joined by one repeated separator
 *       ({@code k.i.l.l}, {@code k-i-l-l}, {@code f*c*k}) become one word; otherwise the chunk is split on
 *       punctuation, keeping the leet symbols {@code @ $ ! | *} inside words.</li>
 *   <li>Runs of three or more single letters separated by spaces ({@code k i l l y o u}) are joined and split
 *       back into lexicon words ({@code kill you}); the join is kept only when it yields a word of three or more
 *       letters, so ordinary text like {@code u r a} is left alone.</li>
 *   <li>Each word: contractions and chat spellings from the synonym table ({@code u}, {@code ur},
 *       {@code i'll}, {@code gonna}); then, only for words with digits/symbols/stretched letters/asterisks,
 *       leetspeak decoding ({@code 1d10t}; {@code 1} and {@code |} are tried as both {@code i} and {@code l}),
 *       stretched letters ({@code stuuupid}, {@code kiiilll}: runs of three or more are matched against the
 *       lexicon with every run collapsed, so both single and double letters are found), censored forms
 *       ({@code f*ck}), and for hashtags and joined letters, splitting into lexicon words
 *       ({@code #killyourself}).</li>
 * </ol>
 * Words that do not resolve to a lexicon word keep their typed form (lower case, apostrophes removed, runs of
 * three or more letters shortened to two), so near-duplicate detection sees a stable text.
 *
 * <p>Immutable and thread-safe; each call allocates only its own buffers.
 */
public final class TextNormalizer implements Serializable {
    private static final long serialVersionUID = 1L;

    static final int UNKNOWN = -1;
    private static final char[] NO_CHARS = new char[0];
    private static final int[] NO_INTS = new int[0];
    /** Scratch buffers longer than this (chars or ints) are not kept for the thread's next message. */
    private static final int MAX_KEPT_SCRATCH = 1 << 16;

    /**
     * Per-thread buffers that never leave a call (the copy of the input, raw tokens, decoding scratch): reused from
     * message to message instead of allocated and zeroed each time. A call fills what it reads before reading it.
     */
    private static final class Scratch {
        char[] in = NO_CHARS;
        char[] rb = NO_CHARS;
        int[] rf = NO_INTS;
        int[] rOff = NO_INTS;
        int[] rLen = NO_INTS;
        int[] rKind = NO_INTS;
        char[] dec = NO_CHARS;
        char[] sk = NO_CHARS;
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);
    /** ASCII folding: upper case to lower case, control chars to a space. */
    private static final char[] ASCII_FOLD = new char[128];

    static {
        for (char c = 0; c < 128; c++) {
            ASCII_FOLD[c] = (c >= 'A' && c <= 'Z') ? (char) (c | 0x20) : (c < 0x20 || c == 0x7f) ? ' ' : c;
        }
    }
    private static final int MAX_SEGMENTED_LENGTH = 40;
    private static final int MAX_MENTION_WORD_LENGTH = 12;

    private static final int WORD = 0;
    private static final int MENTION = 1;
    private static final int HASHTAG = 2;
    private static final int SPACED = 3;

    private final String[] words;
    private final CharSliceMap vocabulary;
    private final CharSliceMap skeletons;
    private final int[][] wordsByLength;
    /** Hot-path map: typed form to (vocabulary id × 2) or (synonym index × 2 + 1); synonyms take precedence. */
    private final CharSliceMap lexemes;
    private final String[][] synonymTokens;
    private final int[][] synonymIds;
    private final int mentionId;
    private final int maxPieceLength;

    /**
     * @param vocabularyWords words the lexicons use, in preference order (earlier wins when a censored form
     *                        like {@code s**t} fits several); {@code @} is added when missing
     * @param synonyms        typed form (lower case, may hold an apostrophe) to canonical tokens
     */
    TextNormalizer(List<String> vocabularyWords, Map<String, List<String>> synonyms) {
        LinkedHashSet<String> distinct = new LinkedHashSet<>(vocabularyWords);
        distinct.add(NormalizedText.MENTION_TOKEN);
        this.words = distinct.toArray(String[]::new);

        CharSliceMap.Builder vocab = new CharSliceMap.Builder();
        for (int id = 0; id < words.length; id++) {
            vocab.putIfAbsent(words[id], id);
        }
        this.vocabulary = vocab.build();
        this.mentionId = vocabulary.get(NormalizedText.MENTION_TOKEN);
        this.skeletons = buildSkeletons(words);
        this.wordsByLength = buildWordsByLength(words);

        CharSliceMap.Builder lex = new CharSliceMap.Builder();
        this.synonymTokens = new String[synonyms.size()][];
        this.synonymIds = new int[synonyms.size()][];
        int i = 0;
        for (Map.Entry<String, List<String>> e : synonyms.entrySet()) {
            if (e.getValue().isEmpty()) {
                throw new IllegalArgumentException("synonym '" + e.getKey() + "' has no replacement tokens");
            }
            lex.putIfAbsent(e.getKey(), i * 2 + 1);
            synonymTokens[i] = e.getValue().toArray(String[]::new);
            synonymIds[i] = new int[synonymTokens[i].length];
            for (int k = 0; k < synonymTokens[i].length; k++) {
                synonymIds[i][k] = vocabulary.get(synonymTokens[i][k]);
            }
            i++;
        }
        for (int id = 0; id < words.length; id++) {
            lex.putIfAbsent(words[id], id * 2);
        }
        this.lexemes = lex.build();
        this.maxPieceLength = lexemes.maxKeyLength();
    }

    /** The normaliser of the default lexicon version (the one {@link AbuseScorer#loadDefault()} uses). */
    public static TextNormalizer loadDefault() {
        return Lexicon.loadDefault().normalizer();
    }

    /** Normalises one message. */
    public NormalizedText normalize(String text) {
        Objects.requireNonNull(text, "text must not be null");
        Work w = new Work(text);
        w.fold();
        w.tokenize();
        w.canonicalize();
        w.release();
        return w.result();
    }

    /** Id of a canonical word, or {@link #UNKNOWN}. */
    int wordId(String word) {
        return vocabulary.get(word);
    }

    int vocabularySize() {
        return words.length;
    }

    int mentionId() {
        return mentionId;
    }

    // ---------------------------------------------------------------------------------------------------------

    private static CharSliceMap buildSkeletons(String[] words) {
        // Longest word wins a shared skeleton: a stretched "kiiilll" means "kill", not "kil".
        Map<String, Integer> best = new LinkedHashMap<>();
        for (int id = 0; id < words.length; id++) {
            String w = words[id];
            if (w.length() < 2) {
                continue;
            }
            char[] sk = new char[w.length()];
            int len = skeleton(w.toCharArray(), 0, w.length(), sk);
            String key = new String(sk, 0, len);
            Integer prev = best.get(key);
            if (prev == null || words[prev].length() < w.length()) {
                best.put(key, id);
            }
        }
        CharSliceMap.Builder b = new CharSliceMap.Builder();
        best.forEach(b::putIfAbsent);
        return b.build();
    }

    private static int[][] buildWordsByLength(String[] words) {
        int max = 0;
        for (String w : words) {
            max = Math.max(max, w.length());
        }
        List<List<Integer>> byLength = new ArrayList<>();
        for (int i = 0; i <= max; i++) {
            byLength.add(new ArrayList<>());
        }
        for (int id = 0; id < words.length; id++) {
            if (words[id].chars().allMatch(c -> c >= 'a' && c <= 'z')) {
                byLength.get(words[id].length()).add(id);
            }
        }
        int[][] out = new int[max + 1][];
        for (int i = 0; i <= max; i++) {
            out[i] = byLength.get(i).stream().mapToInt(Integer::intValue).toArray();
        }
        return out;
    }

    /** Collapses every run of equal chars to one char; returns the length written to {@code out}. */
    static int skeleton(char[] src, int off, int len, char[] out) {
        int n = 0;
        for (int i = 0; i < len; i++) {
            char c = src[off + i];
            if (n == 0 || out[n - 1] != c) {
                out[n++] = c;
            }
        }
        return n;
    }

    static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 0x80 && Character.isLetter(c));
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isLeetSymbol(char c) {
        return c == '@' || c == '$' || c == '!' || c == '|' || c == '*';
    }

    /** {@link #isTokenChar} for ASCII, as a table: the tokenizer asks it for every char. */
    private static final boolean[] TOKEN_ASCII = new boolean[128];

    static {
        for (char c = 0; c < 128; c++) {
            TOKEN_ASCII[c] = isLetter(c) || isDigit(c) || c == '\'' || isLeetSymbol(c);
        }
    }

    private static boolean isTokenChar(char c) {
        // Above ASCII only letters are token chars (digits, apostrophe and leet symbols are all ASCII).
        return c < 128 ? TOKEN_ASCII[c] : Character.isLetter(c);
    }

    private static boolean isMentionChar(char c) {
        return (c >= 'a' && c <= 'z') || isDigit(c) || c == '_';
    }

    private static boolean isSpacer(char c) {
        return switch (c) {
            case '.', '-', '_', '*', ',', '/', '|', '+', '~', ':', ';', '\u00b7', '\u2022', '\u2013', '\u2014' -> true;
            default -> false;
        };
    }

    /** Leetspeak: the primary reading, or with {@code alt} the second reading of ambiguous symbols. */
    private static char leet(char c, boolean alt) {
        return switch (c) {
            case '0' -> 'o';
            case '1' -> alt ? 'l' : 'i';
            case '3' -> 'e';
            case '4', '@' -> 'a';
            case '5', '$' -> 's';
            case '7' -> 't';
            case '8' -> 'b';
            case '9' -> 'g';
            case '!' -> 'i';
            case '|' -> alt ? 'i' : 'l';
            default -> c;
        };
    }

    /** One call's buffers. */
    private final class Work {
        private final String src;
        private final int n;

        // folded view
        private char[] f;
        private int m;
        private int[] fs;
        private int[] fe;
        private int digits;
        private int firstDigit = -1;
        private int lastDigit = -1;
        /** Folded indices of ASCII digits, one bit each (null until the first digit); see RegexStarts#digitBits. */
        private long[] digitBits;
        private long asciiLow;
        private long asciiHigh;

        // raw tokens: chars copied into rb, rf = folded index of each char
        private char[] rb;
        private int[] rf;
        private int rbLen;
        private int[] rOff;
        private int[] rLen;
        private int[] rKind;
        private int rCount;

        // canonical output
        private char[] canon;
        private int cLen;
        private int[] tOff;
        private int[] tLen;
        private int[] tId;
        private int[] tS;
        private int[] tE;
        private int tCount;
        private int mentions;

        // scratch
        private char[] dec;
        private char[] sk;
        private final Scratch scratch;

        Work(String src) {
            this.src = src;
            this.n = src.length();
            this.f = new char[n + 8];
            this.canon = new char[n + 32];
            // Sized for a typical text's tokens (one per 5 to 6 chars) so the arrays rarely grow; they still can.
            int tokens = 8 + n / 4;
            this.scratch = SCRATCH.get();
            this.rOff = scratch.rOff.length >= tokens ? scratch.rOff : new int[tokens];
            this.rLen = scratch.rLen.length >= tokens ? scratch.rLen : new int[tokens];
            this.rKind = scratch.rKind.length >= tokens ? scratch.rKind : new int[tokens];
            this.dec = scratch.dec;
            this.sk = scratch.sk;
            this.tOff = new int[tokens];
            this.tLen = new int[tokens];
            this.tId = new int[tokens];
            this.tS = new int[tokens];
            this.tE = new int[tokens];
        }

        // ---- 1. folding ----

        void fold() {
            // One bulk copy, then plain array reads: String.charAt re-checks the string's coder and bounds per char.
            char[] in = scratch.in.length >= n ? scratch.in : new char[n];
            src.getChars(0, n, in, 0);
            if (in.length <= MAX_KEPT_SCRATCH) {
                scratch.in = in;
            }
            for (int i = 0; i < n; ) {
                char c = in[i];
                if (c < 0x80) {
                    int end = i + 1;
                    while (end < n && in[end] < 0x80) {
                        end++;
                    }
                    putAscii(in, i, end);
                    i = end;
                    continue;
                }
                int cp = Character.codePointAt(in, i, n);
                int len = Character.charCount(cp);
                String folded = CharFolding.fold(cp);
                if (folded == null) {
                    for (int k = 0; k < len; k++) {
                        put(in[i + k], i + k, i + k + 1);
                    }
                } else if (folded.length() == len) {
                    for (int k = 0; k < len; k++) {
                        put(folded.charAt(k), i + k, i + k + 1);
                    }
                } else {
                    breakIdentity();
                    for (int k = 0; k < folded.length(); k++) {
                        put(folded.charAt(k), i, i + len);
                    }
                }
                i += len;
            }
        }

        private void markDigit(int index) {
            int word = index >>> 6;
            if (digitBits == null || word >= digitBits.length) {
                digitBits = Arrays.copyOf(digitBits == null ? new long[0] : digitBits,
                        Math.max(word + 1, (f.length + 63) >>> 6));
            }
            digitBits[word] |= 1L << index;
        }

        /** {@link #put} for a run of ASCII chars, each folding to one char, with the running state in locals. */
        private void putAscii(char[] in, int from, int to) {
            while (m + (to - from) > f.length) {
                int cap = f.length * 2;
                f = Arrays.copyOf(f, cap);
                if (fs != null) {
                    fs = Arrays.copyOf(fs, cap);
                    fe = Arrays.copyOf(fe, cap);
                }
            }
            char[] out = f;
            int[] starts = fs;
            int[] ends = fe;
            int w = m;
            long low = asciiLow;
            long high = asciiHigh;
            int digitCount = digits;
            int first = firstDigit;
            int last = lastDigit;
            for (int k = from; k < to; k++) {
                char c = ASCII_FOLD[in[k]];
                if (starts != null) {
                    starts[w] = k;
                    ends[w] = k + 1;
                }
                if (c < 64) {
                    low |= 1L << c;
                    if (c >= '0' && c <= '9') {
                        digitCount++;
                        if (first < 0) {
                            first = w;
                        }
                        last = w;
                        markDigit(w);
                    }
                } else {
                    high |= 1L << (c - 64);
                }
                out[w++] = c;
            }
            m = w;
            asciiLow = low;
            asciiHigh = high;
            digits = digitCount;
            firstDigit = first;
            lastDigit = last;
        }

        private void put(char c, int start, int end) {
            if (m == f.length) {
                int cap = f.length * 2;
                f = Arrays.copyOf(f, cap);
                if (fs != null) {
                    fs = Arrays.copyOf(fs, cap);
                    fe = Arrays.copyOf(fe, cap);
                }
            }
            if (fs != null) {
                fs[m] = start;
                fe[m] = end;
            }
            if (c < 64) {
                asciiLow |= 1L << c;
                if (c >= '0' && c <= '9') {
                    digits++;
                    if (firstDigit < 0) {
                        firstDigit = m;
                    }
                    lastDigit = m;
                    markDigit(m);
                }
            } else if (c < 128) {
                asciiHigh |= 1L << (c - 64);
            }
            f[m++] = c;
        }

        /** Switches from the implicit one-to-one offset map to explicit arrays. */
        private void breakIdentity() {
            if (fs == null) {
                fs = new int[f.length];
                fe = new int[f.length];
                for (int k = 0; k < m; k++) {
                    fs[k] = k;
                    fe[k] = k + 1;
                }
            }
        }

        private int origStart(int foldedIndex) {
            return fs == null ? foldedIndex : fs[foldedIndex];
        }

        private int origEnd(int foldedIndexInclusive) {
            return fe == null ? foldedIndexInclusive + 1 : fe[foldedIndexInclusive];
        }

        // ---- 2. chunks and raw tokens ----

        void tokenize() {
            rb = scratch.rb.length >= m + 8 ? scratch.rb : new char[m + 8];
            rf = scratch.rf.length >= m + 8 ? scratch.rf : new int[m + 8];
            int i = 0;
            while (i < m) {
                while (i < m && f[i] == ' ') {
                    i++;
                }
                int a = i;
                while (i < m && f[i] != ' ') {
                    i++;
                }
                if (i > a) {
                    chunk(a, i);
                }
            }
        }

        private void chunk(int a, int b) {
            if (isUrl(a, b) || spaced(a, b)) {
                return;
            }
            int j = a;
            while (j < b) {
                char c = f[j];
                if (c == '@' && j + 1 < b && isMentionChar(f[j + 1]) && (j == a || !isTokenChar(f[j - 1]))) {
                    int k = j + 1;
                    while (k < b && isMentionChar(f[k])) {
                        k++;
                    }
                    int end = k;
                    if (k + 1 < b && f[k] == '@' && isMentionChar(f[k + 1])) {
                        // fediverse handle: @user@instance.example
                        end = k + 1;
                        while (end < b && (isMentionChar(f[end]) || f[end] == '.' || f[end] == '-')) {
                            end++;
                        }
                        k = end;
                    }
                    if ((k == b || !isTokenChar(f[k])) && !mentionSpellsWord(j, k)) {
                        addRaw(MENTION, j, end);
                        j = end;
                        continue;
                    }
                }
                if (c == '#' && j + 1 < b && (isLetter(f[j + 1]) || isDigit(f[j + 1]))) {
                    int k = j + 1;
                    while (k < b && (isLetter(f[k]) || isDigit(f[k]))) {
                        k++;
                    }
                    addRaw(HASHTAG, j + 1, k);
                    j = k;
                    continue;
                }
                if (isTokenChar(c)) {
                    int k = j;
                    while (k < b && isTokenChar(f[k])) {
                        k++;
                    }
                    addWord(j, k);
                    j = k;
                    continue;
                }
                j++;
            }
        }

        private boolean isUrl(int a, int b) {
            return startsWith(a, b, "http://") || startsWith(a, b, "https://") || startsWith(a, b, "www.");
        }

        private boolean startsWith(int a, int b, String prefix) {
            if (b - a < prefix.length()) {
                return false;
            }
            for (int k = 0; k < prefix.length(); k++) {
                if (f[a + k] != prefix.charAt(k)) {
                    return false;
                }
            }
            return true;
        }

        /** "@ss", "@$$hole": an at-sign used as the letter a, not a handle. */
        private boolean mentionSpellsWord(int at, int end) {
            int len = end - at;
            if (len > MAX_MENTION_WORD_LENGTH) {
                return false;
            }
            char[] d = scratch(len);
            d[0] = 'a';
            for (int k = 1; k < len; k++) {
                d[k] = leet(f[at + k], false);
            }
            return vocabulary.get(d, 0, len) >= 0;
        }

        /** Single letters joined by one repeated separator: k.i.l.l, k-i-l-l, f*c*k (trailing separator allowed). */
        private boolean spaced(int a, int b) {
            if (b - a < 5) {
                return false;
            }
            char sep = f[a + 1];
            if (!isSpacer(sep)) {
                return false;
            }
            int end = f[b - 1] == sep ? b - 1 : b;
            if (((end - a) & 1) == 0) {
                return false;
            }
            int letters = 0;
            for (int k = a; k < end; k += 2) {
                char c = f[k];
                if (c == sep || !(isLetter(c) || isDigit(c) || isLeetSymbol(c))) {
                    return false;
                }
                if (isLetter(c)) {
                    letters++;
                }
                if (k + 1 < end && f[k + 1] != sep) {
                    return false;
                }
            }
            if (letters == 0 || (end - a + 1) / 2 < 3) {
                return false;
            }
            int start = rbLen;
            for (int k = a; k < end; k += 2) {
                rb[rbLen] = f[k];
                rf[rbLen++] = k;
            }
            addToken(SPACED, start, rbLen - start);
            return true;
        }

        private void addWord(int a, int b) {
            while (a < b && (f[a] == '\'' || f[a] == '!' || f[a] == '*' || f[a] == '|')) {
                a++;
            }
            while (b > a && (f[b - 1] == '\'' || f[b - 1] == '!' || f[b - 1] == '*' || f[b - 1] == '|')) {
                b--;
            }
            boolean alnum = false;
            for (int k = a; k < b && !alnum; k++) {
                alnum = isLetter(f[k]) || isDigit(f[k]);
            }
            if (alnum) {
                addRaw(WORD, a, b);
            }
        }

        private void addRaw(int kind, int a, int b) {
            int start = rbLen;
            for (int k = a; k < b; k++) {
                rb[rbLen] = f[k];
                rf[rbLen++] = k;
            }
            addToken(kind, start, b - a);
        }

        private void addToken(int kind, int off, int len) {
            if (rCount == rOff.length) {
                int cap = rCount * 2;
                rOff = Arrays.copyOf(rOff, cap);
                rLen = Arrays.copyOf(rLen, cap);
                rKind = Arrays.copyOf(rKind, cap);
            }
            rOff[rCount] = off;
            rLen[rCount] = len;
            rKind[rCount++] = kind;
        }

        // ---- 3. canonical tokens ----

        void canonicalize() {
            int t = 0;
            while (t < rCount) {
                if (isJoinable(t)) {
                    int s = t;
                    boolean letter = false;
                    while (s < rCount && isJoinable(s)) {
                        letter |= isLetter(rb[rOff[s]]);
                        s++;
                    }
                    if (s - t >= 3 && letter && joinSingles(t, s)) {
                        t = s;
                        continue;
                    }
                    for (; t < s; t++) {
                        canonicalize(t);
                    }
                    continue;
                }
                canonicalize(t);
                t++;
            }
        }

        private boolean isJoinable(int t) {
            if (rKind[t] != WORD || rLen[t] != 1) {
                return false;
            }
            char c = rb[rOff[t]];
            return isLetter(c) || isDigit(c) || isLeetSymbol(c);
        }

        /** "k i l l y o u": single chars are adjacent in rb, so the run is one slice. */
        private boolean joinSingles(int from, int to) {
            int off = rOff[from];
            int len = to - from;
            char[] d = scratch(len);
            for (boolean alt : new boolean[] {false, true}) {
                for (int k = 0; k < len; k++) {
                    d[k] = leet(rb[off + k], alt);
                }
                if (segment(d, 0, len, off)) {
                    return true;
                }
            }
            return false;
        }

        private void canonicalize(int t) {
            int off = rOff[t];
            int len = rLen[t];
            int kind = rKind[t];
            int fa = rf[off];
            int fb = rf[off + len - 1];
            if (kind == MENTION) {
                mentions++;
                emitWord(mentionId, fa, fb);
                return;
            }
            int letters = 0;
            int digitCount = 0;
            int symbols = 0;
            int stars = 0;
            boolean apostrophe = false;
            boolean ambiguous = false;
            boolean run3 = false;
            for (int k = 0; k < len; k++) {
                char c = rb[off + k];
                if (c >= 'a' && c <= 'z') {
                    letters++;
                } else if (isDigit(c)) {
                    digitCount++;
                    ambiguous |= c == '1';
                } else if (c == '\'') {
                    apostrophe = true;
                } else if (isLeetSymbol(c)) {
                    symbols++;
                    stars += c == '*' ? 1 : 0;
                    ambiguous |= c == '|';
                } else {
                    letters++;
                }
                run3 |= k >= 2 && c == rb[off + k - 1] && c == rb[off + k - 2];
            }
            if (apostrophe) {
                if (emitLexeme(rb, off, len, true, fa, fb)) {
                    return;
                }
                len = stripApostrophes(off, len);
                if (len == 0) {
                    return;
                }
            }
            if (letters == 0) {
                emitNumber(off, len, symbols, fa, fb);
                return;
            }
            if (emitLexeme(rb, off, len, false, fa, fb)) {
                return;
            }
            if (digitCount == 0 && symbols == 0 && !run3) {
                if (!((kind == HASHTAG || kind == SPACED) && segment(rb, off, len, off))) {
                    emitChars(rb, off, len, UNKNOWN, fa, fb);
                }
                return;
            }
            if (resolveEvasion(off, len, kind, digitCount + symbols > 0, run3, stars > 0, false, fa, fb)) {
                return;
            }
            if (ambiguous && resolveEvasion(off, len, kind, true, run3, stars > 0, true, fa, fb)) {
                return;
            }
            // Not a lexicon word: keep the typed form, stretched runs shortened to two.
            char[] d = scratch(len);
            int cl = 0;
            for (int k = 0; k < len; k++) {
                char c = rb[off + k];
                if (cl < 2 || c != d[cl - 1] || c != d[cl - 2]) {
                    d[cl++] = c;
                }
            }
            emitChars(d, 0, cl, vocabulary.get(d, 0, cl), fa, fb);
        }

        /** Emits the synonym expansion or the vocabulary word {@code src[off..off+len)} spells, if any. */
        private boolean emitLexeme(char[] src, int off, int len, boolean synonymOnly, int fa, int fb) {
            int code = lexemes.get(src, off, len);
            if (code < 0 || (synonymOnly && (code & 1) == 0)) {
                return false;
            }
            if ((code & 1) == 1) {
                emitSynonym(code >>> 1, fa, fb);
            } else {
                emitWord(code >>> 1, fa, fb);
            }
            return true;
        }

        private boolean resolveEvasion(int off, int len, int kind, boolean leet, boolean run3, boolean star,
                                       boolean alt, int fa, int fb) {
            char[] d = scratch(len);
            for (int k = 0; k < len; k++) {
                d[k] = leet(rb[off + k], alt);
            }
            if (leet && emitLexeme(d, 0, len, false, fa, fb)) {
                return true;
            }
            if (run3) {
                if (sk.length < len) {
                    sk = new char[Math.max(32, len * 2)];
                }
                int sl = skeleton(d, 0, len, sk);
                int id = skeletons.get(sk, 0, sl);
                if (id >= 0) {
                    emitWord(id, fa, fb);
                    return true;
                }
            }
            if (star) {
                int id = censored(d, len);
                if (id >= 0) {
                    emitWord(id, fa, fb);
                    return true;
                }
            }
            return (kind == HASHTAG || kind == SPACED) && segment(d, 0, len, off);
        }

        /** "f*ck", "sh**": the first lexicon word of that length that fits; at least half the chars are known. */
        private int censored(char[] d, int len) {
            if (len >= wordsByLength.length || d[0] == '*') {
                return UNKNOWN;
            }
            int known = 0;
            for (int k = 0; k < len; k++) {
                known += d[k] == '*' ? 0 : 1;
            }
            if (known < 2 || known * 2 < len) {
                return UNKNOWN;
            }
            for (int id : wordsByLength[len]) {
                String w = words[id];
                boolean fits = true;
                for (int k = 0; k < len && fits; k++) {
                    fits = d[k] == '*' || d[k] == w.charAt(k);
                }
                if (fits) {
                    return id;
                }
            }
            return UNKNOWN;
        }

        /**
         * Splits {@code d[dOff..dOff+len)} (char k came from rb[rbOff + k]) into the fewest lexicon words or
         * synonym keys, emitting them on success. At least one piece must have 3+ chars: splits into letters and
         * pairs ("u.s.a." into "us a") are noise, not words.
         */
        private boolean segment(char[] d, int dOff, int len, int rbOff) {
            if (len < 2 || len > MAX_SEGMENTED_LENGTH) {
                return false;
            }
            int inf = Integer.MAX_VALUE;
            int[] best = new int[len + 1];
            int[] from = new int[len + 1];
            int[] piece = new int[len + 1];
            Arrays.fill(best, inf);
            best[0] = 0;
            for (int i = 1; i <= len; i++) {
                for (int j = Math.max(0, i - maxPieceLength); j < i; j++) {
                    if (best[j] == inf || best[j] + 1 >= best[i]) {
                        continue;
                    }
                    int lexeme = lexemes.get(d, dOff + j, i - j);
                    if (lexeme < 0 || lexeme == mentionId * 2) {
                        continue;
                    }
                    int code = (lexeme & 1) == 0 ? lexeme >>> 1 : -2 - (lexeme >>> 1);
                    best[i] = best[j] + 1;
                    from[i] = j;
                    piece[i] = code;
                }
            }
            if (best[len] == inf) {
                return false;
            }
            int count = best[len];
            int[] starts = new int[count];
            int[] ends = new int[count];
            int[] codes = new int[count];
            boolean longPiece = false;
            for (int i = len, p = count - 1; i > 0; i = from[i], p--) {
                starts[p] = from[i];
                ends[p] = i;
                codes[p] = piece[i];
                longPiece |= i - from[i] >= 3;
            }
            if (!longPiece) {
                return false;
            }
            for (int p = 0; p < count; p++) {
                int fa = rf[rbOff + starts[p]];
                int fb = rf[rbOff + ends[p] - 1];
                if (codes[p] >= 0) {
                    emitWord(codes[p], fa, fb);
                } else {
                    emitSynonym(-2 - codes[p], fa, fb);
                }
            }
            return true;
        }

        private int stripApostrophes(int off, int len) {
            int w = off;
            for (int k = off; k < off + len; k++) {
                if (rb[k] != '\'') {
                    rb[w] = rb[k];
                    rf[w++] = rf[k];
                }
            }
            return w - off;
        }

        /** Tokens without letters: digits are kept ("2" may be a synonym of "to"), symbols dropped. */
        private void emitNumber(int off, int len, int symbols, int fa, int fb) {
            if (symbols == 0) {
                if (!emitLexeme(rb, off, len, false, fa, fb)) {
                    emitChars(rb, off, len, UNKNOWN, fa, fb);
                }
                return;
            }
            char[] d = scratch(len);
            int dl = 0;
            for (int k = 0; k < len; k++) {
                if (isDigit(rb[off + k])) {
                    d[dl++] = rb[off + k];
                }
            }
            if (dl > 0) {
                emitChars(d, 0, dl, UNKNOWN, fa, fb);
            }
        }

        private char[] scratch(int len) {
            if (dec.length < len) {
                dec = new char[Math.max(32, len * 2)];
            }
            return dec;
        }

        private void emitSynonym(int si, int fa, int fb) {
            String[] tokens = synonymTokens[si];
            int[] ids = synonymIds[si];
            for (int k = 0; k < tokens.length; k++) {
                emitString(tokens[k], ids[k], fa, fb);
            }
        }

        private void emitWord(int id, int fa, int fb) {
            emitString(words[id], id, fa, fb);
        }

        private void emitString(String s, int id, int fa, int fb) {
            int len = s.length();
            int at = beginToken(len);
            s.getChars(0, len, canon, at);
            endToken(at, len, id, fa, fb);
        }

        private void emitChars(char[] src, int off, int len, int id, int fa, int fb) {
            int at = beginToken(len);
            System.arraycopy(src, off, canon, at, len);
            endToken(at, len, id, fa, fb);
        }

        private int beginToken(int len) {
            if (cLen + len + 1 > canon.length) {
                canon = Arrays.copyOf(canon, Math.max(canon.length * 2, cLen + len + 1));
            }
            if (tCount > 0) {
                canon[cLen++] = ' ';
            }
            return cLen;
        }

        private void endToken(int at, int len, int id, int fa, int fb) {
            if (tCount == tOff.length) {
                int cap = tCount * 2;
                tOff = Arrays.copyOf(tOff, cap);
                tLen = Arrays.copyOf(tLen, cap);
                tId = Arrays.copyOf(tId, cap);
                tS = Arrays.copyOf(tS, cap);
                tE = Arrays.copyOf(tE, cap);
            }
            tOff[tCount] = at;
            tLen[tCount] = len;
            tId[tCount] = id;
            tS[tCount] = origStart(fa);
            tE[tCount] = origEnd(fb);
            tCount++;
            cLen = at + len;
        }

        /** Hands the (possibly grown) scratch buffers back for the thread's next message. */
        void release() {
            if (rb.length <= MAX_KEPT_SCRATCH) {
                scratch.rb = rb;
                scratch.rf = rf;
            }
            if (rOff.length <= MAX_KEPT_SCRATCH) {
                scratch.rOff = rOff;
                scratch.rLen = rLen;
                scratch.rKind = rKind;
            }
            if (dec.length <= MAX_KEPT_SCRATCH) {
                scratch.dec = dec;
            }
            if (sk.length <= MAX_KEPT_SCRATCH) {
                scratch.sk = sk;
            }
        }

        NormalizedText result() {
            return new NormalizedText(TextNormalizer.this, src, f, m, fs, fe, canon, cLen, tOff, tLen, tId, tS, tE, tCount, mentions,
                    digits, firstDigit, lastDigit, digitBits, asciiLow, asciiHigh);
        }
    }
}
