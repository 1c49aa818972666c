package org.harassmentwatch.detect;

/** Comparing MinHash signatures. */
public final class MinHashes {
    private MinHashes() {
    }

    /** Share of equal positions: an unbiased estimate of the Jaccard similarity of the two shingle sets. */
    public static double estimateJaccard(int[] a, int[] b) {
        int n = Math.min(a.length, b.length);
        if (n == 0) {
            return 0.0;
        }
        int same = 0;
        for (int i = 0; i < n; i++) {
            if (a[i] == b[i]) {
                same++;
            }
        }
        return same / (double) n;
    }
}
