package org.harassmentwatch.generate;

import java.util.SplittableRandom;

/**
 * Many distinct senders on one target after a trigger (a quote-post of the target's post by an instigator).
 * Fast variant (80%): 8-60 senders, most within 10-60 minutes, a few stragglers within hours. Slow variant:
 * 20-40 senders over 8-23.5 hours. Copypasta, new accounts and a shared hashtag each on a share of campaigns.
 */
final class PileOnPlanner extends CampaignPlanner {

    @Override
    CampaignPlan plan(PlanContext ctx, int number, SplittableRandom rng) {
        CampaignPlan campaign = new CampaignPlan(Shape.PILE_ON, number);
        campaign.obfuscationRate = obfuscationRate(ctx, number, rng);
        boolean slow = ctx.quotas.pick(Quotas.Variant.SLOW, number, 0.2);
        int senders;
        long window;
        if (slow) {
            campaign.traits.add(Trait.SLOW);
            senders = 20 + rng.nextInt(21);
            window = PlanContext.between(rng, 8 * HOUR, 23 * HOUR + 30 * MINUTE);
        } else {
            double u = rng.nextDouble();
            senders = 8 + (int) (53 * u * u);
            window = PlanContext.between(rng, 10 * MINUTE, 60 * MINUTE);
        }
        long stragglerTail = 6 * HOUR;
        long trigger = ctx.placeWindow(rng, window + stragglerTail + HOUR);

        int target = ctx.pickPopulationUser(rng);
        campaign.targets.add(target);
        String targetId = ctx.accounts.id(target);
        PlannedMessage anchor = ctx.anchorPost(target, trigger, rng);

        boolean copypasta = ctx.quotas.pick(Quotas.Variant.COPYPASTA, number, 0.4);
        TextKind baseKind = abuseKind(rng);
        long baseSeed = rng.nextLong();
        double copyShare = 0.6 + 0.3 * rng.nextDouble();
        boolean newAccounts = ctx.quotas.pick(Quotas.Variant.NEW_ACCOUNTS, number, 0.35);
        double newShare = 0.5 + 0.5 * rng.nextDouble();
        boolean hashtag = ctx.quotas.pick(Quotas.Variant.HASHTAG, number, 0.4);
        String tag = pileOnHashtag(rng, targetId);
        double tagShare = 0.5 + 0.4 * rng.nextDouble();

        int instigator = ctx.freshEstablishedAccount(rng);
        PlannedMessage quote = ctx.add(trigger, instigator, target, Channel.MENTION, TextKind.PILE_ON_TRIGGER, rng);
        quote.quoted = anchor;
        if (hashtag) {
            quote.hashtag = tag;
            campaign.traits.add(Trait.HASHTAG);
        }
        ctx.senderBenign(instigator, 1 + rng.nextInt(3), rng);

        int stragglers = !slow && senders >= 12 ? (int) (senders * 0.15 * rng.nextDouble()) : 0;
        int copies = 0;
        for (int s = 0; s < senders; s++) {
            int sender = ctx.freshAccount();
            campaign.senders.add(sender);
            long at = s < senders - stragglers
                    ? trigger + PlanContext.between(rng, 30 * PlanContext.SECOND, window)
                    : trigger + window + PlanContext.between(rng, 5 * MINUTE, stragglerTail);
            if (newAccounts && (s == 0 || rng.nextDouble() < newShare)) {
                ctx.accounts.setCreatedAt(sender, PlanContext.newAccountCreation(rng, at));
                campaign.traits.add(Trait.NEW_ACCOUNTS);
            } else {
                ctx.accounts.setCreatedAt(sender, ctx.startMs - 40 * DAY - PlanContext.between(rng, 0, 6 * 365 * DAY));
            }
            int messages = rng.nextInt(100) < 20 ? 2 : 1;
            for (int m = 0; m < messages; m++) {
                long when = m == 0 ? at : at + PlanContext.between(rng, MINUTE, slow ? 3 * HOUR : 30 * MINUTE);
                boolean copy = copypasta && rng.nextDouble() < copyShare;
                TextKind kind = copy ? baseKind : abuseKind(rng);
                PlannedMessage message = message(ctx, campaign, rng, when, sender, target, anchor, kind);
                if (copy) {
                    copypasta(message, baseSeed);
                    copies++;
                }
                if (hashtag && rng.nextDouble() < tagShare) {
                    message.hashtag = tag;
                }
            }
            ctx.senderBenign(sender, 1 + rng.nextInt(3), rng);
        }
        if (copies >= 2) {
            campaign.traits.add(Trait.COPYPASTA);
        }
        return campaign;
    }

    /** Replies under the target's post (60%), mentions (30%) or quote-posts of it (10%). */
    private static PlannedMessage message(PlanContext ctx, CampaignPlan campaign, SplittableRandom rng, long at,
                                          int sender, int target, PlannedMessage anchor, TextKind kind) {
        int roll = rng.nextInt(100);
        if (roll < 60) {
            return abusiveReply(ctx, campaign, at, sender, anchor, kind, rng);
        }
        PlannedMessage message = abusive(ctx, campaign, at, sender, target, Channel.MENTION, kind, rng);
        if (roll >= 90) {
            message.quoted = anchor;
        }
        return message;
    }
}
