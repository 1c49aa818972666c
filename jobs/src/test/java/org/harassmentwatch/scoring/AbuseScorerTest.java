package org.harassmentwatch.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AbuseScorerTest {
    static final AbuseScorer SCORER = AbuseScorer.loadDefault();

    static AbuseScores score(String text) {
        return SCORER.score(text, Map.of(), false);
    }

    static boolean abusive(AbuseScores s) {
        return AbuseScorer.isAbusive(s, AbuseScorer.DEFAULT_ABUSIVE_THRESHOLD);
    }

    static List<String> terms(AbuseScores s) {
        return s.evidence().stream().map(EvidenceSpan::term).toList();
    }

    @Test
    void versionAndProvenance() {
        assertThat(SCORER.version()).isEqualTo("lexicon-v1");
        assertThat(AbuseScorer.load("v1").version()).isEqualTo("lexicon-v1");
        assertThat(SCORER.lexiconSha256()).matches("[0-9a-f]{64}");
        assertThat(AbuseScorer.DEFAULT_ABUSIVE_THRESHOLD).isEqualTo(0.5);
    }

    @Nested
    class Threat {
        @ParameterizedTest
        @ValueSource(strings = {
            "I will find you and kill you",
            "i'll fucking kill you",
            "you're dead meat",
            "watch your back, I'm coming for you",
            "ur gonna die tonight",
            "I will slit your throat",
            "someone should put a bullet in your head",
        })
        void directThreatsAreAbusive(String text) {
            AbuseScores s = score(text);
            assertThat(s.threat()).as(text).isGreaterThanOrEqualTo(0.7);
            assertThat(abusive(s)).as(text).isTrue();
        }

        @Test
        void deathThreatAgainstANamedThirdPersonStaysHighWithoutSecondPerson() {
            AbuseScores s = score("I will kill him when I see him");
            assertThat(s.directedness()).isLessThan(0.5);
            assertThat(s.abuse()).isGreaterThan(0.7);
        }

        @ParameterizedTest
        @ValueSource(strings = {
            "kill the process and restart it",
            "The Killers are playing tonight",
            "I'll shoot you an email tomorrow",
            "I'll beat you to it",
            "I would never hurt you",
            "nobody is going to hurt you here",
            "you're the bomb",
            "you killed it on stage!",
        })
        void benignUsesOfViolentWordsAreNotThreats(String text) {
            AbuseScores s = score(text);
            assertThat(s.threat()).as(text).isZero();
            assertThat(abusive(s)).as(text).isFalse();
        }
    }

    @Nested
    class IdentityAttack {
        @ParameterizedTest
        @ValueSource(strings = {
            "go back to your country",
            "you faggot",
            "@bob jews are vermin",
            "shut up you dirty paki",
        })
        void directedSlursAndHatefulPhrasingsAreAbusive(String text) {
            AbuseScores s = score(text);
            assertThat(s.identityAttack()).as(text).isGreaterThanOrEqualTo(0.8);
            assertThat(abusive(s)).as(text).isTrue();
        }

        @Test
        void undirectedHatefulStatementScoresButStaysBelowTheThreshold() {
            AbuseScores s = score("jews are vermin");
            assertThat(s.identityAttack()).isGreaterThanOrEqualTo(0.8);
            assertThat(s.abuse()).isLessThanOrEqualTo(0.4);
        }

        @Test
        void callForGenocideStaysHighWithoutSecondPerson() {
            assertThat(abusive(score("all muslims should be killed"))).isTrue();
        }

        @ParameterizedTest
        @ValueSource(strings = {
            "the word retard is offensive, please stop",
            "he called me a faggot and I reported it",
            "I'm proud to be gay",
            "jews are not vermin",
            "my muslim neighbours brought us dinner",
        })
        void reportingCounterSpeechAndNeutralMentionsAreNotAttacks(String text) {
            assertThat(score(text).identityAttack()).as(text).isZero();
        }
    }

    @Nested
    class Insult {
        @ParameterizedTest
        @ValueSource(strings = {
            "you're a complete idiot",
            "@sam stupid bitch",
            "nobody likes you",
            "u r a loser",
            "you are a waste of space",
            "fuck you",
        })
        void directedInsultsAreAbusive(String text) {
            AbuseScores s = score(text);
            assertThat(s.insult()).as(text).isGreaterThanOrEqualTo(0.6);
            assertThat(abusive(s)).as(text).isTrue();
        }

        @ParameterizedTest
        @ValueSource(strings = {
            "I'm such an idiot, forgot my keys again",
            "you're not an idiot, it was a hard question",
            "don't be stupid, of course you can come",
            "I love you",
        })
        void selfDeprecationNegationAndKindnessAreNotInsults(String text) {
            assertThat(score(text).insult()).as(text).isZero();
        }

        @Test
        void undirectedInsultWordKeepsAbuseLow() {
            AbuseScores s = score("what a stupid question");
            assertThat(s.insult()).isPositive();
            assertThat(s.abuse()).isLessThanOrEqualTo(0.4);
        }
    }

    @Nested
    class SexualHarassment {
        @ParameterizedTest
        @ValueSource(strings = {"send me nudes", "you're a slut", "show me your tits @jen", "I hope you get raped"})
        void directedSexualHarassmentIsAbusive(String text) {
            AbuseScores s = score(text);
            assertThat(s.sexualHarassment()).as(text).isGreaterThanOrEqualTo(0.7);
            assertThat(abusive(s)).as(text).isTrue();
        }

        @ParameterizedTest
        @ValueSource(strings = {
            "sex education should be taught in schools",
            "grape juice and a therapist appointment",
            "sexual harassment training is mandatory",
        })
        void neutralMentionsOfSexAreNotHarassment(String text) {
            assertThat(score(text).sexualHarassment()).as(text).isZero();
        }
    }

    @Nested
    class SelfHarmEncouragement {
        @ParameterizedTest
        @ValueSource(strings = {
            "kys",
            "kill yourself",
            "go die",
            "nobody would miss you",
            "k.i.l.l y.o.u.r.s.e.l.f",
            "just go fucking die already",
            "do us all a favour and die",
        })
        void encouragementIsCaught(String text) {
            AbuseScores s = score(text);
            assertThat(s.selfHarm()).as(text).isGreaterThanOrEqualTo(0.8);
            assertThat(abusive(s)).as(text).isTrue();
        }

        @ParameterizedTest
        @ValueSource(strings = {
            "please don't kill yourself, call 988",
            "I want to kill myself",
            "you'll kill yourself laughing at this",
            "if you want to kill yourself, talk to someone",
            "I'm dying of laughter",
        })
        void supportIdeationAndIdiomsAreNotEncouragement(String text) {
            assertThat(score(text).selfHarm()).as(text).isZero();
        }
    }

    @Nested
    class Doxxing {
        @ParameterizedTest
        @ValueSource(strings = {
            "i know where you live",
            "her address is 221b Baker Street, London",
            "here's his number: 07700 900123",
            "I'm going to dox you",
            "I know where your kids go to school",
        })
        void doxxingIsAbusiveEvenWithoutSecondPerson(String text) {
            AbuseScores s = score(text);
            assertThat(s.doxxing()).as(text).isGreaterThanOrEqualTo(0.8);
            assertThat(abusive(s)).as(text).isTrue();
        }

        @Test
        void aBareAddressOrPhoneNumberIsNotAbusiveOnItsOwn() {
            AbuseScores office = score("Our office is at 10 Downing Street");
            assertThat(office.doxxing()).isPositive();
            assertThat(abusive(office)).isFalse();
            AbuseScores phone = score("call us on 0800 123 4567");
            assertThat(abusive(phone)).isFalse();
        }

        @ParameterizedTest
        @ValueSource(strings = {
            "I live on a quiet street",
            "I walked 5 miles down the road",
            "the event is at the town hall at 7",
            "version 2.1 is out",
        })
        void everydayPlacesAndNumbersAreNotDoxxing(String text) {
            assertThat(score(text).doxxing()).as(text).isZero();
        }

        @Test
        void fullwidthDigitsDoNotHideAPhoneNumber() {
            AbuseScores s = score("her number is ０７７００ ９００１２３");
            assertThat(terms(s)).contains("phone_number_uk_mobile");
            assertThat(abusive(s)).isTrue();
        }
    }

    @Nested
    class Profanity {
        @Test
        void undirectedSwearingScoresProfanityButNotAbuse() {
            AbuseScores s = score("this traffic is fucking awful");
            assertThat(s.profanity()).isGreaterThanOrEqualTo(0.6);
            assertThat(s.directedness()).isZero();
            assertThat(s.abuse()).isZero();
        }

        @Test
        void profanityAloneNeverMakesAMessageAbusiveEvenWhenDirected() {
            AbuseScores s = SCORER.score("holy shit you did it, fucking brilliant", Map.of(), true);
            assertThat(s.profanity()).isGreaterThan(0.6);
            assertThat(s.abuse()).isZero();
        }

        @Test
        void cleanTextHasNoProfanity() {
            assertThat(score("what a lovely day for a walk").profanity()).isZero();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Scunthorpe United won again",
        "I could kill for a coffee",
        "you killed it on stage!",
        "this song is sick",
        "that's killer",
        "kill the process",
        "I'm dying of laughter",
        "you're the bomb",
        "knock em dead tonight, you'll kill it",
        "you're dead right about that",
        "this cake is to die for",
        "Drop dead gorgeous photos, you look amazing",
        "I'll shoot you a message later",
        "smash that like button",
        "assassin's creed is my favourite game",
        "my cockatoo is a good bird",
        "the code should be executed",
        "don't shoot yourself in the foot",
        "I will find you a seat",
        "did someone dox you?",
        "thanks for your kind words",
        "I'm going to shoot her wedding in June",
        "your dirty black shoes are by the door",
    })
    void benignLookAlikesAreNotFlagged(String text) {
        AbuseScores s = SCORER.score(text, Map.of(), true);
        assertThat(abusive(s)).as(text).isFalse();
        assertThat(s.threat()).as(text).isZero();
        assertThat(s.selfHarm()).as(text).isZero();
        assertThat(s.insult()).as(text).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "do you live at home?",
        "he lives at home with his parents",
        "her real name is Stefani",
        "did you cut yourself?",
        "are you dead? haven't heard from you",
        "you're next in line",
        "I'll show up at your house with pizza",
    })
    void ambiguousEverydayPhrasesStayBelowTheThresholdEvenAsReplies(String text) {
        assertThat(abusive(SCORER.score(text, Map.of(), true))).as(text).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "you are a 1d10t",
        "k.i.l.l y.o.u",
        "you are so stuuupid",
        "ｋｉｌｌ ｙｏｕｒｓｅｌｆ",
        "you іdіоt",
        "y o u   a r e   t r a s h",
        "f*ck you",
        "#killyourself",
        "ki11 y0urs3lf",
        "you a$$hole",
    })
    void evasionsAreCaughtEndToEnd(String text) {
        assertThat(abusive(score(text))).as(text).isTrue();
    }

    @Nested
    class Directedness {
        @Test
        void secondPersonMentionOpeningAndChannelEachRaiseIt() {
            assertThat(score("the weather is grim").directedness()).isZero();
            assertThat(score("you are late").directedness()).isCloseTo(0.7, within(1e-9));
            assertThat(score("@bob the weather is grim").directedness()).isCloseTo(0.5, within(1e-9));
            assertThat(score("go away").directedness()).isCloseTo(0.5, within(1e-9));
            assertThat(SCORER.score("the weather is grim", Map.of(), true).directedness())
                    .isCloseTo(0.4, within(1e-9));
            assertThat(SCORER.score("@bob you are late", Map.of(), true).directedness())
                    .isCloseTo(1 - 0.3 * 0.5 * 0.6, within(1e-9));
        }

        @Test
        void undirectedInsultAboutAThirdPartyStaysBelowTheThresholdEvenAsAReply() {
            AbuseScores s = SCORER.score("that driver is an absolute idiot", Map.of(), true);
            assertThat(s.insult()).isGreaterThan(0.6);
            assertThat(abusive(s)).isFalse();
        }

        @Test
        void theSameInsultAimedAtTheReaderIsAbusive() {
            assertThat(abusive(SCORER.score("you are an absolute idiot", Map.of(), true))).isTrue();
        }

        @Test
        void aVocativeInsultOpeningAReplyIsDirected() {
            AbuseScores s = SCORER.score("idiot. nobody asked", Map.of(), true);
            assertThat(s.directedness()).isGreaterThan(0.6);
            assertThat(abusive(s)).isTrue();
        }

        @Test
        void abuseIsTheStrongestHarmfulCategoryTimesTheDirectednessFactor() {
            AbuseScores s = score("you are a moron");
            double factor = 0.4 + 0.6 * s.directedness();
            assertThat(s.abuse()).isCloseTo(s.insult() * factor, within(1e-9));
        }
    }

    @Nested
    class UpstreamCombination {
        @Test
        void emptyOrNullUpstreamLeavesBuiltInScores() {
            AbuseScores builtin = SCORER.score("you idiot", Map.of(), false);
            assertThat(SCORER.score("you idiot", null, false)).isEqualTo(builtin);
            assertThat(builtin.insult()).isCloseTo(0.7, within(1e-9));
        }

        @Test
        void upstreamCategoryScoresRaiseTheirCategoryByMax() {
            AbuseScores s = SCORER.score("meet me outside", Map.of("threat", 0.92, "identity_attack", 0.1), false);
            assertThat(s.threat()).isEqualTo(0.92);
            assertThat(s.identityAttack()).isEqualTo(0.1);
            assertThat(terms(s)).contains("upstream:threat", "upstream:identity_attack");
            EvidenceSpan upstream = s.evidence().stream().filter(e -> e.term().equals("upstream:threat"))
                    .findFirst().orElseThrow();
            assertThat(upstream.start()).isZero();
            assertThat(upstream.end()).isEqualTo("meet me outside".length());
        }

        @Test
        void lowerUpstreamScoresDoNotLowerBuiltInScoresNorAddEvidence() {
            AbuseScores s = SCORER.score("you idiot", Map.of("insult", 0.2), false);
            assertThat(s.insult()).isCloseTo(0.7, within(1e-9));
            assertThat(terms(s)).doesNotContain("upstream:insult");
        }

        @Test
        void toxicityLiftsInsultOnlyWhenDirected() {
            Map<String, Double> toxic = Map.of("toxicity", 0.95);
            AbuseScores undirected = SCORER.score("this whole situation is a disaster", toxic, false);
            assertThat(undirected.insult()).isZero();
            assertThat(undirected.abuse()).isZero();

            AbuseScores directed = SCORER.score("you are a disaster", toxic, false);
            assertThat(directed.insult()).isCloseTo(0.8 * 0.95, within(1e-9));
            assertThat(terms(directed)).contains("upstream:toxicity");
            assertThat(abusive(directed)).isTrue();
        }

        @Test
        void severeToxicityLiftsInsultFullyWhenDirected() {
            AbuseScores s = SCORER.score("you are a disaster", Map.of("severe_toxicity", 0.9, "toxicity", 0.99),
                    false);
            assertThat(s.insult()).isCloseTo(0.9, within(1e-9));
            assertThat(terms(s)).contains("upstream:severe_toxicity").doesNotContain("upstream:toxicity");
        }

        @Test
        void sexuallyExplicitCountsAsHarassmentOnlyWhenDirected() {
            Map<String, Double> explicit = Map.of("sexually_explicit", 0.9);
            assertThat(SCORER.score("new chapter of my romance novel is up", explicit, false).sexualHarassment())
                    .isZero();
            assertThat(SCORER.score("new chapter of my romance novel is up", explicit, true).sexualHarassment())
                    .isZero();
            assertThat(SCORER.score("@ann look what I want to do with you", explicit, false).sexualHarassment())
                    .isEqualTo(0.9);
        }

        @Test
        void upstreamProfanityNeverRaisesAbuse() {
            AbuseScores s = SCORER.score("you did great", Map.of("profanity", 0.99), true);
            assertThat(s.profanity()).isEqualTo(0.99);
            assertThat(s.abuse()).isZero();
        }

        @Test
        void unknownKeysAreIgnored() {
            AbuseScores s = SCORER.score("hello there", Map.of("flirtation", 0.9, "spam", 1.0), true);
            assertThat(s.abuse()).isZero();
            assertThat(s.evidence()).isEmpty();
        }

        @Test
        void outOfRangeUpstreamScoresAreRejectedWithTheirNameAndValue() {
            assertThatThrownBy(() -> SCORER.score("hi", Map.of("toxicity", 1.5), false))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'toxicity'").hasMessageContaining("1.5");
            assertThatThrownBy(() -> SCORER.score("hi", Map.of("threat", Double.NaN), false))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN");
            Map<String, Double> withNull = new HashMap<>();
            withNull.put("insult", null);
            assertThatThrownBy(() -> SCORER.score("hi", withNull, false))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'insult'");
        }
    }

    @Nested
    class Evidence {
        @Test
        void evidenceOffsetsPointAtTheOriginalSubstring() {
            String text = "Hey @bob, ur a total 1d10t and I'll k.i.l.l y.o.u";
            AbuseScores s = score(text);
            assertThat(typed(text, s, "idiot")).isEqualTo("1d10t");
            assertThat(typed(text, s, "i will kill you")).isEqualTo("I'll k.i.l.l y.o.u");
        }

        @Test
        void evidenceOffsetsAreInUtf16CharsOfTheOriginal() {
            String text = "😀😀 𝐲𝐨𝐮 𝐢𝐝𝐢𝐨𝐭";
            AbuseScores s = score(text);
            assertThat(typed(text, s, "idiot")).isEqualTo("𝐢𝐝𝐢𝐨𝐭");
        }

        @Test
        void patternEvidencePointsAtTheOriginalDigits() {
            String text = "her address is 42 Elm Street, phone ０７７００ ９００１２３";
            AbuseScores s = score(text);
            assertThat(typed(text, s, "street_address")).isEqualTo("42 Elm Street");
            assertThat(typed(text, s, "phone_number_uk_mobile")).isEqualTo("０７７００ ９００１２３");
        }

        @Test
        void evidenceNamesCategoryFieldsAndIsOrderedByPosition() {
            AbuseScores s = score("kys you worthless cunt");
            assertThat(s.evidence()).extracting(EvidenceSpan::category)
                    .containsExactly("self_harm_encouragement", "insult", "insult", "profanity");
            assertThat(s.evidence()).isSortedAccordingTo((a, b) -> Integer.compare(a.start(), b.start()));
        }

        @Test
        void aWordInsideALongerPhraseIsNotCountedTwice() {
            AbuseScores s = score("i will kill you");
            assertThat(terms(s)).containsExactly("i will kill you");
            AbuseScores selfHarm = score("kill yourself");
            assertThat(terms(selfHarm)).containsExactly("kill yourself");
            assertThat(selfHarm.threat()).isZero();
        }

        private String typed(String text, AbuseScores s, String term) {
            EvidenceSpan span = s.evidence().stream().filter(e -> e.term().equals(term)).findFirst()
                    .orElseThrow(() -> new AssertionError("no evidence '" + term + "' in " + s.evidence()));
            return text.substring(span.start(), span.end());
        }
    }

    @Test
    void scoringANormalisedTextGivesTheSameResultAndChecksItsOrigin() {
        NormalizedText text = SCORER.normalizer().normalize("ur a 1d10t");
        assertThat(SCORER.score(text, Map.of(), true)).isEqualTo(SCORER.score("ur a 1d10t", Map.of(), true));
        NormalizedText foreign = AbuseScorer.load("v1").normalizer().normalize("ur a 1d10t");
        assertThatThrownBy(() -> SCORER.score(foreign, Map.of(), true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("another lexicon's normaliser");
    }

    @Test
    void isAbusiveComparesAbuseWithTheThreshold() {
        AbuseScores s = score("you are a moron");
        assertThat(AbuseScorer.isAbusive(s, s.abuse())).isTrue();
        assertThat(AbuseScorer.isAbusive(s, Math.min(1, s.abuse() + 0.01))).isFalse();
        assertThatThrownBy(() -> AbuseScorer.isAbusive(s, 1.2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1.2");
    }

    @Test
    void scoringIsDeterministicAndThreadSafe() throws Exception {
        List<String> texts = ScorerThroughput.generate(2_000, new java.util.Random(7));
        List<AbuseScores> sequential = texts.stream().map(AbuseScorerTest::score).toList();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<AbuseScores>>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                futures.add(pool.submit(() -> texts.stream().map(AbuseScorerTest::score).toList()));
            }
            for (Future<List<AbuseScores>> f : futures) {
                assertThat(f.get()).isEqualTo(sequential);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void survivesJavaSerializationWithIdenticalBehaviour() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(SCORER);
        }
        AbuseScorer copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (AbuseScorer) in.readObject();
        }
        assertThat(copy.version()).isEqualTo(SCORER.version());
        for (String text : List.of("you are a 1d10t", "i know where you live", "lovely day", "her number is 07700 900123")) {
            assertThat(copy.score(text, Map.of("toxicity", 0.7), true))
                    .isEqualTo(SCORER.score(text, Map.of("toxicity", 0.7), true));
        }
    }

    @Nested
    class Softeners {
        @ParameterizedTest
        @ValueSource(strings = {"you're so dumb haha love you", "shut up loser lol", "you absolute idiot lmao",
                "moron 😂 you forgot again"})
        void laughterOrAffectionTurnsAMildInsultIntoRoughTalk(String text) {
            AbuseScores s = SCORER.score(text, Map.of(), true);
            assertThat(abusive(s)).as(text).isFalse();
            assertThat(s.abuse()).as(text).isGreaterThanOrEqualTo(0.3);
        }

        @ParameterizedTest
        @ValueSource(strings = {"I will kill you lol", "kys lol", "you stupid whore lol", "all trans people like you should be deported lol"})
        void laughterNeverSoftensThreatsSelfHarmSexualOrIdentityAttacks(String text) {
            assertThat(abusive(SCORER.score(text, Map.of(), true))).as(text).isTrue();
        }

        @Test
        void theSameInsultWithoutLaughterStaysAbusive() {
            assertThat(abusive(SCORER.score("shut up loser", Map.of(), true))).isTrue();
        }
    }

    @Nested
    class GroupHateAimedAtAPerson {
        @ParameterizedTest
        @ValueSource(strings = {"all trans people like you should be deported, @sam", "@sam your kind don't belong here, you filth",
                "@sam you and your kind are vermin"})
        void isAbusive(String text) {
            AbuseScores s = SCORER.score(text, Map.of(), true);
            assertThat(abusive(s)).as(text).isTrue();
            assertThat(s.identityAttack()).as(text).isGreaterThanOrEqualTo(0.5);
        }
    }
}
