package org.harassmentwatch.generate;

import java.util.SplittableRandom;

/** Plans one planted campaign of a {@link Shape}; shared helpers for abusive messages. */
abstract class CampaignPlanner {

    static final long MINUTE = PlanContext.MINUTE;
    static final long HOUR = PlanContext.HOUR;
    static final long DAY = PlanContext.DAY;

    abstract CampaignPlan plan(PlanContext ctx, int number, SplittableRandom rng);

    static CampaignPlanner of(Shape shape) {
        return switch (shape) {
            case PERSISTENT_PAIR -> new PersistentPairPlanner();
            case PILE_ON -> new PileOnPlanner();
            case SPREE -> new SpreePlanner();
            case COORDINATED -> new CoordinatedPlanner();
        };
    }

    /** Most campaigns rarely disguise words; 30% do it a lot. */
    static double obfuscationRate(PlanContext ctx, int number, SplittableRandom rng) {
        return ctx.quotas.pick(Quotas.Variant.HEAVY_OBFUSCATION, number, 0.3)
                ? 0.3 + 0.4 * rng.nextDouble() : 0.12 * rng.nextDouble();
    }

    /** Category mix of abuse: insults dominate, the graver categories share the rest. */
    static TextKind abuseKind(SplittableRandom rng) {
        int roll = rng.nextInt(100);
        if (roll < 45) {
            return TextKind.ABUSE_INSULT;
        } else if (roll < 57) {
            return TextKind.ABUSE_THREAT;
        } else if (roll < 69) {
            return TextKind.ABUSE_IDENTITY_ATTACK;
        } else if (roll < 79) {
            return TextKind.ABUSE_SEXUAL_HARASSMENT;
        } else if (roll < 90) {
            return TextKind.ABUSE_SELF_HARM;
        }
        return TextKind.ABUSE_DOXXING;
    }

    static TextKind abuseKindExceptThreat(SplittableRandom rng) {
        TextKind kind;
        do {
            kind = abuseKind(rng);
        } while (kind == TextKind.ABUSE_THREAT);
        return kind;
    }

    /** An abusive message of the campaign; decides disguise and reporting and notes the traits. */
    static PlannedMessage abusive(PlanContext ctx, CampaignPlan campaign, long at, int sender, int target,
                                  Channel channel, TextKind kind, SplittableRandom rng) {
        PlannedMessage message = ctx.add(at, sender, target, channel, kind, rng);
        mark(campaign, message, rng);
        return message;
    }

    static PlannedMessage abusiveReply(PlanContext ctx, CampaignPlan campaign, long at, int sender,
                                       PlannedMessage parent, TextKind kind, SplittableRandom rng) {
        PlannedMessage message = ctx.reply(at, sender, parent, Channel.REPLY, kind, rng);
        mark(campaign, message, rng);
        return message;
    }

    private static void mark(CampaignPlan campaign, PlannedMessage message, SplittableRandom rng) {
        message.campaign = campaign;
        message.abusive = true;
        message.obfuscate = rng.nextDouble() < campaign.obfuscationRate;
        message.reported = rng.nextInt(100) < 8;
        if (message.obfuscate) {
            campaign.traits.add(Trait.OBFUSCATED);
        }
        if (message.kind.trait() != null) {
            campaign.traits.add(message.kind.trait());
        }
    }

    /** Makes a planned abusive message (of the base kind) a copy of the campaign's shared text. */
    static void copypasta(PlannedMessage message, long baseSeed) {
        message.copypasta = true;
        message.copypastaSeed = baseSeed;
    }

    private static final String[] PILE_ON_TAG_PREFIXES = {"expose", "cancel", "ratio", "byebye", "clownalert", "getoff"};
    private static final String[] BRIGADE_TAG_PREFIXES = {"raid", "cleanup", "purge", "operation", "brigade", "sweep"};

    static String pileOnHashtag(SplittableRandom rng, String targetId) {
        return PILE_ON_TAG_PREFIXES[rng.nextInt(PILE_ON_TAG_PREFIXES.length)] + targetId;
    }

    static String brigadeHashtag(SplittableRandom rng) {
        return BRIGADE_TAG_PREFIXES[rng.nextInt(BRIGADE_TAG_PREFIXES.length)] + base36(rng, 4);
    }

    static String sharedUrl(SplittableRandom rng) {
        return rng.nextBoolean()
                ? "https://paste.example/" + base36(rng, 8)
                : "https://forum.example/t/" + base36(rng, 6);
    }

    static String base36(SplittableRandom rng, int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = Character.forDigit(rng.nextInt(36), 36);
        }
        return new String(out);
    }
}
