package org.harassmentwatch.generate;

import java.util.SplittableRandom;

/**
 * The last few thousand public messages written (id, author, conversation), for replies to pick a parent from.
 * Replies favour the most recent messages, as real threads do.
 */
final class RecentMessages {

    private final String[] ids;
    private final String[] conversations;
    private final int[] senders;
    private int next;
    private int size;

    RecentMessages(int capacity) {
        ids = new String[capacity];
        conversations = new String[capacity];
        senders = new int[capacity];
    }

    void add(String id, int sender, String conversationId) {
        ids[next] = id;
        senders[next] = sender;
        conversations[next] = conversationId;
        next = (next + 1) % ids.length;
        size = Math.min(size + 1, ids.length);
    }

    /**
     * A recent message by someone other than {@code replier} whom the replier may address, or -1.
     * The returned slot is valid until the next {@link #add}.
     */
    int pick(SplittableRandom rng, int replier, ForbiddenPairs forbidden) {
        if (size == 0) {
            return -1;
        }
        for (int attempt = 0; attempt < 3; attempt++) {
            double u = rng.nextDouble();
            int back = (int) (u * u * size);
            int slot = Math.floorMod(next - 1 - back, ids.length);
            int author = senders[slot];
            if (author != replier && !forbidden.forbidden(replier, author)) {
                return slot;
            }
        }
        return -1;
    }

    String id(int slot) {
        return ids[slot];
    }

    int sender(int slot) {
        return senders[slot];
    }

    String conversation(int slot) {
        return conversations[slot];
    }
}
