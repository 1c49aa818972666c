package org.harassmentwatch.scoring;

import java.util.Arrays;

/**
 * Immutable open-addressing map from strings to non-negative ints that is queried with a slice of a char
 * array, so the hot path can look tokens up without creating a String per token.
 */
final class CharSliceMap implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    static final int MISSING = -1;

    /** Per slot, four ints side by side (a probe touches one cache line): hash, key offset, length, value. */
    private static final int STRIDE = 4;

    /** All keys' chars, one after another. */
    private final char[] pool;
    /** STRIDE ints per slot; an empty slot has key offset -1. */
    private final int[] slots;
    private final int mask;
    private final int size;
    private final int maxKeyLength;
    /**
     * One bit per value of the hash's top 16 bits, set for every key: most words of ordinary text are not keys, and
     * this 8 KB filter (small enough to stay in the L1 cache) turns them away before the slot table is touched.
     */
    private final long[] present;

    private CharSliceMap(char[] pool, int[] slots, int size, int maxKeyLength, long[] present) {
        this.present = present;
        this.pool = pool;
        this.slots = slots;
        this.mask = slots.length / STRIDE - 1;
        this.size = size;
        this.maxKeyLength = maxKeyLength;
    }

    int get(char[] buf, int off, int len) {
        if (len > maxKeyLength || size == 0) {
            return MISSING;
        }
        int h = hash(buf, off, len);
        if ((present[h >>> 22] & (1L << (h >>> 16))) == 0) {
            return MISSING;
        }
        int slot = h & mask;
        while (true) {
            int base = slot * STRIDE;
            int keyOffset = slots[base + 1];
            if (keyOffset < 0) {
                return MISSING;
            }
            // The stored hash rules out almost every other key without touching its chars.
            if (slots[base] == h && slots[base + 2] == len && regionEquals(keyOffset, buf, off, len)) {
                return slots[base + 3];
            }
            slot = (slot + 1) & mask;
        }
    }

    /** A plain loop: keys are a few chars, too short for the vectorised Arrays.equals to pay off. */
    private boolean regionEquals(int keyOffset, char[] buf, int off, int len) {
        for (int i = 0; i < len; i++) {
            if (pool[keyOffset + i] != buf[off + i]) {
                return false;
            }
        }
        return true;
    }

    int get(String key) {
        char[] chars = key.toCharArray();
        return get(chars, 0, chars.length);
    }

    int maxKeyLength() {
        return maxKeyLength;
    }

    static int hash(char[] buf, int off, int len) {
        // Two chars per multiply: the multiplications form one dependent chain, so halving them halves the latency.
        int h = 0x9747b28c ^ len;
        int i = 0;
        for (; i + 1 < len; i += 2) {
            h = (h ^ (buf[off + i] | (buf[off + i + 1] << 16))) * 0x01000193;
        }
        if (i < len) {
            h = (h ^ buf[off + i]) * 0x01000193;
        }
        // fmix32: FNV alone leaves the low bits weak for short keys.
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }

    /** Collects entries; a key put twice keeps its first value (so insertion order decides, deterministically). */
    static final class Builder {
        private final java.util.LinkedHashMap<String, Integer> entries = new java.util.LinkedHashMap<>();

        Builder putIfAbsent(String key, int value) {
            if (value < 0) {
                throw new IllegalArgumentException("value for key '" + key + "' must be >= 0 but was " + value);
            }
            entries.putIfAbsent(key, value);
            return this;
        }

        boolean containsKey(String key) {
            return entries.containsKey(key);
        }

        CharSliceMap build() {
            int capacity = Integer.highestOneBit(Math.max(4, entries.size() * 2 + 1)) << 1;
            int[] slots = new int[capacity * STRIDE];
            for (int slot = 0; slot < capacity; slot++) {
                slots[slot * STRIDE + 1] = -1;
            }
            StringBuilder pool = new StringBuilder();
            long[] present = new long[1 << 10];
            int maxLen = 0;
            for (var e : entries.entrySet()) {
                char[] key = e.getKey().toCharArray();
                maxLen = Math.max(maxLen, key.length);
                int h = hash(key, 0, key.length);
                present[h >>> 22] |= 1L << (h >>> 16);
                int slot = h & (capacity - 1);
                while (slots[slot * STRIDE + 1] >= 0) {
                    slot = (slot + 1) & (capacity - 1);
                }
                int base = slot * STRIDE;
                slots[base] = h;
                slots[base + 1] = pool.length();
                slots[base + 2] = key.length;
                slots[base + 3] = e.getValue();
                pool.append(key);
            }
            char[] chars = new char[pool.length()];
            pool.getChars(0, pool.length(), chars, 0);
            return new CharSliceMap(chars, slots, entries.size(), maxLen, present);
        }
    }
}
