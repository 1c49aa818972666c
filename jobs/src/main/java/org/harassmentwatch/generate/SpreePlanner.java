package org.harassmentwatch.generate;

import java.util.SplittableRandom;

/** One sender abuses 5-15 distinct targets within a 2-23 hour window, once or twice each. */
final class SpreePlanner extends CampaignPlanner {

    @Override
    CampaignPlan plan(PlanContext ctx, int number, SplittableRandom rng) {
        CampaignPlan campaign = new CampaignPlan(Shape.SPREE, number);
        campaign.obfuscationRate = obfuscationRate(ctx, number, rng);
        int sender = ctx.freshEstablishedAccount(rng);
        campaign.senders.add(sender);
        int targets = 5 + rng.nextInt(11);
        long window = PlanContext.between(rng, 2 * HOUR, 23 * HOUR);
        long start = ctx.placeWindow(rng, window + HOUR);
        for (int t = 0; t < targets; t++) {
            int target = ctx.pickPopulationUser(rng);
            campaign.targets.add(target);
            long at = start + PlanContext.between(rng, 0, window);
            send(ctx, campaign, rng, at, sender, target);
            if (rng.nextInt(100) < 30) {
                long again = Math.min(at + PlanContext.between(rng, 10 * MINUTE, 3 * HOUR), start + window);
                if (again > at + MINUTE) {
                    send(ctx, campaign, rng, again, sender, target);
                }
            }
        }
        ctx.senderBenign(sender, 1 + rng.nextInt(4), rng);
        return campaign;
    }

    private static void send(PlanContext ctx, CampaignPlan campaign, SplittableRandom rng, long at, int sender,
                             int target) {
        int roll = rng.nextInt(100);
        TextKind kind = abuseKind(rng);
        if (roll < 50) {
            abusiveReply(ctx, campaign, at, sender, ctx.anchorPost(target, at, rng), kind, rng);
        } else {
            Channel channel = roll < 90 ? Channel.MENTION : Channel.DIRECT_MESSAGE;
            abusive(ctx, campaign, at, sender, target, channel, kind, rng);
        }
    }
}
