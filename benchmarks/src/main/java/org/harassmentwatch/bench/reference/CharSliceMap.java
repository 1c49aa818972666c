package org.harassmentwatch.bench.reference;

import java.util.Arrays;

/**
 * Immutable open-addressing map from strings to non-negative ints that is queried with a slice of a char
 * array, so the hot path can look tokens up without creating a String per token.
 */
final class CharSliceMap implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    static final int MISSING = -1;

    private final char[][] keys;
    private final int[] values;
    private final int mask;
    private final int size;
    private final int maxKeyLength;

    private CharSliceMap(char[][] keys, int[] values, int size, int maxKeyLength) {
        this.keys = keys;
        this.values = values;
        this.mask = keys.length - 1;
        this.size = size;
        this.maxKeyLength = maxKeyLength;
    }

    int get(char[] buf, int off, int len) {
        if (len > maxKeyLength || size == 0) {
            return MISSING;
        }
        int slot = hash(buf, off, len) & mask;
        while (true) {
            char[] key = keys[slot];
            if (key == null) {
                return MISSING;
            }
            if (key.length == len && regionEquals(key, buf, off, len)) {
                return values[slot];
            }
            slot = (slot + 1) & mask;
        }
    }

    int get(String key) {
        char[] chars = key.toCharArray();
        return get(chars, 0, chars.length);
    }

    int maxKeyLength() {
        return maxKeyLength;
    }

    private static boolean regionEquals(char[] key, char[] buf, int off, int len) {
        for (int i = 0; i < len; i++) {
            if (key[i] != buf[off + i]) {
                return false;
            }
        }
        return true;
    }

    static int hash(char[] buf, int off, int len) {
        int h = 0x9747b28c;
        for (int i = 0; i < len; i++) {
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
            char[][] keys = new char[capacity][];
            int[] values = new int[capacity];
            Arrays.fill(values, MISSING);
            int maxLen = 0;
            for (var e : entries.entrySet()) {
                char[] key = e.getKey().toCharArray();
                maxLen = Math.max(maxLen, key.length);
                int slot = hash(key, 0, key.length) & (capacity - 1);
                while (keys[slot] != null) {
                    slot = (slot + 1) & (capacity - 1);
                }
                keys[slot] = key;
                values[slot] = e.getValue();
            }
            return new CharSliceMap(keys, values, entries.size(), maxLen);
        }
    }
}
