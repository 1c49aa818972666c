package org.harassmentwatch.bench.reference;

import java.util.Arrays;

/** Immutable open-addressing map from long keys to non-negative ints (the phrase trie's edges). */
final class LongIntMap implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    static final int MISSING = -1;
    private static final long EMPTY = Long.MIN_VALUE;

    private final long[] keys;
    private final int[] values;
    private final int mask;

    private LongIntMap(long[] keys, int[] values) {
        this.keys = keys;
        this.values = values;
        this.mask = keys.length - 1;
    }

    int get(long key) {
        int slot = (int) Hashing.mix64(key) & mask;
        while (true) {
            long k = keys[slot];
            if (k == key) {
                return values[slot];
            }
            if (k == EMPTY) {
                return MISSING;
            }
            slot = (slot + 1) & mask;
        }
    }

    static LongIntMap of(long[] keys, int[] values, int count) {
        int capacity = Integer.highestOneBit(Math.max(4, count * 2 + 1)) << 1;
        long[] k = new long[capacity];
        int[] v = new int[capacity];
        Arrays.fill(k, EMPTY);
        for (int i = 0; i < count; i++) {
            if (keys[i] == EMPTY) {
                throw new IllegalArgumentException("key " + EMPTY + " is reserved");
            }
            int slot = (int) Hashing.mix64(keys[i]) & (capacity - 1);
            while (k[slot] != EMPTY && k[slot] != keys[i]) {
                slot = (slot + 1) & (capacity - 1);
            }
            k[slot] = keys[i];
            v[slot] = values[i];
        }
        return new LongIntMap(k, v);
    }
}
