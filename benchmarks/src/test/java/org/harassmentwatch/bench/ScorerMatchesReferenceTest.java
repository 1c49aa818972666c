package org.harassmentwatch.bench;

import org.harassmentwatch.bench.reference.ReferenceAbuseScorer;
import org.harassmentwatch.scoring.AbuseScorer;
import org.harassmentwatch.scoring.AbuseScores;
import org.harassmentwatch.scoring.NormalizedText;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The optimised scorer must give exactly what the frozen pre-optimisation copy
 * ({@link org.harassmentwatch.bench.reference}) gives: every score bit, every evidence span, and the same normalised
 * text (tokens, offsets, folded view) for near-duplicate detection. Inputs: generated traffic in both benchmark length
 * profiles, plus adversarial texts built from the lexicon's own terms with evasions, unicode, numbers shaped like
 * the doxxing patterns, emojis, very long and empty texts.
 */
class ScorerMatchesReferenceTest {

    private static AbuseScorer scorer;
    private static ReferenceAbuseScorer reference;
    private static List<String> terms;

    @BeforeAll
    static void load() throws IOException {
        scorer = AbuseScorer.loadDefault();
        reference = ReferenceAbuseScorer.loadDefault();
        terms = new ArrayList<>();
        for (String file : List.of("lexicon-v1.tsv", "guards-v1.tsv", "normalization-v1.tsv")) {
            for (String line : resource("lexicons/" + file).split("\n")) {
                String[] fields = line.split("\t+");
                if (line.startsWith("#") || fields.length < 2) {
                    continue;
                }
                terms.add(fields[1].replaceAll("\\{[a-z0-9_]+}", "them"));
                if (fields.length > 2 && (fields[0].equals("synonym") || fields[0].equals("variant")
                        || fields[0].equals("set"))) {
                    terms.add(fields[2]);
                }
            }
        }
    }

    @Test
    void generatedTrafficScoresIdentically() {
        for (long seed : new long[] {42, 7}) {
            for (ScorerInputs.Lengths lengths : ScorerInputs.Lengths.values()) {
                ScorerInputs inputs = ScorerInputs.generate(seed, 15_000, lengths);
                for (int i = 0; i < inputs.texts.length; i++) {
                    assertSame(inputs.texts[i], inputs.upstream.get(i), inputs.addressed[i]);
                }
            }
        }
    }

    @Test
    void adversarialTextsScoreIdentically() {
        SplittableRandom random = new SplittableRandom(20261127);
        for (int i = 0; i < 40_000; i++) {
            int pieces = random.nextInt(10) == 0 ? 1 + random.nextInt(400) : 1 + random.nextInt(12);
            StringBuilder sb = new StringBuilder();
            for (int p = 0; p < pieces; p++) {
                if (p > 0 && random.nextInt(8) != 0) {
                    sb.append(random.nextInt(10) == 0 ? randomSeparator(random) : " ");
                }
                sb.append(piece(random));
            }
            assertSame(sb.toString(), upstream(random), random.nextBoolean());
        }
    }

    @Test
    void edgeCasesScoreIdentically() {
        for (String text : List.of("", " ", "\t\n", "@", "#", "@@", "##", "@a", "#a", "'", "''", "k", "k.", "k.i",
                "k.i.l", "k.i.l.l", "k.i.l.l.", ".k.i.l.l", "\uD83D", "\uDE02", "\uD83D\uDE02", "\u200B", "\u0301",
                "ﬁ", "Ⓚⓘⓛⓛ", "𝐤𝐢𝐥𝐥 𝐲𝐨𝐮𝐫𝐬𝐞𝐥𝐟", "ｋｉｌｌ ｙｏｕ", "07700 900123", "+44 7700 900 123",
                "(555) 123-4567", "192.168.0.1", "51.50135, -0.14189", "sw1a 1aa", "a@b.co", "221b baker street",
                "1 2 3 4 5 6 7 8 9 0", "k i l l y o u r s e l f", "f*ck", "s**t", "*", "***", "stuuuuupid",
                "1d10t", "|d|0t", "@$$hole", "#killyourself", "lol you idiot", "you idiot 😂", "i ❤️ you idiot")) {
            assertSame(text, null, false);
            assertSame(text, Map.of("toxicity", 0.9, "insult", 0.2), true);
        }
        assertSame("you idiot ".repeat(5_000), null, true);
        assertSame("x".repeat(100_000), null, false);
        assertSame("0".repeat(10_000), null, false);
    }

    private static void assertSame(String text, Map<String, Double> upstream, boolean addressed) {
        AbuseScores expected = reference.score(text, upstream, addressed);
        AbuseScores actual = scorer.score(text, upstream, addressed);
        assertThat(actual).as("scores of %s", quoted(text)).isEqualTo(expected);
        assertThat(Double.doubleToRawLongBits(actual.abuse())).isEqualTo(Double.doubleToRawLongBits(expected.abuse()));
        org.harassmentwatch.bench.reference.NormalizedText ref = reference.normalizer().normalize(text);
        NormalizedText got = scorer.normalizer().normalize(text);
        assertThat(got.text()).as("normalised %s", quoted(text)).isEqualTo(ref.text());
        assertThat(got.folded()).as("folded %s", quoted(text)).isEqualTo(ref.folded());
        assertThat(got.mentionCount()).as("mentions of %s", quoted(text)).isEqualTo(ref.mentionCount());
        assertThat(got.tokenCount()).isEqualTo(ref.tokenCount());
        for (int t = 0; t < got.tokenCount(); t++) {
            assertThat(got.tokenStart(t)).as("token %d start in %s", t, quoted(text)).isEqualTo(ref.tokenStart(t));
            assertThat(got.tokenEnd(t)).as("token %d end in %s", t, quoted(text)).isEqualTo(ref.tokenEnd(t));
        }
        for (int k = 0; k <= ref.folded().length(); k++) {
            assertThat(got.foldedToOriginalStart(k)).isEqualTo(ref.foldedToOriginalStart(k));
            assertThat(got.foldedToOriginalEnd(k)).isEqualTo(ref.foldedToOriginalEnd(k));
        }
    }

    private static String quoted(String text) {
        return "'" + (text.length() > 300 ? text.substring(0, 300) + "...(" + text.length() + " chars)" : text) + "'";
    }

    // ---- adversarial text pieces ----

    private static final String[] SEPARATORS = {".", "-", "_", "*", ",", "/", "|", "+", "~", ":", ";", "·", "•", "–",
        "—", "  ", "\t", "\n", "\u200B", "\u00A0", "!", "?", "'", "\"", "(", ")"};
    private static final String[] EMOJI = {"😂", "🤣", "😆", "😜", "❤️", "❤", "🎉", "🔪", "💀", "👍🏽", "🇬🇧", "\uFE0F"};
    private static final String[] WORDS = {"the", "you", "your", "u", "ur", "i", "will", "to", "a", "not", "don't",
        "i'm", "you're", "gonna", "lol", "haha", "love", "street", "st", "road", "lane", "address", "lives", "her",
        "him", "at", "on", "number", "call", "text", "email", "hey", "oi", "go", "shut", "up", "die", "kys", "idiot",
        "http://x.y/z", "https://example.org/a?b=c", "www.example.com", "@sam_k", "@jo@mastodon.social", "@ss",
        "@$$hole", "#kys", "#killyourself", "#love", "Scunthorpe", "assassin", "4h12", "2-1", "0", "1", "12"};

    private static String piece(SplittableRandom r) {
        return switch (r.nextInt(12)) {
            case 0, 1, 2 -> obfuscate(terms.get(r.nextInt(terms.size())), r);
            case 3, 4 -> obfuscate(WORDS[r.nextInt(WORDS.length)], r);
            case 5 -> number(r);
            case 6 -> EMOJI[r.nextInt(EMOJI.length)];
            case 7 -> randomChars(r);
            case 8 -> terms.get(r.nextInt(terms.size()));
            default -> WORDS[r.nextInt(WORDS.length)];
        };
    }

    private static String number(SplittableRandom r) {
        return switch (r.nextInt(10)) {
            case 0 -> "07" + digits(r, 3) + sep(r) + digits(r, 3) + sep(r) + digits(r, 3);
            case 1 -> "+44" + sep(r) + "7" + digits(r, 3) + sep(r) + digits(r, 6);
            case 2 -> "(" + (2 + r.nextInt(8)) + digits(r, 2) + ") " + digits(r, 3) + "-" + digits(r, 4);
            case 3 -> "+" + digits(r, 1 + r.nextInt(3)) + sep(r) + digits(r, 2 + r.nextInt(4)) + sep(r)
                    + digits(r, 3) + sep(r) + digits(r, 2 + r.nextInt(3));
            case 4 -> r.nextInt(2000) + (r.nextBoolean() ? "b" : "") + (r.nextBoolean() ? "," : "") + " "
                    + WORDS[r.nextInt(WORDS.length)] + " " + (r.nextBoolean() ? "baker " : "") + "street";
            case 5 -> (char) ('a' + r.nextInt(26)) + "" + r.nextInt(20) + (r.nextBoolean() ? "a" : "") + sep(r)
                    + r.nextInt(10) + (char) ('a' + r.nextInt(26)) + (char) ('a' + r.nextInt(26));
            case 6 -> digits(r, 1 + r.nextInt(6)) + "@" + "mail.example.co" + (r.nextBoolean() ? "m" : "");
            case 7 -> r.nextInt(300) + "." + r.nextInt(300) + "." + r.nextInt(300) + "." + r.nextInt(300)
                    + (r.nextBoolean() ? "." : "");
            case 8 -> (r.nextBoolean() ? "-" : "") + r.nextInt(90) + "." + digits(r, 3 + r.nextInt(4)) + ","
                    + (r.nextBoolean() ? " " : "") + "-" + r.nextInt(180) + "." + digits(r, 3 + r.nextInt(4));
            default -> digits(r, 1 + r.nextInt(14));
        };
    }

    private static String sep(SplittableRandom r) {
        return switch (r.nextInt(5)) {
            case 0 -> "";
            case 1 -> ".";
            case 2 -> "-";
            default -> " ";
        };
    }

    private static String digits(SplittableRandom r, int count) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < count; i++) {
            sb.append((char) ('0' + r.nextInt(10)));
        }
        return sb.toString();
    }

    private static String randomSeparator(SplittableRandom r) {
        return SEPARATORS[r.nextInt(SEPARATORS.length)];
    }

    private static String randomChars(SplittableRandom r) {
        StringBuilder sb = new StringBuilder();
        int n = 1 + r.nextInt(6);
        for (int i = 0; i < n; i++) {
            switch (r.nextInt(6)) {
                case 0 -> sb.append((char) (0x20 + r.nextInt(0x5f)));
                case 1 -> sb.append((char) (0x80 + r.nextInt(0x580)));
                case 2 -> sb.append((char) r.nextInt(0x10000)); // unpaired surrogates included
                case 3 -> sb.appendCodePoint(0x1D400 + r.nextInt(0x400));
                case 4 -> sb.appendCodePoint(0x1F100 + r.nextInt(0x600));
                default -> sb.append((char) (0xFF01 + r.nextInt(0x5e)));
            }
        }
        return sb.toString();
    }

    /** Evasions a sender uses: leetspeak, stretching, spacing, censoring, look-alikes, fullwidth, zero-width. */
    private static String obfuscate(String text, SplittableRandom r) {
        int mode = r.nextInt(14);
        StringBuilder sb = new StringBuilder();
        String sep = randomSeparator(r);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (mode) {
                case 0 -> sb.append(switch (c) {
                    case 'a' -> r.nextBoolean() ? "4" : "@";
                    case 'e' -> "3";
                    case 'i' -> r.nextBoolean() ? "1" : (r.nextBoolean() ? "!" : "|");
                    case 'l' -> r.nextBoolean() ? "1" : "|";
                    case 'o' -> "0";
                    case 's' -> r.nextBoolean() ? "5" : "$";
                    case 't' -> "7";
                    default -> String.valueOf(c);
                });
                case 1 -> sb.append(String.valueOf(c).repeat(r.nextInt(4) == 0 ? 3 + r.nextInt(4) : 1));
                case 2 -> sb.append(c).append(i + 1 < text.length() ? sep : "");
                case 3 -> sb.append(i > 0 && i + 1 < text.length() && r.nextInt(3) == 0 ? '*' : c);
                case 4 -> sb.append(switch (c) {
                    case 'a' -> 'а';
                    case 'e' -> 'е';
                    case 'o' -> 'ο';
                    case 'i' -> 'і';
                    case 'c' -> 'с';
                    case 'k' -> 'κ';
                    default -> c;
                });
                case 5 -> sb.append(c >= 'a' && c <= 'z' ? (char) (c - 'a' + 0xFF41) : c);
                case 6 -> sb.append(c).append(r.nextInt(3) == 0 ? "\u200B" : "");
                case 7 -> sb.append(r.nextBoolean() ? Character.toUpperCase(c) : c);
                case 8 -> sb.append(c == ' ' ? "" : String.valueOf(c));
                case 9 -> sb.append(c).append(r.nextInt(4) == 0 ? "\u0301" : "");
                case 10 -> {
                    if (c >= 'a' && c <= 'z') {
                        sb.appendCodePoint(0x1D41A + c - 'a');
                    } else {
                        sb.append(c);
                    }
                }
                case 11 -> sb.append(c == ' ' ? " " : c + " ");
                default -> sb.append(c);
            }
        }
        String out = sb.toString();
        return switch (r.nextInt(8)) {
            case 0 -> "#" + out.replace(" ", "");
            case 1 -> out.toUpperCase();
            default -> out;
        };
    }

    private static Map<String, Double> upstream(SplittableRandom r) {
        if (r.nextInt(3) != 0) {
            return r.nextBoolean() ? null : Map.of();
        }
        Map<String, Double> m = new HashMap<>();
        for (String key : List.of("toxicity", "severe_toxicity", "identity_attack", "insult", "profanity", "threat",
                "sexually_explicit", "unknown_key")) {
            if (r.nextBoolean()) {
                m.put(key, r.nextInt(4) == 0 ? 0.0 : r.nextDouble());
            }
        }
        return m;
    }

    private static String resource(String path) throws IOException {
        try (InputStream in = ScorerMatchesReferenceTest.class.getClassLoader().getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
