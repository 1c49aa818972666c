package org.harassmentwatch.generate;

import java.util.SplittableRandom;

/**
 * A group of 5-12 senders hits 3-6 targets in waves over 1-3 days. A core of three hits every target, the rest
 * join each wave with the group's probability (60-90%; everyone at least once), so per-target sender counts often
 * stay below a pile-on's;
 * the link is the shared group. Shared hashtag, shared URL and copypasta each on a share of campaigns.
 */
final class CoordinatedPlanner extends CampaignPlanner {

    static final int CORE = 3;

    @Override
    CampaignPlan plan(PlanContext ctx, int number, SplittableRandom rng) {
        CampaignPlan campaign = new CampaignPlan(Shape.COORDINATED, number);
        campaign.obfuscationRate = obfuscationRate(ctx, number, rng);
        int groupSize = 5 + rng.nextInt(8);
        int targetCount = 3 + rng.nextInt(4);
        long waveLength = 90 * MINUTE;
        long duration = Math.min(PlanContext.between(rng, DAY, 3 * DAY), ctx.maxWindow() - 3 * waveLength);
        long start = ctx.placeWindow(rng, duration + 2 * waveLength);
        double join = 0.6 + 0.3 * rng.nextDouble();

        boolean hashtag = ctx.quotas.pick(Quotas.Variant.HASHTAG, number, 0.5);
        String tag = brigadeHashtag(rng);
        double tagShare = 0.5 + 0.4 * rng.nextDouble();
        boolean sharedUrl = ctx.quotas.pick(Quotas.Variant.SHARED_URL, number, 0.4);
        String url = sharedUrl(rng);
        double urlShare = 0.4 + 0.4 * rng.nextDouble();
        boolean copypasta = ctx.quotas.pick(Quotas.Variant.COPYPASTA, number, 0.4);
        TextKind baseKind = abuseKind(rng);
        long baseSeed = rng.nextLong();
        double copyShare = 0.5 + 0.4 * rng.nextDouble();
        boolean newAccounts = ctx.quotas.pick(Quotas.Variant.NEW_ACCOUNTS, number, 0.2);

        int[] group = new int[groupSize];
        long[] firstAt = new long[groupSize];
        for (int g = 0; g < groupSize; g++) {
            group[g] = ctx.freshAccount();
            firstAt[g] = Long.MAX_VALUE;
            campaign.senders.add(group[g]);
        }
        int copies = 0;
        for (int t = 0; t < targetCount; t++) {
            int target = ctx.pickPopulationUser(rng);
            campaign.targets.add(target);
            long wave = t == 0 ? start : start + PlanContext.between(rng, 0, duration);
            PlannedMessage anchor = null;
            for (int g = 0; g < groupSize; g++) {
                boolean lastChance = t == targetCount - 1 && firstAt[g] == Long.MAX_VALUE;
                if (g >= CORE && rng.nextDouble() >= join && !lastChance) {
                    continue;
                }
                int messages = rng.nextInt(100) < 15 ? 2 : 1;
                long at = wave + PlanContext.between(rng, MINUTE, waveLength);
                for (int m = 0; m < messages; m++) {
                    long when = m == 0 ? at : at + PlanContext.between(rng, 5 * MINUTE, 60 * MINUTE);
                    firstAt[g] = Math.min(firstAt[g], when);
                    boolean copy = copypasta && rng.nextDouble() < copyShare;
                    TextKind kind = copy ? baseKind : abuseKind(rng);
                    PlannedMessage message;
                    if (rng.nextInt(100) < 40) {
                        if (anchor == null) {
                            anchor = ctx.anchorPost(target, wave, rng);
                        }
                        message = abusiveReply(ctx, campaign, when, group[g], anchor, kind, rng);
                    } else {
                        message = abusive(ctx, campaign, when, group[g], target, Channel.MENTION, kind, rng);
                    }
                    if (copy) {
                        copypasta(message, baseSeed);
                        copies++;
                    }
                    if (hashtag && rng.nextDouble() < tagShare) {
                        message.hashtag = tag;
                        campaign.traits.add(Trait.HASHTAG);
                    }
                    if (sharedUrl && rng.nextDouble() < urlShare) {
                        message.url = url;
                        campaign.traits.add(Trait.SHARED_URL);
                    }
                }
            }
        }
        if (copies >= 2) {
            campaign.traits.add(Trait.COPYPASTA);
        }
        for (int g = 0; g < groupSize; g++) {
            if (newAccounts && (g == 0 || rng.nextInt(100) < 50)) {
                ctx.accounts.setCreatedAt(group[g], PlanContext.newAccountCreation(rng, firstAt[g]));
                campaign.traits.add(Trait.NEW_ACCOUNTS);
            } else {
                ctx.accounts.setCreatedAt(group[g], ctx.startMs - 40 * DAY - PlanContext.between(rng, 0, 6 * 365 * DAY));
            }
            ctx.senderBenign(group[g], 1 + rng.nextInt(3), rng);
        }
        return campaign;
    }
}
