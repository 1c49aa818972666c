package org.harassmentwatch.generate;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;

/** Plans the decoys: benign traffic that a naive campaign detector would flag. */
final class DecoyPlanner {

    private static final long SECOND = PlanContext.SECOND;
    private static final long MINUTE = PlanContext.MINUTE;
    private static final long HOUR = PlanContext.HOUR;
    private static final long DAY = PlanContext.DAY;

    private final PlanContext ctx;

    DecoyPlanner(PlanContext ctx) {
        this.ctx = ctx;
    }

    DecoyPlan plan(DecoyKind kind, SplittableRandom rng) {
        return switch (kind) {
            case BANTER -> banter(rng);
            case UNDIRECTED_PROFANITY -> profanity(rng);
            case VIRAL_BENIGN -> viral(rng);
            case HEATED_EXCHANGE -> heated(rng);
        };
    }

    /**
     * Two friends chat both ways in 6-15 sessions over 5-25 days; about 30% of lines are mock insults with
     * laughter, and each friend teases the other at least twice.
     */
    private DecoyPlan banter(SplittableRandom rng) {
        DecoyPlan decoy = new DecoyPlan(DecoyKind.BANTER);
        int a = ctx.pickPopulationUser(rng);
        int b = ctx.pickPopulationUser(rng);
        decoy.accounts.add(a);
        decoy.accounts.add(b);
        long sessionTail = 2 * HOUR;
        long length = Math.min(PlanContext.between(rng, 5 * DAY, 25 * DAY), ctx.maxWindow() - sessionTail);
        long from = ctx.placeWindow(rng, length + sessionTail);
        int sessions = 6 + rng.nextInt(10);
        int[] teases = new int[2];
        List<PlannedMessage> chats = new ArrayList<>();
        for (int s = 0; s < sessions; s++) {
            long at = from + PlanContext.between(rng, 0, length);
            boolean direct = rng.nextInt(100) < 30;
            int speaker = rng.nextBoolean() ? a : b;
            int lines = 2 + rng.nextInt(5);
            PlannedMessage previous = null;
            for (int line = 0; line < lines; line++) {
                int other = speaker == a ? b : a;
                TextKind kind = rng.nextInt(100) < 30 ? TextKind.BANTER_TEASE : TextKind.BANTER_CHAT;
                PlannedMessage message;
                if (previous == null) {
                    message = ctx.add(at, speaker, other, direct ? Channel.DIRECT_MESSAGE : Channel.MENTION, kind, rng);
                } else {
                    message = ctx.reply(at, speaker, previous, direct ? Channel.DIRECT_MESSAGE : Channel.REPLY, kind, rng);
                }
                decoy.count(message);
                if (kind == TextKind.BANTER_TEASE) {
                    teases[speaker == a ? 0 : 1]++;
                } else {
                    chats.add(message);
                }
                previous = message;
                speaker = other;
                at += PlanContext.between(rng, 30 * SECOND, 20 * MINUTE);
            }
        }
        // Banter must be mutual: top up teasing in whichever direction is short of two.
        for (PlannedMessage chat : chats) {
            int side = chat.sender == a ? 0 : 1;
            if (teases[side] < 2) {
                chat.kind = TextKind.BANTER_TEASE;
                teases[side]++;
            }
        }
        return decoy;
    }

    /** One user swears at the world (traffic, weather, bus) 5-15 times over 2-20 days, half in replies to others. */
    private DecoyPlan profanity(SplittableRandom rng) {
        DecoyPlan decoy = new DecoyPlan(DecoyKind.UNDIRECTED_PROFANITY);
        int user = ctx.pickPopulationUser(rng);
        decoy.accounts.add(user);
        long length = Math.min(PlanContext.between(rng, 2 * DAY, 20 * DAY), ctx.maxWindow());
        long from = ctx.placeWindow(rng, length);
        int count = 5 + rng.nextInt(11);
        for (int i = 0; i < count; i++) {
            long at = from + PlanContext.between(rng, 0, length);
            if (rng.nextBoolean()) {
                decoy.count(ctx.post(at, user, TextKind.PROFANITY_POST, rng));
            } else {
                PlannedMessage reply = ctx.add(at, user, -1, Channel.REPLY, TextKind.PROFANITY_REPLY, rng);
                reply.replyToRecent = true;
                decoy.count(reply);
            }
        }
        return decoy;
    }

    /**
     * A post that takes off: 300-2,000 friendly replies from distinct users within 6 hours, most in the first hour
     * (fewer for small runs: at most 1/40 of all messages and a third of the population).
     */
    private DecoyPlan viral(SplittableRandom rng) {
        DecoyPlan decoy = new DecoyPlan(DecoyKind.VIRAL_BENIGN);
        int author = ctx.pickPopulationUser(rng);
        decoy.accounts.add(author);
        long burst = 6 * HOUR;
        long at = ctx.placeWindow(rng, burst + MINUTE);
        PlannedMessage post = decoy.count(ctx.post(at, author, TextKind.VIRAL_POST, rng));
        double u = rng.nextDouble();
        int replies = 300 + (int) (1700 * u * u);
        replies = (int) Math.min(replies, Math.max(20, ctx.messagesRequested / 40));
        int population = ctx.accounts.population();
        replies = Math.min(replies, population / 3);
        BitSet replied = new BitSet(population);
        replied.set(author);
        for (int r = 0; r < replies; r++) {
            // Exponential decay of attention, mean 45 minutes, cut at the end of the burst.
            long delay = 20 * SECOND + (long) Math.min(burst, -45 * MINUTE * StrictMath.log(1.0 - rng.nextDouble()));
            long when = at + delay;
            int replier;
            do {
                replier = rng.nextInt(population);
            } while (replied.get(replier) || ctx.accounts.createdAt(replier) >= when - HOUR);
            replied.set(replier);
            decoy.count(ctx.reply(when, replier, post, Channel.REPLY, TextKind.VIRAL_REPLY, rng));
        }
        return decoy;
    }

    /**
     * One post, then 3-6 angry insults traded both ways within about a quarter of an hour; the two never address
     * each other again (enforced on the background traffic).
     */
    private DecoyPlan heated(SplittableRandom rng) {
        DecoyPlan decoy = new DecoyPlan(DecoyKind.HEATED_EXCHANGE);
        int a = ctx.pickPopulationUser(rng);
        int b = ctx.pickPopulationUser(rng);
        decoy.accounts.add(a);
        decoy.accounts.add(b);
        ctx.forbiddenPairs.add(a, b);
        long at = ctx.placeWindow(rng, 20 * MINUTE);
        PlannedMessage previous = decoy.count(ctx.post(at, a, TextKind.HEATED_OPENER, rng));
        int insults = 3 + rng.nextInt(4);
        int speaker = b;
        at += PlanContext.between(rng, MINUTE, 3 * MINUTE);
        for (int i = 0; i < insults; i++) {
            PlannedMessage insult = ctx.reply(at, speaker, previous, Channel.REPLY, TextKind.HEATED_INSULT, rng);
            insult.reported = rng.nextInt(100) < 5;
            decoy.count(insult);
            previous = insult;
            speaker = speaker == a ? b : a;
            at += PlanContext.between(rng, 20 * SECOND, 150 * SECOND);
        }
        return decoy;
    }
}
