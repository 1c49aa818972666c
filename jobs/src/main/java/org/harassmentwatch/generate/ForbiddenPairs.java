package org.harassmentwatch.generate;

import java.util.BitSet;
import java.util.HashSet;
import java.util.Set;

/**
 * Account pairs that must never address each other outside their planned messages (the two sides of a
 * heated exchange: "once, then never again"). A bit-set check first keeps the per-message cost to one lookup.
 */
final class ForbiddenPairs {

    private final BitSet members = new BitSet();
    private final Set<Long> pairs = new HashSet<>();

    void add(int a, int b) {
        members.set(a);
        members.set(b);
        pairs.add(key(a, b));
    }

    boolean forbidden(int a, int b) {
        return members.get(a) && members.get(b) && pairs.contains(key(a, b));
    }

    private static long key(int a, int b) {
        int lo = Math.min(a, b);
        int hi = Math.max(a, b);
        return ((long) lo << 32) | (hi & 0xFFFFFFFFL);
    }
}
