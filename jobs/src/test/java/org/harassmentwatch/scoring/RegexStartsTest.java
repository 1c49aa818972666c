package org.harassmentwatch.scoring;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class RegexStartsTest {

    /** Pieces random texts are made of: what the doxxing patterns look for, near misses and noise. */
    private static final String[] PIECES = {"0", "1", "2", "4", "5", "7", "9", "07", "+44", "+1", "+", "(", ")", ".",
        "-", ",", " ", "  ", "\t", "@", "_", "%", "a", "b", "e", "z", "sw", "1a", "1aa", "ab", "street", "st", "road",
        "baker", "the", "miles", "mail", "co", "com", "uk", "255", "256", "192", "10", "51", "5013", "x", "é", "ü",
        "😂", "'", "k", "m1", "1ae", "hill", "your"};

    @Test
    void everyShippedPatternIsAnalysed() {
        for (Lexicon.PatternRule rule : Lexicon.loadDefault().patterns) {
            assertThat(rule.starts()).as(rule.name()).isNotNull();
        }
    }

    @Test
    void findsExactlyWhatFindFindsForTheShippedPatterns() {
        SplittableRandom random = new SplittableRandom(11);
        List<Lexicon.PatternRule> rules = List.of(Lexicon.loadDefault().patterns);
        for (int i = 0; i < 30_000; i++) {
            String text = randomText(random);
            for (Lexicon.PatternRule rule : rules) {
                assertThat(viaStarts(rule.starts(), rule.pattern(), text)).as("%s in '%s'", rule.name(), text)
                        .isEqualTo(viaFind(rule.pattern(), text));
            }
        }
    }

    @Test
    void findsExactlyWhatFindFindsForOtherConstructs() {
        List<String> regexes = List.of("a{2}\\d", "(?:ab){1,2}\\d", "x\\d{0,2}y", "(?:a|bb)\\d", "\\d?a\\d",
                "(?:1\\d)?\\+\\d", "a(?=1)\\d", "(?<![a-z])ab|b", "(?<![\\d])\\d+(?!\\d)", "x?y", "(?:ab|c)+d", "\\bst\\b",
                "(?=a)\\w+", "[^a]b", "\\Sx", "a.c", "[+-]?\\d{2,}", "(?<!a)(?<=b)c", "a*?b", "a++b", "[\\w.%-]+@");
        SplittableRandom random = new SplittableRandom(5);
        for (String regex : regexes) {
            RegexStarts starts = RegexStarts.analyse(regex);
            assertThat(starts).as(regex).isNotNull();
            Pattern pattern = Pattern.compile(regex);
            for (int i = 0; i < 5_000; i++) {
                String text = randomText(random).replace("street", "abcd");
                assertThat(viaStarts(starts, pattern, text)).as("%s in '%s'", regex, text)
                        .isEqualTo(viaFind(pattern, text));
            }
        }
    }

    @Test
    void theNormalisersDigitBitsAreWhereTheFoldedTextHasDigits() {
        TextNormalizer normalizer = TextNormalizer.loadDefault();
        SplittableRandom random = new SplittableRandom(17);
        for (int i = 0; i < 5_000; i++) {
            String text = randomText(random) + (random.nextBoolean() ? "１２ⅷ٣" : "") + randomText(random);
            NormalizedText n = normalizer.normalize(text);
            long[] expected = RegexStarts.digitBits(n.foldedChars(), n.foldedLength());
            long[] actual = n.digitBits();
            assertThat(actual == null ? new java.util.BitSet() : java.util.BitSet.valueOf(actual)).as(text)
                    .isEqualTo(expected == null ? new java.util.BitSet() : java.util.BitSet.valueOf(expected));
            assertThat(actual == null).as(text).isEqualTo(expected == null);
        }
    }

    @Test
    void leadingLookBehindGuardsOnlyItsOwnBranch() {
        RegexStarts starts = RegexStarts.analyse("(?<![a-z])b|b");
        char[] text = "ab".toCharArray();
        assertThat(starts.canStartAt(text, 1, 2)).isTrue();
        RegexStarts guarded = RegexStarts.analyse("(?<![a-z])b");
        assertThat(guarded.canStartAt(text, 1, 2)).isFalse();
        assertThat(guarded.canStartAt("1b".toCharArray(), 1, 2)).isTrue();
    }

    @Test
    void aStartNeedsTheRegexesMandatoryRareCharWhereItMustBe() {
        RegexStarts postcode = RegexStarts.analyse("(?<![\\w])(?:[a-z]{1,2}\\d[a-z\\d]?)\\s*\\d[a-z]{2}(?![\\w])");
        assertThat(postcode.canStartAt("ab cd".toCharArray(), 0, 5)).isFalse();
        assertThat(postcode.canStartAt("ab1 cd".toCharArray(), 0, 6)).isTrue();
        assertThat(postcode.canStartAt("a1 2bc".toCharArray(), 0, 6)).isTrue();
        assertThat(postcode.canStartAt("abc1".toCharArray(), 0, 4)).isFalse();
    }

    @Test
    void regexesOutsideTheModelledSubsetAreNotAnalysed() {
        for (String regex : List.of("a*", "(?i)abc", "\\p{L}+", "(a)\\1", "é+", "^ab", "ab$", "x|", "(?<name>a)",
                "[a[b]]", "[a&&b]", "\\x41", "\\Qa\\E", "(?>a)")) {
            assertThat(RegexStarts.analyse(regex)).as(regex).isNull();
        }
    }

    private static String randomText(SplittableRandom random) {
        StringBuilder sb = new StringBuilder();
        int n = random.nextInt(25);
        for (int k = 0; k < n; k++) {
            sb.append(PIECES[random.nextInt(PIECES.length)]);
        }
        return sb.toString();
    }

    private static List<List<Integer>> viaFind(Pattern pattern, String text) {
        List<List<Integer>> out = new ArrayList<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            out.add(List.of(m.start(), m.end()));
        }
        return out;
    }

    private static List<List<Integer>> viaStarts(RegexStarts starts, Pattern pattern, String text) {
        List<List<Integer>> out = new ArrayList<>();
        char[] chars = text.toCharArray();
        RegexStarts.forEachMatch(starts, pattern, chars, text, 0, RegexStarts.digitBits(chars, chars.length),
                (s, e) -> out.add(List.of(s, e)));
        return out;
    }
}
