package org.harassmentwatch.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TextNormalizerTest {
    private static final TextNormalizer NORMALIZER = TextNormalizer.loadDefault();

    private static String norm(String text) {
        return NORMALIZER.normalize(text).text();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "you are a 1d10t        | you are a idiot",
        "k1ll                   | kill",
        "ki11                   | kill",
        "$h!t                   | shit",
        "5h1t                   | shit",
        "b!tch                  | bitch",
        "a$$hole                | asshole",
        "@ss                    | ass",
        "n1gg3r                 | nigger",
        "y0u                    | you",
    })
    void leetspeakDecodesToLexiconWords(String typed, String canonical) {
        assertThat(norm(typed)).isEqualTo(canonical);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "k.i.l.l y.o.u          | kill you",
        "k-i-l-l                | kill",
        "k_i_l_l                | kill",
        "k.i.l.l.               | kill",
        "f*c*k                  | fuck",
        "k i l l y o u          | kill you",
        "go d i e               | go die",
        "k y s                  | kys",
        "k.i.l.l.y.o.u.r.s.e.l.f | kill yourself",
    })
    void separatedLettersAreJoinedAndSplitIntoWords(String typed, String canonical) {
        assertThat(norm(typed)).isEqualTo(canonical);
    }

    @Test
    void ordinarySingleLettersAreNotJoined() {
        assertThat(norm("u r a loser")).isEqualTo("you are a loser");
        assertThat(norm("I a m")).isEqualTo("i a m");
        assertThat(norm("1 2 3")).isEqualTo("1 to 3");
        assertThat(norm("U.S.A. rules")).isEqualTo("usa rules");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "stuuupid               | stupid",
        "stuuuuuuupid           | stupid",
        "kiiiilllll             | kill",
        "kiiill                 | kill",
        "fuuuuuck               | fuck",
        "yoouuuu                | you",
        "sooooo good            | so good",
        "yesssss                | yess",
    })
    void stretchedLettersCollapseToLexiconWords(String typed, String canonical) {
        assertThat(norm(typed)).isEqualTo(canonical);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "ｋｉｌｌ ｙｏｕ              | kill you",
        "𝐢𝐝𝐢𝐨𝐭                  | idiot",
        "𝓲𝓭𝓲𝓸𝓽                  | idiot",
        "ⓘⓓⓘⓞⓣ                  | idiot",
        "іdіоt                  | idiot",
        "ΙDΙΟΤ                  | idiot",
        "ïdïöt                  | idiot",
        "ɪᴅɪᴏᴛ                  | idiot",
        "KILL YOU               | kill you",
    })
    void unicodeLookAlikesFoldToLatin(String typed, String canonical) {
        assertThat(norm(typed)).isEqualTo(canonical);
    }

    @Test
    void zeroWidthAndCombiningCharactersAreRemoved() {
        assertThat(norm("id\u200Biot")).isEqualTo("idiot");
        assertThat(norm("k\u200Di\u2060l\uFEFFl")).isEqualTo("kill");
        assertThat(norm("i\u0336d\u0336i\u0336o\u0336t\u0336")).isEqualTo("idiot");
        assertThat(norm("stu\u00ADpid")).isEqualTo("stupid");
    }

    @Test
    void censoredWordsResolveToTheSwearWord() {
        assertThat(norm("f*ck you")).isEqualTo("fuck you");
        assertThat(norm("f**k")).isEqualTo("fuck");
        assertThat(norm("sh*t")).isEqualTo("shit");
        assertThat(norm("*sigh*")).isEqualTo("sigh");
    }

    @Test
    void chatSpellingsAndContractionsUseTheSynonymTable() {
        assertThat(norm("ur gonna die")).isEqualTo("your going to die");
        assertThat(norm("I'll find u")).isEqualTo("i will find you");
        assertThat(norm("you’re a joke")).isEqualTo("your a joke");
        assertThat(norm("imma kill u")).isEqualTo("i am going to kill you");
        assertThat(norm("stfu")).isEqualTo("shut the fuck up");
    }

    @Test
    void mentionsBecomeOneTokenAndUrlsAreDropped() {
        NormalizedText t = NORMALIZER.normalize("@Bob_99 look https://example.com/kill?x=1 @alice@mastodon.social");
        assertThat(t.text()).isEqualTo("@ look @");
        assertThat(t.mentionCount()).isEqualTo(2);
        assertThat(t.tokenStart(2)).isEqualTo(42);
        assertThat(t.tokenEnd(2)).isEqualTo(64);
    }

    @Test
    void hashtagsAreSplitIntoLexiconWordsWhenTheyCan() {
        assertThat(norm("#killyourself")).isEqualTo("kill yourself");
        assertThat(norm("#diebitch")).isEqualTo("die bitch");
        assertThat(norm("#MondayMotivation")).isEqualTo("mondaymotivation");
    }

    @Test
    void wordsInsideOtherWordsAreNotSplitOut() {
        assertThat(norm("Scunthorpe")).isEqualTo("scunthorpe");
        assertThat(norm("assassin's creed")).isEqualTo("assassins creed");
        assertThat(norm("therapist")).isEqualTo("therapist");
    }

    @Test
    void punctuationSeparatesWordsButIsNotKept() {
        assertThat(norm("idiot!!! (seriously)... well-known")).isEqualTo("idiot seriously well known");
        assertThat(norm("  spaces\tand\nnewlines  ")).isEqualTo("spaces and newlines");
        assertThat(norm("")).isEmpty();
        assertThat(NORMALIZER.normalize("!!! ... ???").tokenCount()).isZero();
    }

    @Test
    void tokenOffsetsPointAtWhatWasTyped() {
        String original = "Hey 𝐢𝐝𝐢𝐨𝐭, k.i.l.l y o u r s e l f! I'll";
        NormalizedText t = NORMALIZER.normalize(original);
        assertThat(t.tokens()).containsExactly("hey", "idiot", "kill", "yourself", "i", "will");
        assertThat(typed(t, 1)).isEqualTo("𝐢𝐝𝐢𝐨𝐭");
        assertThat(typed(t, 2)).isEqualTo("k.i.l.l");
        assertThat(typed(t, 3)).isEqualTo("y o u r s e l f");
        assertThat(typed(t, 4)).isEqualTo("I'll");
        assertThat(typed(t, 5)).isEqualTo("I'll");
    }

    @Test
    void tokenOffsetsSurviveZeroWidthAndFullwidthCharacters() {
        String original = "ｙｏｕ a\u200Bs\u200Bs";
        NormalizedText t = NORMALIZER.normalize(original);
        assertThat(t.tokens()).containsExactly("you", "ass");
        assertThat(typed(t, 0)).isEqualTo("ｙｏｕ");
        assertThat(typed(t, 1)).isEqualTo("a\u200Bs\u200Bs");
    }

    @Test
    void textOffsetsMapBackAtTokenGranularity() {
        String original = "You  STUUUPID  k.i.l.l";
        NormalizedText t = NORMALIZER.normalize(original);
        assertThat(t.text()).isEqualTo("you stupid kill");
        int stupid = t.text().indexOf("stupid");
        assertThat(original.substring(t.originalStart(stupid), t.originalEnd(stupid + "stupid".length())))
                .isEqualTo("STUUUPID");
        assertThat(original.substring(t.originalStart(0), t.originalEnd(t.text().length())))
                .isEqualTo("You  STUUUPID  k.i.l.l");
        assertThatThrownBy(() -> t.originalStart(99)).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("99");
    }

    @Test
    void foldedViewKeepsLayoutAndMapsEveryChar() {
        String original = "Ｃall ０７７００ ９００１２３ 😀 Straße";
        NormalizedText t = NORMALIZER.normalize(original);
        String folded = t.folded();
        assertThat(folded).startsWith("call 07700 900123 ");
        int start = folded.indexOf("07700");
        int end = start + "07700 900123".length();
        assertThat(original.substring(t.foldedToOriginalStart(start), t.foldedToOriginalEnd(end)))
                .isEqualTo("０７７００ ９００１２３");
    }

    @Test
    void ligaturesThatExpandKeepOffsets() {
        String original = "ﬁne idiot";
        NormalizedText t = NORMALIZER.normalize(original);
        assertThat(t.tokens()).containsExactly("fine", "idiot");
        assertThat(typed(t, 0)).isEqualTo("ﬁne");
        assertThat(typed(t, 1)).isEqualTo("idiot");
    }

    @Test
    void normalisationIsDeterministicAndRejectsNull() {
        String text = "U r a 1d10t @bob #killyourself k.i.l.l";
        assertThat(norm(text)).isEqualTo(norm(text));
        assertThatThrownBy(() -> NORMALIZER.normalize(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("text");
    }

    private static String typed(NormalizedText t, int token) {
        return t.original().substring(t.tokenStart(token), t.tokenEnd(token));
    }
}
