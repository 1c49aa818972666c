package org.harassmentwatch.generate;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;

/** Shared state and helpers while campaigns and decoys are planned. */
final class PlanContext {

    static final long SECOND = 1_000L;
    static final long MINUTE = 60 * SECOND;
    static final long HOUR = 60 * MINUTE;
    static final long DAY = 24 * HOUR;
    /** Planned windows keep this far from the span's edges, so anchors before and replies after still fit. */
    static final long MARGIN = 6 * HOUR;

    final Accounts accounts;
    final long startMs;
    final long endMs;
    final long messagesRequested;
    final ForbiddenPairs forbiddenPairs = new ForbiddenPairs();
    final Quotas quotas;
    final List<PlannedMessage> messages = new ArrayList<>();
    private final BitSet reserved = new BitSet();
    private final int skipRanks;
    private int seq;

    PlanContext(Accounts accounts, long startMs, long endMs, long messagesRequested, Quotas quotas) {
        this.accounts = accounts;
        this.quotas = quotas;
        this.startMs = startMs;
        this.endMs = endMs;
        this.messagesRequested = messagesRequested;
        // The busiest 1% of users are left out of planned roles, so their heavy background traffic
        // does not bleed into a decoy or a target's counts by chance.
        this.skipRanks = Math.max(10, accounts.population() / 100);
    }

    long span() {
        return endMs - startMs;
    }

    /** Longest window {@link #placeWindow} can place. */
    long maxWindow() {
        return span() - 2 * MARGIN;
    }

    /** Start of a window of {@code duration} placed uniformly inside the span, away from its edges. */
    long placeWindow(SplittableRandom rng, long duration) {
        long room = maxWindow() - duration;
        if (room < 0) {
            throw new IllegalStateException("window of " + duration + " ms does not fit the span of " + span() + " ms");
        }
        return startMs + MARGIN + rng.nextLong(room + 1);
    }

    static long between(SplittableRandom rng, long lo, long hi) {
        return hi <= lo ? lo : lo + rng.nextLong(hi - lo + 1);
    }

    /** An established population user not yet given a planned role. */
    int pickPopulationUser(SplittableRandom rng) {
        int population = accounts.population();
        for (int attempt = 0; attempt < 10_000; attempt++) {
            int candidate = skipRanks + rng.nextInt(population - skipRanks);
            if (!reserved.get(candidate) && accounts.established(candidate)) {
                reserved.set(candidate);
                return candidate;
            }
        }
        throw new IllegalArgumentException("users=" + population + " is too small: cannot find another free user for "
                + "a planted target or decoy after " + reserved.cardinality() + " were taken; raise users or lower "
                + "campaignsPerShape/decoysPerKind");
    }

    /** A fresh account created long before the span. */
    int freshEstablishedAccount(SplittableRandom rng) {
        int account = accounts.newFresh();
        accounts.setCreatedAt(account, startMs - 40 * DAY - between(rng, 0, 6 * 365 * DAY));
        return account;
    }

    /** A fresh account whose creation time is set by the caller once its first message time is known. */
    int freshAccount() {
        return accounts.newFresh();
    }

    /** Creation time of a new account: between one hour and 6.5 days before its first message. */
    static long newAccountCreation(SplittableRandom rng, long firstMessageAt) {
        return firstMessageAt - between(rng, HOUR, 6 * DAY + 12 * HOUR);
    }

    PlannedMessage add(long at, int sender, int target, Channel channel, TextKind kind, SplittableRandom rng) {
        if (at < startMs || at >= endMs) {
            throw new IllegalStateException("planned message at " + at + " is outside the span " + startMs + ".." + endMs);
        }
        PlannedMessage message = new PlannedMessage(at, seq++, sender, target, channel, kind, rng.nextLong());
        messages.add(message);
        return message;
    }

    PlannedMessage post(long at, int author, TextKind kind, SplittableRandom rng) {
        return add(at, author, author, Channel.POST, kind, rng);
    }

    PlannedMessage reply(long at, int sender, PlannedMessage parent, Channel channel, TextKind kind,
                         SplittableRandom rng) {
        if (at <= parent.at) {
            throw new IllegalStateException("reply at " + at + " is not after its parent at " + parent.at);
        }
        PlannedMessage message = add(at, sender, parent.sender, channel, kind, rng);
        message.parent = parent;
        return message;
    }

    /** A benign post by {@code author} shortly (10 min - 6 h) before {@code before}, for replies to hang on. */
    PlannedMessage anchorPost(int author, long before, SplittableRandom rng) {
        long at = Math.max(startMs, before - between(rng, 10 * MINUTE, 6 * HOUR));
        return post(at, author, TextKind.BENIGN_POST, rng);
    }

    /**
     * Ordinary messages by a planted sender over the span (after its creation), so planted accounts are not
     * separable by never saying anything harmless.
     */
    void senderBenign(int sender, int count, SplittableRandom rng) {
        long from = Math.max(startMs, accounts.createdAt(sender) + 10 * MINUTE);
        for (int i = 0; i < count; i++) {
            long at = between(rng, from, endMs - 1);
            if (rng.nextInt(100) < 40) {
                post(at, sender, TextKind.BENIGN_POST, rng);
            } else {
                PlannedMessage reply = add(at, sender, -1, Channel.REPLY, TextKind.BENIGN_REPLY, rng);
                reply.replyToRecent = true;
            }
        }
    }
}
