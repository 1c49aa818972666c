package org.harassmentwatch.generate;

import java.util.SplittableRandom;

/**
 * Timestamps of the background traffic: exactly {@code count} non-decreasing times over the span with a daily
 * rhythm (peak mid-afternoon UTC, trough at night, quieter weekends). Stratified sampling through the inverse
 * of a 15-minute-bin activity curve: each call is O(1), nothing is buffered.
 */
final class DiurnalClock {

    private static final long BIN_MS = 15 * 60_000L;
    private static final int BINS_PER_DAY = 96;

    private final long startMs;
    private final long endMs;
    private final long count;
    private final double[] weight;
    private final double[] before;
    private final double total;
    private final SplittableRandom rng;
    private long issued;
    private int bin;
    private long last;

    DiurnalClock(long startMs, int spanDays, long count, SplittableRandom rng) {
        this.startMs = startMs;
        this.endMs = startMs + spanDays * 86_400_000L;
        this.count = count;
        this.rng = rng;
        int bins = spanDays * BINS_PER_DAY;
        weight = new double[bins];
        before = new double[bins];
        double sum = 0;
        for (int b = 0; b < bins; b++) {
            long binStart = startMs + b * BIN_MS;
            double hour = Math.floorMod(binStart, 86_400_000L) / 3_600_000.0 + 0.125;
            long day = Math.floorDiv(binStart, 86_400_000L);
            int dayOfWeek = Math.floorMod(day + 3, 7); // 0 = Monday (1970-01-01 was a Thursday)
            double w = 1.0 + 0.55 * StrictMath.sin(2 * Math.PI * (hour - 9.0) / 24.0);
            weight[b] = dayOfWeek >= 5 ? w * 0.9 : w;
            before[b] = sum;
            sum += weight[b];
        }
        total = sum;
        last = startMs;
    }

    boolean hasNext() {
        return issued < count;
    }

    long next() {
        if (issued >= count) {
            throw new IllegalStateException("all " + count + " timestamps issued");
        }
        double u = (issued + rng.nextDouble()) / count * total;
        issued++;
        while (bin < weight.length - 1 && before[bin + 1] <= u) {
            bin++;
        }
        long t = startMs + bin * BIN_MS + (long) ((u - before[bin]) / weight[bin] * BIN_MS);
        t = Math.min(Math.max(t, last), endMs - 1);
        last = t;
        return t;
    }
}
