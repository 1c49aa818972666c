package org.harassmentwatch.generate;

import java.util.SplittableRandom;

/**
 * Zipf–Mandelbrot ranks: P(rank k) ∝ 1 / (k + 1 + offset)^exponent. Sampled in O(1) with Vose's alias method
 * (two draws, two array reads) — a binary search over a million-entry table was a tenth of the generator's time.
 * Built once with {@link StrictMath} and a fixed work order, so the table is identical on every JVM.
 */
final class ZipfSampler {

    private final double[] keep;
    private final int[] alias;

    ZipfSampler(int size, double exponent, double offset) {
        double[] scaled = new double[size];
        double total = 0;
        for (int k = 0; k < size; k++) {
            scaled[k] = 1.0 / StrictMath.pow(k + 1 + offset, exponent);
            total += scaled[k];
        }
        int[] small = new int[size];
        int[] large = new int[size];
        int smallCount = 0;
        int largeCount = 0;
        for (int k = 0; k < size; k++) {
            scaled[k] = scaled[k] * size / total;
            if (scaled[k] < 1.0) {
                small[smallCount++] = k;
            } else {
                large[largeCount++] = k;
            }
        }
        keep = new double[size];
        alias = new int[size];
        while (smallCount > 0 && largeCount > 0) {
            int less = small[--smallCount];
            int more = large[--largeCount];
            keep[less] = scaled[less];
            alias[less] = more;
            scaled[more] = scaled[more] + scaled[less] - 1.0;
            if (scaled[more] < 1.0) {
                small[smallCount++] = more;
            } else {
                large[largeCount++] = more;
            }
        }
        // Leftovers are 1 up to rounding error.
        while (largeCount > 0) {
            int k = large[--largeCount];
            keep[k] = 1.0;
            alias[k] = k;
        }
        while (smallCount > 0) {
            int k = small[--smallCount];
            keep[k] = 1.0;
            alias[k] = k;
        }
    }

    int sample(SplittableRandom rng) {
        int column = rng.nextInt(keep.length);
        return rng.nextDouble() < keep[column] ? column : alias[column];
    }
}
