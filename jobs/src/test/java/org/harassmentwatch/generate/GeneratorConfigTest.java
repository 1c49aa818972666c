package org.harassmentwatch.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class GeneratorConfigTest {

    @Test
    void defaultsScaleWithTheMessageCount() {
        GeneratorConfig config = GeneratorConfig.defaults(42, 1_000_000);
        assertThat(config.campaignsPerShape()).isEqualTo(125);
        assertThat(config.users()).isEqualTo(100_000);
        assertThat(config.decoysPerKind()).isEqualTo(125);
        assertThat(config.viralDecoys()).isEqualTo(10);
        assertThat(config.start()).isEqualTo(Instant.parse("2026-01-05T00:00:00Z"));
        assertThat(config.end()).isEqualTo(Instant.parse("2026-02-04T00:00:00Z"));
        assertThat(config.outOfOrderShare()).isEqualTo(0.02);
        assertThat(config.maxDisplacement()).isEqualTo(Duration.ofMinutes(2));
        assertThat(config.upstreamScoreShare()).isZero();
        assertThat(config.platform()).isEqualTo("chirp");
    }

    @Test
    void smallRunsKeepTheMinimums() {
        GeneratorConfig config = GeneratorConfig.defaults(1, 1_000);
        assertThat(config.campaignsPerShape()).isEqualTo(1);
        assertThat(config.users()).isEqualTo(1_000);
        assertThat(config.decoysPerKind()).isEqualTo(1);
        assertThat(config.viralDecoys()).isEqualTo(1);
    }

    @Test
    void withersChangeOnlyTheirField() {
        GeneratorConfig base = GeneratorConfig.defaults(42, 50_000);
        GeneratorConfig changed = base.withSeed(7).withUsers(2_000).withPlatform("mastodon");
        assertThat(changed.seed()).isEqualTo(7);
        assertThat(changed.users()).isEqualTo(2_000);
        assertThat(changed.platform()).isEqualTo("mastodon");
        assertThat(changed.withSeed(42).withUsers(base.users()).withPlatform("chirp")).isEqualTo(base);
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of((UnaryOperator<GeneratorConfig>) c -> GeneratorConfig.defaults(1, 999), "messages", "999"),
                Arguments.of((UnaryOperator<GeneratorConfig>) c -> c.withCampaignsPerShape(-1), "campaignsPerShape", "-1"),
                Arguments.of((UnaryOperator<GeneratorConfig>) c -> c.withSpanDays(1), "spanDays", "1"),
                Arguments.of((UnaryOperator<GeneratorConfig>) c -> c.withUsers(50), "users", "50"),
                Arguments.of((UnaryOperator<GeneratorConfig>) c -> c.withOutOfOrderShare(0.9), "outOfOrderShare", "0.9"),
                Arguments.of((UnaryOperator<GeneratorConfig>) c -> c.withOutOfOrderShare(Double.NaN), "outOfOrderShare", "NaN"),
                Arguments.of((UnaryOperator<GeneratorConfig>) c -> c.withUpstreamScoreShare(1.5), "upstreamScoreShare", "1.5"),
                Arguments.of((UnaryOperator<GeneratorConfig>) c -> c.withMaxDisplacement(Duration.ofMillis(10)), "maxDisplacement", "PT0.01S"),
                Arguments.of((UnaryOperator<GeneratorConfig>) c -> c.withDecoysPerKind(-3), "decoysPerKind", "-3"),
                Arguments.of((UnaryOperator<GeneratorConfig>) c -> c.withViralDecoys(-1), "viralDecoys", "-1"),
                Arguments.of((UnaryOperator<GeneratorConfig>) c -> c.withPlatform("Chirp Social"), "platform", "Chirp Social"),
                Arguments.of((UnaryOperator<GeneratorConfig>) c -> c.withStart(Instant.parse("1999-12-31T00:00:00Z")), "start", "1999-12-31"),
                Arguments.of((UnaryOperator<GeneratorConfig>) c -> c.withStart(Instant.parse("2026-01-05T00:00:00.000500Z")), "start", "00:00:00.000500Z"));
    }

    @ParameterizedTest(name = "{1}={2}")
    @MethodSource("invalid")
    void invalidValuesAreRejectedNamingFieldAndValue(UnaryOperator<GeneratorConfig> change, String field, String value) {
        assertThatThrownBy(() -> change.apply(GeneratorConfig.defaults(1, 10_000)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(field).hasMessageContaining(value);
    }
}
