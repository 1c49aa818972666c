package org.harassmentwatch.detect;

import java.util.ArrayList;
import java.util.List;

/**
 * Separate occasions of conduct: messages closer than the gap belong to one occasion (PHA 1997 s7(3): a course of
 * conduct needs at least two). Kept as sorted, non-overlapping [start, end] intervals with message counts, so the
 * result does not depend on the order messages arrive in. A mutable Flink POJO (public fields).
 */
public final class Occasions {
    public List<Long> starts = new ArrayList<>();
    public List<Long> ends = new ArrayList<>();
    public List<Integer> counts = new ArrayList<>();

    public Occasions() {
    }

    public int size() {
        return starts.size();
    }

    public boolean isEmpty() {
        return starts.isEmpty();
    }

    public long first() {
        return starts.get(0);
    }

    public long last() {
        return ends.get(ends.size() - 1);
    }

    public int messages() {
        int n = 0;
        for (int c : counts) {
            n += c;
        }
        return n;
    }

    /** Adds a message at {@code t}; joins or bridges occasions within {@code gap}. */
    public void add(long t, long gap) {
        int i = 0;
        while (i < starts.size() && ends.get(i) + gap < t) {
            i++;
        }
        if (i < starts.size() && starts.get(i) - gap <= t) {
            starts.set(i, Math.min(starts.get(i), t));
            ends.set(i, Math.max(ends.get(i), t));
            counts.set(i, counts.get(i) + 1);
            // A late message can bridge the gap to the next occasion.
            while (i + 1 < starts.size() && starts.get(i + 1) - gap <= ends.get(i)) {
                ends.set(i, Math.max(ends.get(i), ends.get(i + 1)));
                counts.set(i, counts.get(i) + counts.get(i + 1));
                starts.remove(i + 1);
                ends.remove(i + 1);
                counts.remove(i + 1);
            }
        } else {
            starts.add(i, t);
            ends.add(i, t);
            counts.add(i, 1);
        }
    }

    /** Drops occasions that ended before {@code cutoff}. */
    public void expireBefore(long cutoff) {
        while (!starts.isEmpty() && ends.get(0) < cutoff) {
            starts.remove(0);
            ends.remove(0);
            counts.remove(0);
        }
    }
}
