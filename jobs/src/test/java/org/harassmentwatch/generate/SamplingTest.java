package org.harassmentwatch.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SamplingTest {

    @Test
    void zipfRanksFollowTheirWeights() {
        ZipfSampler zipf = new ZipfSampler(1_000, 1.0, 0.0);
        SplittableRandom rng = new SplittableRandom(3);
        int[] counts = new int[1_000];
        int draws = 400_000;
        for (int i = 0; i < draws; i++) {
            counts[zipf.sample(rng)]++;
        }
        double harmonic = 0;
        for (int k = 1; k <= 1_000; k++) {
            harmonic += 1.0 / k;
        }
        assertThat(counts[0] / (double) draws).isCloseTo(1 / harmonic, org.assertj.core.data.Percentage.withPercentage(3));
        assertThat(counts[0] / (double) counts[1]).isCloseTo(2.0, org.assertj.core.data.Percentage.withPercentage(5));
        assertThat(counts[9] / (double) counts[99]).isCloseTo(10.0, org.assertj.core.data.Percentage.withPercentage(15));
    }

    @Test
    void diurnalClockIssuesExactlyTheCountInOrderWithADailyRhythm() {
        long start = Instant.parse("2026-01-05T00:00:00Z").toEpochMilli();
        DiurnalClock clock = new DiurnalClock(start, 7, 100_000, new SplittableRandom(4));
        long previous = Long.MIN_VALUE;
        int issued = 0;
        int[] byHour = new int[24];
        while (clock.hasNext()) {
            long t = clock.next();
            assertThat(t).isGreaterThanOrEqualTo(previous).isBetween(start, start + 7 * 86_400_000L - 1);
            byHour[(int) ((t - start) / 3_600_000L % 24)]++;
            previous = t;
            issued++;
        }
        assertThat(issued).isEqualTo(100_000);
        assertThat(byHour[15]).isGreaterThan(2 * byHour[3]);
    }
}
