package org.harassmentwatch.bench.reference;

import org.harassmentwatch.scoring.AbuseScores;
import org.harassmentwatch.scoring.Category;
import org.harassmentwatch.scoring.EvidenceSpan;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;

/**
 * The built-in abuse scorer: lexicon and pattern matching over {@link TextNormalizer normalised} text, a
 * directedness estimate, and a documented combination with upstream classifier scores.
 *
 * <p>Create once per operator ({@link #loadDefault()}), then call {@link #score} from any thread: the instance
 * is immutable after loading. It is {@link Serializable} so it can sit in a Flink function field.
 *
 * <h2>Built-in category scores</h2>
 * Every surviving lexicon/pattern match adds its weight to its category by noisy-or:
 * {@code s_c = 1 - Π(1 - w_i)}. A match survives unless
 * <ul>
 *   <li>it overlaps a guard phrase for its category ({@code killed it}, {@code kill the process},
 *       {@code you're the bomb}),</li>
 *   <li>a prefix guard for its category comes right before it (fillers and articles between are ignored):
 *       {@code don't} before {@code kill yourself}, {@code not} before {@code an idiot},
 *       {@code i am} before {@code stupid},</li>
 *   <li>it is flagged {@code near2p} (ambiguous words such as {@code kill}) and no second-person word or
 *       {@code @mention} is within {@value #NEAR_BEFORE} tokens before or {@value #NEAR_AFTER} tokens after
 *       it,</li>
 *   <li>it is flagged {@code start} and does not open the message,</li>
 *   <li>a longer match of the same category contains it (so {@code kill you} inside {@code i will kill you}
 *       is not counted twice), or it is a {@code near2p} word inside a longer match of any category
 *       ({@code kill} inside {@code kill yourself} is self-harm encouragement, not a threat).</li>
 * </ul>
 *
 * <h2>Directedness</h2>
 * {@code D = 1 - (1 - 0.7·secondPerson)(1 - 0.5·opening)(1 - 0.5·mention)(1 - 0.4·addressedChannel)}, each
 * indicator 0 or 1: a second-person word anywhere ({@code you, your, yourself, u, ur, you're...});
 * the message opens (after mentions and {@code hey}/{@code oi}) with an imperative ({@code go, shut, die,
 * fuck...}) or with an insult, a lone slur, or a sexual or self-harm demand (a vocative such as
 * {@code idiot, nobody asked}, or {@code kys}); an {@code @mention};
 * the caller says the message is a reply, mention or direct message.
 *
 * <h2>Combination with upstream scores</h2>
 * Upstream keys (Perspective/Detoxify names, each 0..1, all optional, unknown keys ignored):
 * <pre>
 *   threat            = max(builtin, threat)
 *   identity_attack   = max(builtin, identity_attack)
 *   insult            = max(builtin, insult, D ≥ 0.5 ? max(severe_toxicity, 0.8·toxicity) : 0)
 *   sexual_harassment = max(builtin, D ≥ 0.5 ? sexually_explicit : 0)
 *   profanity         = max(builtin, profanity)
 *   self_harm_encouragement, doxxing: built-in only (no upstream equivalent)
 * </pre>
 * Toxicity is a property of language, not of a target: it only becomes an insult when the message is aimed at
 * someone. Explicit content is harassment only when aimed. Each upstream value that raises a category is kept
 * as evidence {@code upstream:KEY} spanning the whole text.
 *
 * <h2>Abuse</h2>
 * {@code abuse = max over harmful categories c (all but profanity) of
 * max(s_c · (0.4 + 0.6·D), o_c · (0.85 + 0.15·D))}, where {@code o_c} is the noisy-or of the matches flagged
 * {@code object}: threats of death or serious harm and doxxing that name their object ({@code kill him},
 * {@code i know where she lives}, a street address). Undirected content therefore keeps at most 0.4, below
 * {@link #DEFAULT_ABUSIVE_THRESHOLD}, unless it carries its own object. Profanity never raises abuse.
 */
public final class ReferenceAbuseScorer implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Messages whose {@link AbuseScores#abuse()} reaches this are abusive by default. */
    public static final double DEFAULT_ABUSIVE_THRESHOLD = 0.5;

    public static final String UPSTREAM_TOXICITY = "toxicity";
    public static final String UPSTREAM_SEVERE_TOXICITY = "severe_toxicity";
    public static final String UPSTREAM_IDENTITY_ATTACK = "identity_attack";
    public static final String UPSTREAM_INSULT = "insult";
    public static final String UPSTREAM_PROFANITY = "profanity";
    public static final String UPSTREAM_THREAT = "threat";
    public static final String UPSTREAM_SEXUALLY_EXPLICIT = "sexually_explicit";

    static final double WEIGHT_SECOND_PERSON = 0.7;
    static final double WEIGHT_OPENING = 0.5;
    static final double WEIGHT_MENTION = 0.5;
    static final double WEIGHT_ADDRESSED_CHANNEL = 0.4;
    static final double UNDIRECTED_FACTOR = 0.4;
    static final double OBJECT_FACTOR = 0.85;
    static final double DIRECTED = 0.5;
    static final double TOXICITY_TO_INSULT = 0.8;
    static final int NEAR_BEFORE = 4;
    static final int NEAR_AFTER = 3;
    private static final int MAX_FILLER_SKIP = 2;
    private static final int MAX_PREFIX_SKIP = 3;

    private static final Category[] CATEGORIES = Category.values();
    private static final Comparator<EvidenceSpan> EVIDENCE_ORDER = Comparator.comparingInt(EvidenceSpan::start)
            .thenComparingInt(EvidenceSpan::end)
            .thenComparing(EvidenceSpan::category)
            .thenComparing(EvidenceSpan::term);

    private final Lexicon lexicon;

    private ReferenceAbuseScorer(Lexicon lexicon) {
        this.lexicon = lexicon;
    }

    /** The scorer with the default lexicon version's resource files. */
    public static ReferenceAbuseScorer loadDefault() {
        return new ReferenceAbuseScorer(Lexicon.loadDefault());
    }

    /** The scorer of an older or newer lexicon version shipped on the classpath, e.g. {@code "v1"}. */
    public static ReferenceAbuseScorer load(String fileVersion) {
        return new ReferenceAbuseScorer(Lexicon.load(fileVersion));
    }

    /** Compiles a scorer from file contents (for tests and tuning); keys are file names such as lexicon-v1.tsv. */
    static ReferenceAbuseScorer compile(String fileVersion, Map<String, String> files) {
        return new ReferenceAbuseScorer(Lexicon.compile(fileVersion, files));
    }

    /** The lexicon version recorded in provenance, e.g. {@code lexicon-v1}. */
    public String version() {
        return lexicon.version;
    }

    /** SHA-256 (hex) over the resource files this scorer was built from, for audit trails. */
    public String lexiconSha256() {
        return lexicon.contentSha256;
    }

    /** The normaliser this scorer matches with (same vocabulary), e.g. for near-duplicate detection. */
    public TextNormalizer normalizer() {
        return lexicon.normalizer;
    }

    /** True when the message's abuse reaches {@code threshold}. */
    public static boolean isAbusive(AbuseScores scores, double threshold) {
        Objects.requireNonNull(scores, "scores must not be null");
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("threshold must be in [0, 1] but was " + threshold);
        }
        return scores.abuse() >= threshold;
    }

    /**
     * Scores one message.
     *
     * @param text             the message text as sent
     * @param upstreamScores   upstream classifier scores by attribute name (each 0..1); null or empty when none
     * @param addressedChannel whether the platform delivered it as a reply, mention or direct message
     * @throws IllegalArgumentException when an upstream score is null, not finite or outside [0, 1]
     */
    public AbuseScores score(String text, Map<String, Double> upstreamScores, boolean addressedChannel) {
        return score(lexicon.normalizer.normalize(text), upstreamScores, addressedChannel);
    }

    /**
     * Scores an already normalised message, e.g. one also used for near-duplicate detection.
     *
     * @throws IllegalArgumentException when {@code text} was not produced by {@link #normalizer()}
     */
    public AbuseScores score(NormalizedText text, Map<String, Double> upstreamScores, boolean addressedChannel) {
        Objects.requireNonNull(text, "text must not be null");
        if (text.normalizer() != lexicon.normalizer) {
            throw new IllegalArgumentException("text was normalised by another lexicon's normaliser; use "
                    + "normalizer() of this scorer (" + lexicon.version + ")");
        }
        validateUpstream(upstreamScores);
        Matches found = findMatches(text);
        Matches kept = filter(text, found);
        List<EvidenceSpan> evidence = new ArrayList<>(kept.count + 2);

        double[] notScore = new double[CATEGORIES.length];
        double[] notObject = new double[CATEGORIES.length];
        java.util.Arrays.fill(notScore, 1);
        java.util.Arrays.fill(notObject, 1);
        for (int k = 0; k < kept.count; k++) {
            Lexicon.Entry e = lexicon.entries[kept.entry[k]];
            int c = e.category().ordinal();
            notScore[c] *= 1 - e.weight();
            if (e.has(Lexicon.FLAG_OBJECT)) {
                notObject[c] *= 1 - e.weight();
            }
            evidence.add(new EvidenceSpan(e.category().field(), e.term(),
                    text.tokenStart(kept.start[k]), text.tokenEnd(kept.end[k] - 1)));
        }
        matchPatterns(text, notScore, notObject, evidence);

        double directedness = directedness(text, kept, addressedChannel);
        double[] score = new double[CATEGORIES.length];
        double[] object = new double[CATEGORIES.length];
        for (int c = 0; c < score.length; c++) {
            score[c] = 1 - notScore[c];
            object[c] = 1 - notObject[c];
        }
        if (upstreamScores != null && !upstreamScores.isEmpty()) {
            combineUpstream(text.original(), upstreamScores, directedness, score, evidence);
        }
        if (softened(text, score)) {
            for (int c = 0; c < score.length; c++) {
                if ((lexicon.softenerMask & (1 << c)) != 0) {
                    score[c] *= lexicon.softenerFactor;
                    object[c] *= lexicon.softenerFactor;
                }
            }
        }

        double plainFactor = UNDIRECTED_FACTOR + (1 - UNDIRECTED_FACTOR) * directedness;
        double objectFactor = OBJECT_FACTOR + (1 - OBJECT_FACTOR) * directedness;
        double abuse = 0;
        for (Category c : CATEGORIES) {
            if (c != Category.PROFANITY) {
                abuse = Math.max(abuse, Math.max(score[c.ordinal()] * plainFactor, object[c.ordinal()] * objectFactor));
            }
        }
        if (evidence.size() > 1) {
            evidence.sort(EVIDENCE_ORDER);
        }
        return new AbuseScores(
                score[Category.THREAT.ordinal()],
                score[Category.IDENTITY_ATTACK.ordinal()],
                score[Category.INSULT.ordinal()],
                score[Category.SEXUAL_HARASSMENT.ordinal()],
                score[Category.SELF_HARM.ordinal()],
                score[Category.DOXXING.ordinal()],
                score[Category.PROFANITY.ordinal()],
                directedness,
                Math.min(1, abuse),
                evidence.isEmpty() ? List.of() : List.copyOf(evidence));
    }

    /**
     * Laughter or affection markers ("lol", "haha", "love you", 😂) soften mild insults: friends tease like that.
     * Only when nothing graver than the softened categories scored (a threat with "lol" stays a threat).
     */
    private boolean softened(NormalizedText text, double[] score) {
        if (lexicon.softenerMask == 0) {
            return false;
        }
        for (int c = 0; c < score.length; c++) {
            if ((lexicon.softenerMask & (1 << c)) == 0 && CATEGORIES[c] != Category.PROFANITY && score[c] >= 0.3) {
                return false;
            }
        }
        String padded = " " + text.text() + " ";
        for (String word : lexicon.softenerWords) {
            if (padded.contains(" " + word + " ")) {
                return true;
            }
        }
        String original = text.original();
        for (String symbol : lexicon.softenerSymbols) {
            if (original.contains(symbol)) {
                return true;
            }
        }
        return false;
    }

    // ---- matching ----

    /** Parallel arrays of (entry, start token, end token exclusive). */
    private static final class Matches {
        int[] entry = new int[8];
        int[] start = new int[8];
        int[] end = new int[8];
        int count;

        void add(int e, int s, int t) {
            if (count == entry.length) {
                entry = java.util.Arrays.copyOf(entry, count * 2);
                start = java.util.Arrays.copyOf(start, count * 2);
                end = java.util.Arrays.copyOf(end, count * 2);
            }
            entry[count] = e;
            start[count] = s;
            end[count++] = t;
        }
    }

    private static final Matches NONE = new Matches();

    /** Every lexicon phrase (and guard phrase) in the token sequence; fillers may sit inside a phrase. */
    private Matches findMatches(NormalizedText text) {
        Matches out = null;
        int n = text.tokenCount();
        for (int i = 0; i < n; i++) {
            int id = text.tokenId(i);
            if (id < 0) {
                continue;
            }
            int node = lexicon.child(0, id);
            int last = i;
            while (node >= 0) {
                int[] terminal = lexicon.trieTerminals[node];
                if (terminal != null) {
                    if (out == null) {
                        out = new Matches();
                    }
                    for (int e : terminal) {
                        out.add(e, i, last + 1);
                    }
                }
                int next = -1;
                int skipped = 0;
                int k = last + 1;
                while (k < n) {
                    int tid = text.tokenId(k);
                    if (tid < 0) {
                        break;
                    }
                    next = lexicon.child(node, tid);
                    if (next >= 0 || !lexicon.filler[tid] || skipped == MAX_FILLER_SKIP) {
                        break;
                    }
                    skipped++;
                    k++;
                }
                if (next < 0) {
                    break;
                }
                node = next;
                last = k;
            }
        }
        return out == null ? NONE : out;
    }

    private Matches filter(NormalizedText text, Matches found) {
        if (found.count == 0) {
            return found;
        }
        int first = firstContentToken(text);
        Matches kept = new Matches();
        for (int k = 0; k < found.count; k++) {
            Lexicon.Entry e = lexicon.entries[found.entry[k]];
            int s = found.start[k];
            int t = found.end[k];
            if (e.isGuard()
                    || guarded(found, e.category(), s, t)
                    || prefixGuarded(text, e.category(), s)
                    || (e.has(Lexicon.FLAG_NEAR_2P) && !addresseeNear(text, s, t))
                    || (e.has(Lexicon.FLAG_START) && s != first)) {
                continue;
            }
            kept.add(found.entry[k], s, t);
        }
        // A match inside a longer match of the same category is the same evidence; an ambiguous (near2p) word
        // inside a longer phrase of any category is explained by that phrase ("kill" in "kill yourself").
        Matches out = new Matches();
        for (int a = 0; a < kept.count; a++) {
            Lexicon.Entry ea = lexicon.entries[kept.entry[a]];
            boolean inside = false;
            for (int b = 0; b < kept.count && !inside; b++) {
                inside = b != a
                        && (lexicon.entries[kept.entry[b]].category() == ea.category() || ea.has(Lexicon.FLAG_NEAR_2P))
                        && kept.start[b] <= kept.start[a] && kept.end[a] <= kept.end[b]
                        && kept.end[b] - kept.start[b] > kept.end[a] - kept.start[a];
            }
            if (!inside) {
                out.add(kept.entry[a], kept.start[a], kept.end[a]);
            }
        }
        return out;
    }

    private boolean guarded(Matches found, Category category, int s, int t) {
        int bit = 1 << category.ordinal();
        for (int g = 0; g < found.count; g++) {
            Lexicon.Entry guard = lexicon.entries[found.entry[g]];
            if (guard.isGuard() && (guard.guardMask() & bit) != 0 && found.start[g] < t && s < found.end[g]) {
                return true;
            }
        }
        return false;
    }

    private boolean prefixGuarded(NormalizedText text, Category category, int s) {
        int[][] prefixes = lexicon.prefixGuards[category.ordinal()];
        if (prefixes.length == 0 || s == 0) {
            return false;
        }
        int p = s - 1;
        for (int skipped = 0; p >= 0 && skipped < MAX_PREFIX_SKIP; skipped++, p--) {
            int id = text.tokenId(p);
            if (id < 0 || !(lexicon.filler[id] || lexicon.article[id])) {
                break;
            }
        }
        for (int[] reversed : prefixes) {
            boolean match = p - reversed.length + 1 >= 0;
            for (int q = 0; q < reversed.length && match; q++) {
                match = text.tokenId(p - q) == reversed[q];
            }
            if (match) {
                return true;
            }
        }
        return false;
    }

    private boolean addresseeNear(NormalizedText text, int s, int t) {
        int from = Math.max(0, s - NEAR_BEFORE);
        int to = Math.min(text.tokenCount(), t + NEAR_AFTER);
        int mention = lexicon.normalizer.mentionId();
        for (int k = from; k < to; k++) {
            int id = text.tokenId(k);
            if (id >= 0 && (lexicon.secondPerson[id] || id == mention)) {
                return true;
            }
        }
        return false;
    }

    /** Index of the first token after leading mentions and vocative openers ("hey", "oi"). */
    private int firstContentToken(NormalizedText text) {
        int mention = lexicon.normalizer.mentionId();
        int k = 0;
        while (k < text.tokenCount()) {
            int id = text.tokenId(k);
            if (id < 0 || !(id == mention || lexicon.vocativeLead[id])) {
                break;
            }
            k++;
        }
        return k;
    }

    private void matchPatterns(NormalizedText text, double[] notScore, double[] notObject,
                               List<EvidenceSpan> evidence) {
        for (Lexicon.PatternRule rule : lexicon.patterns) {
            if (text.digitCount() < rule.minDigits()
                    || (rule.requiredChar() != 0 && !text.containsAscii(rule.requiredChar()))
                    || (rule.requiredWordSet() != null && !hasWordIn(text, rule.requiredWordSet()))
                    || (rule.requiredShapes() != null && !hasShapes(text, rule.requiredShapes()))) {
                continue;
            }
            Matcher m = rule.pattern().matcher(text.folded());
            while (m.find()) {
                int c = rule.category().ordinal();
                notScore[c] *= 1 - rule.weight();
                if (rule.has(Lexicon.FLAG_OBJECT)) {
                    notObject[c] *= 1 - rule.weight();
                }
                evidence.add(new EvidenceSpan(rule.category().field(), rule.name(),
                        text.foldedToOriginalStart(m.start()), text.foldedToOriginalEnd(m.end())));
            }
        }
    }

    /** Every group has at least one shape present (shape:A|B&shape:C means (A or B) and C). */
    private static boolean hasShapes(NormalizedText text, String[][] groups) {
        for (String[] alternatives : groups) {
            boolean any = false;
            for (int k = 0; k < alternatives.length && !any; k++) {
                any = hasShape(text, alternatives[k]);
            }
            if (!any) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether some substring of the folded text has the shape: {@code a} a letter a-z, {@code 9} a digit,
     * {@code w} either, anything else itself ("a9" gates postcodes, "9.9" IP addresses, "w@w" e-mail).
     */
    static boolean hasShape(NormalizedText text, String shape) {
        int n = text.foldedLength() - shape.length();
        for (int i = 0; i <= n; i++) {
            int k = 0;
            while (k < shape.length() && fitsShape(text.foldedCharAt(i + k), shape.charAt(k))) {
                k++;
            }
            if (k == shape.length()) {
                return true;
            }
        }
        return false;
    }

    private static boolean fitsShape(char c, char shape) {
        return switch (shape) {
            case 'a' -> c >= 'a' && c <= 'z';
            case '9' -> c >= '0' && c <= '9';
            case 'w' -> (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
            default -> c == shape;
        };
    }

    private static boolean hasWordIn(NormalizedText text, boolean[] set) {
        for (int k = 0; k < text.tokenCount(); k++) {
            int id = text.tokenId(k);
            if (id >= 0 && set[id]) {
                return true;
            }
        }
        return false;
    }

    // ---- directedness and combination ----

    private double directedness(NormalizedText text, Matches kept, boolean addressedChannel) {
        boolean secondPerson = false;
        for (int k = 0; k < text.tokenCount() && !secondPerson; k++) {
            int id = text.tokenId(k);
            secondPerson = id >= 0 && lexicon.secondPerson[id];
        }
        int first = firstContentToken(text);
        boolean opening = false;
        if (first < text.tokenCount()) {
            int id = text.tokenId(first);
            opening = (id >= 0 && lexicon.imperative[id]) || startsHarmfulMatch(kept, first)
                    || (id >= 0 && (lexicon.filler[id] || lexicon.article[id]) && startsHarmfulMatch(kept, first + 1));
        }
        double notDirected = (secondPerson ? 1 - WEIGHT_SECOND_PERSON : 1)
                * (opening ? 1 - WEIGHT_OPENING : 1)
                * (text.mentionCount() > 0 ? 1 - WEIGHT_MENTION : 1)
                * (addressedChannel ? 1 - WEIGHT_ADDRESSED_CHANNEL : 1);
        return 1 - notDirected;
    }

    /**
     * A vocative or a demand opening the message: an insult ("idiot, ...", "piece of shit"), a lone slur, a
     * sexual or self-harm demand ("kys", "send nudes"). Threats, doxxing and hateful statements
     * ("{group} are vermin") open messages without addressing anyone.
     */
    private boolean startsHarmfulMatch(Matches kept, int token) {
        for (int k = 0; k < kept.count; k++) {
            if (kept.start[k] != token) {
                continue;
            }
            Category c = lexicon.entries[kept.entry[k]].category();
            if (c == Category.INSULT || c == Category.SEXUAL_HARASSMENT || c == Category.SELF_HARM
                    || (c == Category.IDENTITY_ATTACK && kept.end[k] - kept.start[k] == 1)) {
                return true;
            }
        }
        return false;
    }

    private static void validateUpstream(Map<String, Double> upstream) {
        if (upstream == null) {
            return;
        }
        for (Map.Entry<String, Double> e : upstream.entrySet()) {
            Double v = e.getValue();
            if (v == null || !(v >= 0 && v <= 1)) {
                throw new IllegalArgumentException("upstream score '" + e.getKey() + "' must be in [0, 1] but was "
                        + v);
            }
        }
    }

    private static void combineUpstream(String original, Map<String, Double> upstream, double directedness,
                                        double[] score, List<EvidenceSpan> evidence) {
        boolean directed = directedness >= DIRECTED;
        String[] liftedBy = new String[score.length];
        lift(score, liftedBy, Category.THREAT, UPSTREAM_THREAT, upstream, 1);
        lift(score, liftedBy, Category.IDENTITY_ATTACK, UPSTREAM_IDENTITY_ATTACK, upstream, 1);
        lift(score, liftedBy, Category.INSULT, UPSTREAM_INSULT, upstream, 1);
        lift(score, liftedBy, Category.PROFANITY, UPSTREAM_PROFANITY, upstream, 1);
        if (directed) {
            lift(score, liftedBy, Category.INSULT, UPSTREAM_SEVERE_TOXICITY, upstream, 1);
            lift(score, liftedBy, Category.INSULT, UPSTREAM_TOXICITY, upstream, TOXICITY_TO_INSULT);
            lift(score, liftedBy, Category.SEXUAL_HARASSMENT, UPSTREAM_SEXUALLY_EXPLICIT, upstream, 1);
        }
        for (Category c : CATEGORIES) {
            if (liftedBy[c.ordinal()] != null) {
                evidence.add(new EvidenceSpan(c.field(), "upstream:" + liftedBy[c.ordinal()], 0, original.length()));
            }
        }
    }

    /** Raises a category to an upstream value when that is higher, remembering which key did it. */
    private static void lift(double[] score, String[] liftedBy, Category category, String key,
                             Map<String, Double> upstream, double scale) {
        Double value = upstream.get(key);
        if (value != null && value * scale > score[category.ordinal()]) {
            score[category.ordinal()] = value * scale;
            liftedBy[category.ordinal()] = key;
        }
    }
}
