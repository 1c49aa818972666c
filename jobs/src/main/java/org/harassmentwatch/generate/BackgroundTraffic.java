package org.harassmentwatch.generate;

import java.util.SplittableRandom;

/**
 * Ordinary traffic of the benign population: posts, replies to recent messages, mentions, direct messages and
 * comments, in everyday language with a sprinkling of look-alikes (violent metaphors, "sick", Scunthorpe).
 * Senders follow a Zipf-like activity curve; mention and DM targets a Zipf-like popularity curve over a
 * different ordering of the same users.
 */
final class BackgroundTraffic {

    private static final String[] NEWS_SECTIONS = {"world", "sport", "science", "culture", "local", "tech"};

    private final DiurnalClock clock;
    private final Accounts accounts;
    private final ZipfSampler activity;
    private final ZipfSampler popularity;
    private final long popularityMultiplier;
    private final long popularityOffset;
    private final int population;
    private final SplittableRandom rng;
    private final TextRenderer renderer;
    private final String[] hashtags;
    private final ForbiddenPairs forbidden;
    private final UpstreamScoreStamper scores;
    private long nextTime;
    private boolean hasNext;

    BackgroundTraffic(long count, long startMs, int spanDays, Accounts accounts, TextCatalog catalog,
                      TextRenderer renderer, ForbiddenPairs forbidden, UpstreamScoreStamper scores,
                      SplittableRandom rng) {
        this.clock = new DiurnalClock(startMs, spanDays, count, rng.split());
        this.accounts = accounts;
        this.population = accounts.population();
        this.activity = new ZipfSampler(population, 1.0, 20.0);
        this.popularity = new ZipfSampler(population, 1.1, 5.0);
        long multiplier = (long) (population * 0.6180339887) | 1;
        while (gcd(multiplier, population) != 1) {
            multiplier++;
        }
        this.popularityMultiplier = multiplier;
        this.popularityOffset = population / 3;
        this.rng = rng;
        this.renderer = renderer;
        this.hashtags = catalog.fillerEntries("hashtag").toArray(new String[0]);
        this.forbidden = forbidden;
        this.scores = scores;
        advanceClock();
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }

    private void advanceClock() {
        hasNext = clock.hasNext();
        if (hasNext) {
            nextTime = clock.next();
        }
    }

    boolean hasNext() {
        return hasNext;
    }

    long peekTime() {
        return nextTime;
    }

    /**
     * Fills {@code d} with the next background message.
     *
     * @return the sender's account index
     */
    int fill(MessageDraft d, String id, RecentMessages recent) {
        long at = nextTime;
        advanceClock();
        int sender = pickSender(at);
        d.messageId = id;
        d.createdAt = at;
        d.senderId = accounts.id(sender);
        d.senderCreatedAt = accounts.createdAt(sender);

        int target = sender;
        Channel channel;
        int roll = rng.nextInt(1000);
        if (roll < 300) {
            channel = Channel.POST;
        } else if (roll < 720) {
            int slot = recent.pick(rng, sender, forbidden);
            if (slot >= 0) {
                channel = roll < 680 ? Channel.REPLY : Channel.COMMENT;
                target = recent.sender(slot);
                d.inReplyTo = recent.id(slot);
                d.conversationId = recent.conversation(slot);
            } else {
                channel = Channel.POST;
            }
        } else {
            target = pickPopular();
            channel = roll < 880 ? Channel.MENTION : Channel.DIRECT_MESSAGE;
            if (target == sender || forbidden.forbidden(sender, target) || accounts.createdAt(target) > at) {
                target = sender;
                channel = Channel.POST;
            }
        }
        d.channel = channel;
        d.targetId = target == sender ? d.senderId : accounts.id(target);
        if (channel == Channel.DIRECT_MESSAGE) {
            d.conversationId = TrafficStream.directConversation(d.senderId, d.targetId);
        } else if (d.conversationId == null) {
            d.conversationId = id;
        }

        TextKind kind = switch (channel) {
            case POST -> rng.nextInt(1000) < 30 ? TextKind.LOOKALIKE_POST
                    : rng.nextInt(1000) < 3 ? TextKind.PROFANITY_POST : TextKind.BENIGN_POST;
            case REPLY, COMMENT -> rng.nextInt(1000) < 30 ? TextKind.LOOKALIKE_REPLY : TextKind.BENIGN_REPLY;
            case MENTION -> TextKind.BENIGN_MENTION;
            case DIRECT_MESSAGE -> TextKind.BENIGN_DM;
        };
        String handle = target == sender ? null : "@" + d.targetId;
        renderer.render(kind, rng, rng, handle, channel == Channel.MENTION, false, false, d.text);
        if (channel == Channel.POST) {
            if (rng.nextInt(100) < 12) {
                d.addHashtag(hashtags[rng.nextInt(hashtags.length)]);
            }
            if (rng.nextInt(100) < 5) {
                d.addUrl("https://news.example/" + NEWS_SECTIONS[rng.nextInt(NEWS_SECTIONS.length)] + "/"
                        + (100_000 + rng.nextInt(900_000)));
            }
        }
        scores.stamp(d, kind.profile(), false);
        return sender;
    }

    private int pickSender(long at) {
        for (int attempt = 0; attempt < 5; attempt++) {
            int candidate = activity.sample(rng);
            if (accounts.createdAt(candidate) <= at - PlanContext.MINUTE) {
                return candidate;
            }
        }
        return 0; // the busiest user is always an established account
    }

    private int pickPopular() {
        int rank = popularity.sample(rng);
        return (int) ((rank * popularityMultiplier + popularityOffset) % population);
    }
}
