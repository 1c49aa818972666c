package org.harassmentwatch.generate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** One decoy (benign look-alike of a campaign) while planned; becomes a {@link GroundTruth.Decoy}. */
final class DecoyPlan {

    final DecoyKind kind;
    final List<Integer> accounts = new ArrayList<>();
    private int messageCount;
    private long firstAt = Long.MAX_VALUE;
    private long lastAt = Long.MIN_VALUE;

    DecoyPlan(DecoyKind kind) {
        this.kind = kind;
    }

    PlannedMessage count(PlannedMessage message) {
        messageCount++;
        firstAt = Math.min(firstAt, message.at);
        lastAt = Math.max(lastAt, message.at);
        return message;
    }

    int messageCount() {
        return messageCount;
    }

    GroundTruth.Decoy toTruth(Accounts accountBook) {
        List<String> ids = new ArrayList<>();
        for (int index : accounts) {
            ids.add(accountBook.id(index));
        }
        return new GroundTruth.Decoy(kind, List.copyOf(ids), messageCount, Instant.ofEpochMilli(firstAt),
                Instant.ofEpochMilli(lastAt));
    }
}
