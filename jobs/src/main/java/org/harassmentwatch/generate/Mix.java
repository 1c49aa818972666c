package org.harassmentwatch.generate;

/**
 * Bijective integer mixers. Ids are mixed counters, so they are unique by construction and still look random
 * (an id must not reveal whether a message or account was planted).
 */
final class Mix {

    private Mix() {
    }

    /** SplitMix64 finaliser: a bijection on 64-bit values. */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** MurmurHash3 fmix32: a bijection on 32-bit values. */
    static int mix32(int h) {
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        h *= 0xC2B2AE35;
        h ^= h >>> 16;
        return h;
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    static String hex64(long value) {
        char[] out = new char[16];
        for (int i = 15; i >= 0; i--) {
            out[i] = HEX[(int) (value & 0xF)];
            value >>>= 4;
        }
        return new String(out);
    }

    static void hex32(int value, char[] out, int at) {
        for (int i = at + 7; i >= at; i--) {
            out[i] = HEX[value & 0xF];
            value >>>= 4;
        }
    }
}
