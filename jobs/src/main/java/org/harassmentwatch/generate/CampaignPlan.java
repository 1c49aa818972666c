package org.harassmentwatch.generate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/** One planted campaign while it is planned and written; becomes a {@link GroundTruth.Campaign}. */
final class CampaignPlan {

    final Shape shape;
    final int number;
    final List<Integer> targets = new ArrayList<>();
    final List<Integer> senders = new ArrayList<>();
    final EnumSet<Trait> traits = EnumSet.noneOf(Trait.class);
    double obfuscationRate;
    private final List<String> abusiveIds = new ArrayList<>();
    private long firstAbusiveAt = Long.MAX_VALUE;
    private long lastAbusiveAt = Long.MIN_VALUE;

    CampaignPlan(Shape shape, int number) {
        this.shape = shape;
        this.number = number;
    }

    String id() {
        return "planted-" + shape.id() + "-" + String.format(java.util.Locale.ROOT, "%04d", number);
    }

    void recordAbusive(String messageId, long at) {
        abusiveIds.add(messageId);
        firstAbusiveAt = Math.min(firstAbusiveAt, at);
        lastAbusiveAt = Math.max(lastAbusiveAt, at);
    }

    int abusiveCount() {
        return abusiveIds.size();
    }

    GroundTruth.Campaign toTruth(Accounts accounts) {
        return new GroundTruth.Campaign(id(), shape, sortedIds(targets, accounts), sortedIds(senders, accounts),
                Instant.ofEpochMilli(firstAbusiveAt), Instant.ofEpochMilli(lastAbusiveAt), List.copyOf(abusiveIds),
                List.copyOf(traits));
    }

    static List<String> sortedIds(List<Integer> indices, Accounts accounts) {
        List<String> ids = new ArrayList<>(indices.size());
        for (int index : indices) {
            ids.add(accounts.id(index));
        }
        ids.sort(null);
        return List.copyOf(ids);
    }
}
