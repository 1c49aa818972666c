package org.harassmentwatch.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ScorerInputsTest {

    @Test
    void joinedTextsSpanFortyToTwoHundredEightyChars() {
        ScorerInputs inputs = ScorerInputs.generate(7, 2_000, ScorerInputs.Lengths.SPAN_40_280);
        assertThat(inputs.texts).allMatch(t -> t.length() >= 30 && t.length() <= 280, "length within 30..280");
        assertThat(inputs.averageLength()).isBetween(140.0, 180.0);
    }

    @Test
    void generatorTextsAreTakenAsTheyAre() {
        ScorerInputs inputs = ScorerInputs.generate(7, 2_000, ScorerInputs.Lengths.GENERATOR);
        assertThat(inputs.averageLength()).isBetween(20.0, 60.0);
    }

    @Test
    void cuttingEndsAtAWordBoundaryAndNeverSplitsAnEmoji() {
        String words = "you are such a loser ".repeat(5);
        assertThat(ScorerInputs.cut(words, 50)).isEqualTo("you are such a loser you are such a loser you are");
        String emoji = "a".repeat(45) + "\uD83D\uDE02" + "b".repeat(10);
        assertThat(ScorerInputs.cut(emoji, 46)).isEqualTo("a".repeat(45));
    }
}
