package org.harassmentwatch.bench.reference;

/** Small, fixed (platform- and JVM-independent) hash functions; results may be stored, so never change them. */
final class Hashing {
    private Hashing() {
    }

    /** MurmurHash3's 64-bit finaliser: a bijection that spreads every input bit over the output. */
    static long mix64(long z) {
        z ^= z >>> 33;
        z *= 0xff51afd7ed558ccdL;
        z ^= z >>> 33;
        z *= 0xc4ceb9fe1a85ec53L;
        z ^= z >>> 33;
        return z;
    }

    /** 64-bit FNV-1a over UTF-16 chars, finalised with {@link #mix64}. */
    static long hashChars(CharSequence s, int from, int to) {
        long h = 0xcbf29ce484222325L;
        for (int i = from; i < to; i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        return mix64(h ^ (to - from));
    }

    /** SplitMix64 step, for deriving fixed seeds. */
    static long splitMix64(long state) {
        return mix64(state + 0x9E3779B97F4A7C15L);
    }
}
