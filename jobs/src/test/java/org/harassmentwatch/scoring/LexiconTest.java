package org.harassmentwatch.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LexiconTest {
    private static final String NORMALIZATION = String.join("\n",
            "synonym\tu\tyou",
            "synonym\tur\tyour",
            "filler\treally",
            "article\ta",
            "second_person\tyou",
            "second_person\tyour",
            "imperative\tgo",
            "variant\tyou are\tyour",
            "set\tpet\tcat",
            "set\tpet\tdog",
            "set\tstreet_suffix\tlane");

    private static Map<String, String> files(String normalization, String lexicon, String guards, String patterns) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("normalization-v7.tsv", normalization);
        files.put("lexicon-v7.tsv", lexicon);
        files.put("guards-v7.tsv", guards);
        files.put("patterns-v7.tsv", patterns);
        return files;
    }

    private static AbuseScorer tiny(String lexicon, String guards, String patterns) {
        return AbuseScorer.compile("v7", files(NORMALIZATION, lexicon, guards, patterns));
    }

    @Test
    void theShippedLexiconCoversEveryCategory() {
        Lexicon lexicon = Lexicon.loadDefault();
        Set<Category> covered = EnumSet.noneOf(Category.class);
        Arrays.stream(lexicon.entries).filter(e -> !e.isGuard()).forEach(e -> covered.add(e.category()));
        assertThat(covered).containsExactlyInAnyOrder(Category.values());
        assertThat(lexicon.entries.length).isGreaterThan(800);
        assertThat(lexicon.patterns).extracting(Lexicon.PatternRule::name)
                .contains("phone_number_uk_mobile", "street_address", "email_address");
    }

    @Test
    void guardsComeFromTheResourceFileNotCode() {
        String lexicon = "threat\tshred\t0.8\t-";
        AbuseScorer noGuard = tiny(lexicon, "", "");
        AbuseScorer guarded = tiny(lexicon, "phrase\tshred the cheese\tthreat", "");
        assertThat(noGuard.score("shred the cheese", Map.of(), false).threat()).isEqualTo(0.8);
        assertThat(guarded.score("shred the cheese", Map.of(), false).threat()).isZero();
        assertThat(guarded.score("I will shred you", Map.of(), false).threat()).isEqualTo(0.8);
    }

    @Test
    void prefixGuardsSkipFillersAndArticles() {
        AbuseScorer scorer = tiny("insult\tclown\t0.7\t-", "prefix\tnot\tinsult", "");
        assertThat(scorer.score("you are not a really clown", Map.of(), false).insult()).isZero();
        assertThat(scorer.score("you are a clown", Map.of(), false).insult()).isEqualTo(0.7);
    }

    @Test
    void templatesExpandSetsAndVariantsAddForms() {
        AbuseScorer scorer = tiny("threat\tyou are a {pet}\t0.6\t-", "", "");
        assertThat(scorer.score("you are a dog", Map.of(), false).threat()).isEqualTo(0.6);
        assertThat(scorer.score("ur a cat", Map.of(), false).threat()).isEqualTo(0.6);
        assertThat(scorer.score("you are a really cat", Map.of(), false).threat()).isEqualTo(0.6);
        assertThat(scorer.score("you are a cow", Map.of(), false).threat()).isZero();
        assertThat(scorer.score("ur a dog", Map.of(), false).evidence())
                .extracting(EvidenceSpan::term).containsExactly("you are a dog");
    }

    @Test
    void flagsControlWhenAMatchCounts() {
        AbuseScorer scorer = tiny(String.join("\n",
                "threat\tzap\t0.6\tnear2p",
                "self_harm_encouragement\tvanish\t0.7\tstart"), "", "");
        assertThat(scorer.score("zap the bug", Map.of(), false).threat()).isZero();
        assertThat(scorer.score("i will zap you", Map.of(), false).threat()).isEqualTo(0.6);
        assertThat(scorer.score("vanish", Map.of(), false).selfHarm()).isEqualTo(0.7);
        assertThat(scorer.score("the stains vanish", Map.of(), false).selfHarm()).isZero();
    }

    @Test
    void patternPrefiltersGateTheRegex() {
        AbuseScorer scorer = tiny("", "", "doxxing\tlane_address\t0.6\tobject\tdigits>=1&set:street_suffix&shape:9 a"
                + "\t\\d+ [a-z]+ lane");
        assertThat(scorer.score("she lives at 12 cherry lane", Map.of(), false).doxxing()).isEqualTo(0.6);
        assertThat(scorer.score("twelve cherry lane", Map.of(), false).doxxing()).isZero();
    }

    @Test
    void malformedLinesNameFileLineAndValue() {
        assertThatThrownBy(() -> tiny("threat\tzap\tlots\t-", "", ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("lexicon-v7.tsv:1: weight must be a number in (0, 1] but was 'lots'");
        assertThatThrownBy(() -> tiny("# comment\n\nthreat\tzap\t1.5\t-", "", ""))
                .hasMessage("lexicon-v7.tsv:3: weight must be in (0, 1] but was 1.5");
        assertThatThrownBy(() -> tiny("menace\tzap\t0.5\t-", "", ""))
                .hasMessageStartingWith("lexicon-v7.tsv:1: category must be one of [threat, identity_attack")
                .hasMessageEndingWith("but was 'menace'");
        assertThatThrownBy(() -> tiny("threat\tzap\t0.5\tloud", "", ""))
                .hasMessage("lexicon-v7.tsv:1: flag must be near2p, object, start or - but was 'loud'");
        assertThatThrownBy(() -> tiny("threat\tzap\t0.5", "", ""))
                .hasMessageStartingWith("lexicon-v7.tsv:1: expected 4 tab-separated fields");
        assertThatThrownBy(() -> tiny("threat\t{monsters} bite\t0.5\t-", "", ""))
                .hasMessage("lexicon-v7.tsv:1: template {monsters} names no set of the normalization file");
        assertThatThrownBy(() -> tiny("", "block\tzap\t*", ""))
                .hasMessage("guards-v7.tsv:1: guard kind must be 'phrase', 'prefix' or 'soften' but was 'block'");
        assertThatThrownBy(() -> tiny("", "", "doxxing\tbad\t0.5\t-\t-\t(unclosed"))
                .hasMessageStartingWith("patterns-v7.tsv:1: regex of pattern 'bad' does not compile");
        assertThatThrownBy(() -> tiny("", "", "doxxing\tbad\t0.5\t-\tdigits>3\t\\d"))
                .hasMessageStartingWith("patterns-v7.tsv:1: prefilter part 'digits>3' must be");
    }

    @Test
    void missingVersionsAndFilesAreReported() {
        assertThatThrownBy(() -> AbuseScorer.load("v99"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("lexicon resource 'lexicons/normalization-v99.tsv' not found on the classpath");
        assertThatThrownBy(() -> AbuseScorer.load("latest"))
                .hasMessage("lexicon version must look like 'v1' but was 'latest'");
        Map<String, String> incomplete = files(NORMALIZATION, "", "", "");
        incomplete.remove("guards-v7.tsv");
        assertThatThrownBy(() -> AbuseScorer.compile("v7", incomplete))
                .hasMessage("lexicon v7 is missing file 'guards-v7.tsv'");
    }

    @Test
    void contentHashChangesWithTheFiles() {
        AbuseScorer a = tiny("threat\tzap\t0.5\t-", "", "");
        AbuseScorer b = tiny("threat\tzap\t0.6\t-", "", "");
        assertThat(a.lexiconSha256()).isNotEqualTo(b.lexiconSha256());
        assertThat(a.version()).isEqualTo("lexicon-v7");
    }
}
