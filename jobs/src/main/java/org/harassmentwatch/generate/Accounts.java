package org.harassmentwatch.generate;

import java.util.Arrays;

/**
 * Account ids and creation times. Indices {@code 0..population-1} are the benign population (creation time
 * derived from the index, nothing stored); higher indices are fresh accounts created for planted campaigns,
 * whose creation times are stored. Ids are a bijective mix of the index, so they are unique and do not reveal
 * which kind of account they belong to.
 */
final class Accounts {

    private static final long DAY = 86_400_000L;
    /** The busiest users are long-standing accounts; only later ranks may be recently created. */
    private static final int ALWAYS_ESTABLISHED_RANKS = 100;

    private final int population;
    private final int idSalt;
    private final long hashSalt;
    private final long startMs;
    private final long spanMs;
    private long[] freshCreatedAt = new long[1024];
    private int freshCount;

    Accounts(long seed, int population, long startMs, long spanMs) {
        this.population = population;
        this.idSalt = (int) Mix.mix64(seed ^ 0x5EEDAC00L);
        this.hashSalt = Mix.mix64(seed ^ 0xC0FFEE_1234L);
        this.startMs = startMs;
        this.spanMs = spanMs;
    }

    int population() {
        return population;
    }

    int total() {
        return population + freshCount;
    }

    String id(int index) {
        char[] out = new char[9];
        out[0] = 'u';
        Mix.hex32(Mix.mix32(index + idSalt), out, 1);
        return new String(out);
    }

    /** A new account, outside the population; set its creation time before it sends anything. */
    int newFresh() {
        if (freshCount == freshCreatedAt.length) {
            freshCreatedAt = Arrays.copyOf(freshCreatedAt, freshCount * 2);
        }
        freshCreatedAt[freshCount] = Long.MIN_VALUE;
        return population + freshCount++;
    }

    void setCreatedAt(int index, long epochMillis) {
        if (index < population) {
            throw new IllegalArgumentException("account " + index + " is in the population; its creation time is fixed");
        }
        freshCreatedAt[index - population] = epochMillis;
    }

    boolean isFresh(int index) {
        return index >= population;
    }

    long createdAt(int index) {
        if (index >= population) {
            return freshCreatedAt[index - population];
        }
        long h = Mix.mix64(hashSalt + index);
        if (index >= ALWAYS_ESTABLISHED_RANKS && Long.remainderUnsigned(h, 1000) < 25) {
            // ~2.5% of users joined recently, some during the span: "new account" alone is no proof of abuse.
            long window = 20 * DAY + spanMs * 4 / 5;
            return startMs - 20 * DAY + Long.remainderUnsigned(h >>> 10, window);
        }
        return startMs - 40 * DAY - Long.remainderUnsigned(h >>> 10, 8 * 365 * DAY);
    }

    /** Created more than 30 days before the span: safe to use for planned traffic at any time. */
    boolean established(int index) {
        return createdAt(index) < startMs - 30 * DAY;
    }
}
