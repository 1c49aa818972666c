package org.harassmentwatch.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TextCatalogTest {

    private static final TextCatalog CATALOG = TextCatalog.load();
    private static final AbuseCues CUES = new AbuseCues(CATALOG.cues());
    private static final Set<TextKind> CUE_FREE = EnumSet.of(TextKind.BENIGN_POST, TextKind.BENIGN_REPLY,
            TextKind.BENIGN_MENTION, TextKind.BENIGN_DM, TextKind.LOOKALIKE_POST, TextKind.LOOKALIKE_REPLY,
            TextKind.PILE_ON_TRIGGER, TextKind.TARGET_PLEA, TextKind.BANTER_CHAT, TextKind.HEATED_OPENER,
            TextKind.PROFANITY_POST, TextKind.PROFANITY_REPLY, TextKind.VIRAL_POST, TextKind.VIRAL_REPLY);

    @Test
    void everySectionLoads() {
        for (TextKind kind : TextKind.values()) {
            assertThat(CATALOG.templates(kind)).as(kind.section()).isNotEmpty();
        }
        assertThat(CATALOG.cues()).contains("kys", "idiot", "i know where you live");
    }

    @Test
    void abusiveTextAlwaysCarriesACueEvenWhenDisguised() {
        TextRenderer renderer = new TextRenderer(CATALOG);
        StringBuilder out = new StringBuilder();
        SplittableRandom rng = new SplittableRandom(1);
        for (TextKind kind : TextKind.values()) {
            if (!kind.needsCue()) {
                continue;
            }
            for (int i = 0; i < 3000; i++) {
                boolean obfuscate = i % 2 == 0;
                boolean disguised = renderer.render(kind, rng, rng, "@u1234abcd", i % 3 == 0, obfuscate, i % 5 == 0, out);
                assertThat(disguised).isEqualTo(obfuscate);
                assertThat(CUES.find(out.toString())).as("%s: %s", kind, out).isNotNull();
            }
        }
    }

    @Test
    void benignTextNeverCarriesACue() {
        TextRenderer renderer = new TextRenderer(CATALOG);
        StringBuilder out = new StringBuilder();
        SplittableRandom rng = new SplittableRandom(2);
        for (TextKind kind : CUE_FREE) {
            for (int i = 0; i < 3000; i++) {
                renderer.render(kind, rng, rng, "@u1234abcd", i % 2 == 0, false, false, out);
                assertThat(CUES.find(out.toString())).as("%s: %s", kind, out).isNull();
            }
        }
    }

    @Test
    void abusiveTemplatesAddressTheTarget() {
        TextRenderer renderer = new TextRenderer(CATALOG);
        StringBuilder out = new StringBuilder();
        SplittableRandom rng = new SplittableRandom(3);
        for (TextKind kind : TextKind.values()) {
            if (!kind.abusive()) {
                continue;
            }
            for (int i = 0; i < 500; i++) {
                renderer.render(kind, rng, rng, "@u1234abcd", false, false, false, out);
                String text = " " + out.toString().toLowerCase() + " ";
                assertThat(text).as("%s: %s", kind, out).containsAnyOf("@u1234abcd", " you", "your ", "you're");
            }
        }
    }

    @Test
    void mentionsAlwaysNameTheTarget() {
        TextRenderer renderer = new TextRenderer(CATALOG);
        StringBuilder out = new StringBuilder();
        SplittableRandom rng = new SplittableRandom(4);
        for (TextKind kind : List.of(TextKind.ABUSE_SELF_HARM, TextKind.BENIGN_MENTION, TextKind.PILE_ON_TRIGGER)) {
            for (int i = 0; i < 500; i++) {
                renderer.render(kind, rng, rng, "@u1234abcd", true, false, false, out);
                assertThat(out.toString()).contains("@u1234abcd");
            }
        }
    }

    @Test
    void copypastaCopiesShareTheirWords() {
        TextRenderer renderer = new TextRenderer(CATALOG);
        StringBuilder out = new StringBuilder();
        SplittableRandom edits = new SplittableRandom(5);
        renderer.render(TextKind.ABUSE_INSULT, new SplittableRandom(99), edits, "@u1", false, false, false, out);
        String base = AbuseCues.normalize(out.toString());
        for (int i = 0; i < 200; i++) {
            renderer.render(TextKind.ABUSE_INSULT, new SplittableRandom(99), edits, "@u1", false, false, true, out);
            assertThat(AbuseCues.normalize(out.toString())).contains(base);
        }
    }

    @Test
    void everyEvasionIsUndoneByNormalisation() {
        SplittableRandom rng = new SplittableRandom(6);
        for (String word : List.of("idiot", "kill", "stupid", "kys", "whore", "vermin", "dumb", "address")) {
            for (Obfuscator.Style style : Obfuscator.Style.values()) {
                for (int i = 0; i < 20; i++) {
                    String disguised = Obfuscator.disguise(word, style, rng);
                    assertThat(disguised).as("%s %s", style, word).isNotEqualTo(word);
                    assertThat(AbuseCues.normalize(disguised)).as("%s %s -> %s", style, word, disguised)
                            .isEqualTo(AbuseCues.normalize(word));
                }
            }
        }
    }

    @Test
    void lookAlikesIncludeTheClassicTraps() {
        List<String> lookalikes = CATALOG.templates(TextKind.LOOKALIKE_POST).stream()
                .map(TextCatalog.Template::source).toList();
        assertThat(lookalikes).anyMatch(t -> t.contains("Scunthorpe")).anyMatch(t -> t.contains("kill for a"))
                .anyMatch(t -> t.contains("sick")).anyMatch(t -> t.contains("I'm dying"));
    }
}
