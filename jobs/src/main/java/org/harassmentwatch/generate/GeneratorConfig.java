package org.harassmentwatch.generate;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Options of a synthetic traffic run. Same config → byte-identical output. Build one with
 * {@link #defaults(long, long)} and adjust with the {@code with*} methods; the constructor validates.
 *
 * @param seed                 seed of every random choice
 * @param messages             exact number of messages written (≥ 1,000)
 * @param campaignsPerShape    planted campaigns of each {@link Shape} (default max(1, messages / 8,000))
 * @param start                start of the traffic span (default 2026-01-05T00:00:00Z)
 * @param spanDays             length of the span in days (default 30, at least 2)
 * @param users                benign user population (default max(1,000, messages / 10))
 * @param outOfOrderShare      share of messages written late, after newer ones (default 0.02)
 * @param maxDisplacement      how far (in event time) a late message may trail the stream (default 2 minutes)
 * @param upstreamScoreShare   share of messages carrying upstream classifier {@code scores} (default 0)
 * @param decoysPerKind        banter pairs, heated exchanges and profane users each (default max(1, messages / 8,000))
 * @param viralDecoys          viral benign bursts (default max(1, messages / 100,000))
 * @param platform             value of the {@code platform} field (default "chirp")
 */
public record GeneratorConfig(
        long seed,
        long messages,
        int campaignsPerShape,
        Instant start,
        int spanDays,
        int users,
        double outOfOrderShare,
        Duration maxDisplacement,
        double upstreamScoreShare,
        int decoysPerKind,
        int viralDecoys,
        String platform) implements Serializable {

    private static final long serialVersionUID = 1L;
    public static final Instant DEFAULT_START = Instant.parse("2026-01-05T00:00:00Z");
    public static final int DEFAULT_SPAN_DAYS = 30;
    public static final double DEFAULT_OUT_OF_ORDER_SHARE = 0.02;
    public static final Duration DEFAULT_MAX_DISPLACEMENT = Duration.ofMinutes(2);
    public static final String DEFAULT_PLATFORM = "chirp";
    public static final long MIN_MESSAGES = 1_000;
    public static final long MAX_MESSAGES = 1_000_000_000L;

    private static final Pattern PLATFORM = Pattern.compile("[a-z][a-z0-9_-]{0,31}");
    private static final Instant EARLIEST_START = Instant.parse("2000-01-01T00:00:00Z");
    private static final Instant LATEST_END = Instant.parse("2200-01-01T00:00:00Z");

    public GeneratorConfig {
        if (messages < MIN_MESSAGES || messages > MAX_MESSAGES) {
            throw new IllegalArgumentException("messages must be in " + MIN_MESSAGES + ".." + MAX_MESSAGES
                    + ", was " + messages);
        }
        if (campaignsPerShape < 0 || campaignsPerShape > 1_000_000) {
            throw new IllegalArgumentException("campaignsPerShape must be in 0..1000000, was " + campaignsPerShape);
        }
        Objects.requireNonNull(start, "start");
        if (start.getNano() % 1_000_000 != 0) {
            throw new IllegalArgumentException("start must be a whole millisecond, was " + start);
        }
        if (spanDays < 2 || spanDays > 3650) {
            throw new IllegalArgumentException("spanDays must be in 2..3650, was " + spanDays);
        }
        if (start.isBefore(EARLIEST_START) || start.plus(Duration.ofDays(spanDays)).isAfter(LATEST_END)) {
            throw new IllegalArgumentException("start + spanDays must lie within " + EARLIEST_START + ".."
                    + LATEST_END + ", was start=" + start + " spanDays=" + spanDays);
        }
        if (users < 100 || users > 100_000_000) {
            throw new IllegalArgumentException("users must be in 100..100000000, was " + users);
        }
        if (!(outOfOrderShare >= 0.0 && outOfOrderShare <= 0.5)) {
            throw new IllegalArgumentException("outOfOrderShare must be in 0..0.5, was " + outOfOrderShare);
        }
        Objects.requireNonNull(maxDisplacement, "maxDisplacement");
        if (maxDisplacement.compareTo(Duration.ofSeconds(1)) < 0 || maxDisplacement.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("maxDisplacement must be in 1s..1h, was " + maxDisplacement);
        }
        if (!(upstreamScoreShare >= 0.0 && upstreamScoreShare <= 1.0)) {
            throw new IllegalArgumentException("upstreamScoreShare must be in 0..1, was " + upstreamScoreShare);
        }
        if (decoysPerKind < 0 || decoysPerKind > 1_000_000) {
            throw new IllegalArgumentException("decoysPerKind must be in 0..1000000, was " + decoysPerKind);
        }
        if (viralDecoys < 0 || viralDecoys > 100_000) {
            throw new IllegalArgumentException("viralDecoys must be in 0..100000, was " + viralDecoys);
        }
        Objects.requireNonNull(platform, "platform");
        if (!PLATFORM.matcher(platform).matches()) {
            throw new IllegalArgumentException("platform must match " + PLATFORM.pattern() + ", was '" + platform + "'");
        }
    }

    /** The defaults for a run of {@code messages} messages; counts that scale with size are derived from it. */
    public static GeneratorConfig defaults(long seed, long messages) {
        return new GeneratorConfig(seed, messages,
                (int) Math.max(1, Math.min(1_000_000, messages / 8_000)),
                DEFAULT_START, DEFAULT_SPAN_DAYS,
                (int) Math.max(1_000, Math.min(100_000_000, messages / 10)),
                DEFAULT_OUT_OF_ORDER_SHARE, DEFAULT_MAX_DISPLACEMENT, 0.0,
                (int) Math.max(1, Math.min(1_000_000, messages / 8_000)),
                (int) Math.max(1, Math.min(100_000, messages / 100_000)),
                DEFAULT_PLATFORM);
    }

    public Instant end() {
        return start.plus(Duration.ofDays(spanDays));
    }

    public GeneratorConfig withSeed(long value) {
        return new GeneratorConfig(value, messages, campaignsPerShape, start, spanDays, users, outOfOrderShare,
                maxDisplacement, upstreamScoreShare, decoysPerKind, viralDecoys, platform);
    }

    public GeneratorConfig withCampaignsPerShape(int value) {
        return new GeneratorConfig(seed, messages, value, start, spanDays, users, outOfOrderShare, maxDisplacement,
                upstreamScoreShare, decoysPerKind, viralDecoys, platform);
    }

    public GeneratorConfig withStart(Instant value) {
        return new GeneratorConfig(seed, messages, campaignsPerShape, value, spanDays, users, outOfOrderShare,
                maxDisplacement, upstreamScoreShare, decoysPerKind, viralDecoys, platform);
    }

    public GeneratorConfig withSpanDays(int value) {
        return new GeneratorConfig(seed, messages, campaignsPerShape, start, value, users, outOfOrderShare,
                maxDisplacement, upstreamScoreShare, decoysPerKind, viralDecoys, platform);
    }

    public GeneratorConfig withUsers(int value) {
        return new GeneratorConfig(seed, messages, campaignsPerShape, start, spanDays, value, outOfOrderShare,
                maxDisplacement, upstreamScoreShare, decoysPerKind, viralDecoys, platform);
    }

    public GeneratorConfig withOutOfOrderShare(double value) {
        return new GeneratorConfig(seed, messages, campaignsPerShape, start, spanDays, users, value, maxDisplacement,
                upstreamScoreShare, decoysPerKind, viralDecoys, platform);
    }

    public GeneratorConfig withMaxDisplacement(Duration value) {
        return new GeneratorConfig(seed, messages, campaignsPerShape, start, spanDays, users, outOfOrderShare, value,
                upstreamScoreShare, decoysPerKind, viralDecoys, platform);
    }

    public GeneratorConfig withUpstreamScoreShare(double value) {
        return new GeneratorConfig(seed, messages, campaignsPerShape, start, spanDays, users, outOfOrderShare,
                maxDisplacement, value, decoysPerKind, viralDecoys, platform);
    }

    public GeneratorConfig withDecoysPerKind(int value) {
        return new GeneratorConfig(seed, messages, campaignsPerShape, start, spanDays, users, outOfOrderShare,
                maxDisplacement, upstreamScoreShare, value, viralDecoys, platform);
    }

    public GeneratorConfig withViralDecoys(int value) {
        return new GeneratorConfig(seed, messages, campaignsPerShape, start, spanDays, users, outOfOrderShare,
                maxDisplacement, upstreamScoreShare, decoysPerKind, value, platform);
    }

    public GeneratorConfig withPlatform(String value) {
        return new GeneratorConfig(seed, messages, campaignsPerShape, start, spanDays, users, outOfOrderShare,
                maxDisplacement, upstreamScoreShare, decoysPerKind, viralDecoys, value);
    }
}
