package org.harassmentwatch.generate;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * One sender, one target, 2-6 abusive messages on separate occasions (at least 2 h apart) spread over 1-25 days;
 * 40% escalate to a threat at the end; 35% of targets reply once asking the sender to stop.
 */
final class PersistentPairPlanner extends CampaignPlanner {

    static final long MIN_GAP = 2 * HOUR;

    @Override
    CampaignPlan plan(PlanContext ctx, int number, SplittableRandom rng) {
        CampaignPlan campaign = new CampaignPlan(Shape.PERSISTENT_PAIR, number);
        campaign.obfuscationRate = obfuscationRate(ctx, number, rng);
        int target = ctx.pickPopulationUser(rng);
        int sender = ctx.freshEstablishedAccount(rng);
        campaign.targets.add(target);
        campaign.senders.add(sender);

        int count = 2 + rng.nextInt(5);
        long tail = 4 * HOUR; // room for the target's reply after the last message
        long maxSpread = Math.min(25 * DAY, ctx.maxWindow() - tail);
        long minSpread = Math.min(DAY, maxSpread);
        long spread = PlanContext.between(rng, minSpread, maxSpread);
        long first = ctx.placeWindow(rng, spread + tail);
        long[] times = occasions(rng, first, spread, count);

        boolean escalating = ctx.quotas.pick(Quotas.Variant.ESCALATING, number, 0.4);
        if (escalating) {
            campaign.traits.add(Trait.ESCALATING);
        }
        Channel usual = channel(rng);
        PlannedMessage[] sent = new PlannedMessage[count];
        for (int i = 0; i < count; i++) {
            TextKind kind = !escalating ? abuseKind(rng)
                    : i == count - 1 ? TextKind.ABUSE_THREAT : abuseKindExceptThreat(rng);
            Channel channel = rng.nextInt(100) < 70 ? usual : channel(rng);
            if (channel == Channel.REPLY) {
                PlannedMessage anchor = ctx.anchorPost(target, times[i], rng);
                sent[i] = abusiveReply(ctx, campaign, times[i], sender, anchor, kind, rng);
            } else {
                sent[i] = abusive(ctx, campaign, times[i], sender, target, channel, kind, rng);
            }
        }

        if (ctx.quotas.pick(Quotas.Variant.TARGET_REPLIED, number, 0.35)) {
            int i = rng.nextInt(count);
            long latest = i + 1 < count ? times[i + 1] - 1 : sent[i].at + 3 * HOUR;
            long at = Math.min(sent[i].at + PlanContext.between(rng, 5 * MINUTE, 3 * HOUR), latest);
            Channel back = sent[i].channel == Channel.DIRECT_MESSAGE ? Channel.DIRECT_MESSAGE : Channel.REPLY;
            ctx.reply(Math.max(at, sent[i].at + 1), target, sent[i], back, TextKind.TARGET_PLEA, rng);
            campaign.traits.add(Trait.TARGET_REPLIED);
        }
        ctx.senderBenign(sender, 1 + rng.nextInt(4), rng);
        return campaign;
    }

    /** {@code count} times from {@code first} to {@code first + spread}, consecutive ones at least {@link #MIN_GAP} apart. */
    static long[] occasions(SplittableRandom rng, long first, long spread, int count) {
        long slack = spread - (count - 1) * MIN_GAP;
        if (slack < 0) {
            throw new IllegalStateException("spread " + spread + " ms cannot hold " + count + " occasions");
        }
        long[] offsets = new long[count];
        for (int i = 1; i < count - 1; i++) {
            offsets[i] = rng.nextLong(slack + 1);
        }
        offsets[count - 1] = slack;
        Arrays.sort(offsets, 1, count - 1);
        long[] times = new long[count];
        for (int i = 0; i < count; i++) {
            times[i] = first + offsets[i] + i * MIN_GAP;
        }
        return times;
    }

    private static Channel channel(SplittableRandom rng) {
        int roll = rng.nextInt(100);
        return roll < 40 ? Channel.DIRECT_MESSAGE : roll < 70 ? Channel.MENTION : Channel.REPLY;
    }
}
