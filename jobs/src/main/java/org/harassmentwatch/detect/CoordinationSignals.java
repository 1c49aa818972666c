package org.harassmentwatch.detect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Signals that senders act together rather than independently. */
public final class CoordinationSignals {
    private static final int MAX_SHARED_TERMS = 20;

    private CoordinationSignals() {
    }

    /** Share of senders whose first message falls in the busiest window of the given length. */
    public static double onsetSynchrony(long[] firstTimes, long windowMillis) {
        int n = firstTimes.length;
        if (n < 2) {
            return n == 1 ? 1.0 : 0.0;
        }
        long[] t = firstTimes.clone();
        Arrays.sort(t);
        int best = 1;
        int lo = 0;
        for (int hi = 0; hi < n; hi++) {
            while (t[hi] - t[lo] > windowMillis) {
                lo++;
            }
            best = Math.max(best, hi - lo + 1);
        }
        return best / (double) n;
    }

    /** Hashtags (or URLs) used by at least two distinct senders, most shared first, then alphabetical. */
    static List<String> sharedTerms(List<TargetDetector.SenderEntry> entries, boolean hashtags) {
        Map<String, Integer> senders = new TreeMap<>();
        for (TargetDetector.SenderEntry e : entries) {
            String joined = hashtags ? e.hashtags : e.urls;
            if (joined == null || joined.isEmpty()) {
                continue;
            }
            for (String term : new java.util.TreeSet<>(Arrays.asList(joined.split(" ")))) {
                senders.merge(term, 1, Integer::sum);
            }
        }
        List<Map.Entry<String, Integer>> shared = new ArrayList<>();
        for (Map.Entry<String, Integer> e : senders.entrySet()) {
            if (e.getValue() >= 2) {
                shared.add(e);
            }
        }
        shared.sort((a, b) -> b.getValue() != a.getValue().intValue()
                ? Integer.compare(b.getValue(), a.getValue()) : a.getKey().compareTo(b.getKey()));
        List<String> out = new ArrayList<>();
        for (int i = 0; i < shared.size() && i < MAX_SHARED_TERMS; i++) {
            out.add(shared.get(i).getKey());
        }
        return out;
    }
}
