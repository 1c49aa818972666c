package org.harassmentwatch.bench;

/**
 * Maps the index a {@code DataGeneratorSource} hands out to a line of the pre-generated input so that every
 * parallel reader walks the whole event-time span, not one slice of it.
 *
 * <p>The source splits indexes 0..n-1 into {@code p} equal contiguous ranges, one per reader. Reading the lines in
 * those ranges as they are would give reader 0 the first half of the month and reader 1 the second half; the
 * watermark (the minimum over readers) would then hold the second half back in the detectors' buffers for the
 * whole run. Instead range {@code s} gets lines {@code s, s+p, s+2p, ...}: both readers advance through event
 * time together, as two Kafka partitions would. Any split layout still reads every line exactly once (this is a
 * permutation); only the interleaving depends on the layout.
 */
final class InterleavedOrder {

    private InterleavedOrder() {
    }

    /** The line read at source index {@code index} of {@code n} lines over {@code p} readers ({@code n % p == 0}). */
    static int lineOf(long index, long n, int p) {
        long perReader = n / p;
        long reader = index / perReader;
        long offset = index % perReader;
        return (int) (offset * p + reader);
    }

    static void check(long n, int p) {
        if (p < 1 || n < p || n % p != 0) {
            throw new IllegalArgumentException("messages (" + n + ") must be a positive multiple of the parallelism ("
                    + p + ")");
        }
    }
}
