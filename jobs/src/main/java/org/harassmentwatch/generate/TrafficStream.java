package org.harassmentwatch.generate;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * The generated traffic as a stream of NDJSON lines (each ending in {@code \n}). Planned campaign and decoy
 * messages are merged by time into the background; ids are assigned in event-time order; a share of lines is
 * then held back and written late. Memory: the plan (a few percent of the messages) plus small buffers.
 *
 * <p>Use {@link #advance()} with {@link #lineBytes()}/{@link #lineLength()} for speed, or iterate Strings.
 * Not thread-safe. {@link #truth()} is available once the stream is exhausted.
 */
public final class TrafficStream implements Iterator<String> {

    public static final String GENERATOR_VERSION = "1";
    private static final int RECENT_CAPACITY = 1024;

    private final GeneratorConfig config;
    private final Accounts accounts;
    private final TrafficPlan plan;
    private final BackgroundTraffic background;
    private final TextRenderer renderer;
    private final MessageLineWriter writer;
    private final MessageDraft draft = new MessageDraft();
    private final RecentMessages recent = new RecentMessages(RECENT_CAPACITY);
    private final LateArrivals late = new LateArrivals();
    private final UpstreamScoreStamper scores;
    private final SplittableRandom orderRng;
    private final long idSalt;
    private final String quoteUrlPrefix;
    private final long maxDisplacementMs;
    private int planPosition;
    private long produced;
    private long written;
    private byte[] line;
    private int lineLength;
    private Boolean pending;

    public TrafficStream(GeneratorConfig config) {
        this.config = config;
        SplittableRandom root = new SplittableRandom(config.seed());
        SplittableRandom planRng = root.split();
        SplittableRandom backgroundRng = root.split();
        this.orderRng = root.split();
        this.scores = new UpstreamScoreStamper(config.upstreamScoreShare(), root.split());
        this.idSalt = root.nextLong();
        long startMs = config.start().toEpochMilli();
        long spanMs = config.end().toEpochMilli() - startMs;
        this.accounts = new Accounts(config.seed(), config.users(), startMs, spanMs);
        this.plan = TrafficPlan.build(config, accounts, planRng);
        TextCatalog catalog = TextCatalog.load();
        this.renderer = new TextRenderer(catalog);
        this.background = new BackgroundTraffic(config.messages() - plan.messages.size(), startMs, config.spanDays(),
                accounts, catalog, renderer, plan.forbiddenPairs, scores, backgroundRng);
        this.writer = new MessageLineWriter(config.platform());
        this.quoteUrlPrefix = "https://" + config.platform() + ".example/";
        this.maxDisplacementMs = config.maxDisplacement().toMillis();
    }

    /** Total lines this stream writes (exactly {@link GeneratorConfig#messages()}). */
    public long total() {
        return config.messages();
    }

    /** Lines handed out so far. */
    public long written() {
        return written;
    }

    /**
     * Moves to the next line.
     *
     * @return false when all lines have been written
     */
    public boolean advance() {
        if (pending != null) {
            boolean result = pending;
            pending = null;
            return result;
        }
        while (true) {
            long nextTime = nextInOrderTime();
            if (!late.isEmpty() && late.nextRelease() <= nextTime) {
                line = late.release();
                lineLength = line.length;
                written++;
                return true;
            }
            if (nextTime == Long.MAX_VALUE) {
                return false;
            }
            long createdAt = produceNext();
            if (config.outOfOrderShare() > 0 && orderRng.nextDouble() < config.outOfOrderShare()) {
                long delay = PlanContext.between(orderRng, 1_000, maxDisplacementMs);
                late.hold(createdAt + delay, writer.bytes(), writer.length());
                continue;
            }
            line = writer.bytes();
            lineLength = writer.length();
            written++;
            return true;
        }
    }

    /** The current line's bytes (UTF-8, ending in '\n'); valid until the next {@link #advance()}. */
    public byte[] lineBytes() {
        return line;
    }

    public int lineLength() {
        return lineLength;
    }

    @Override
    public boolean hasNext() {
        if (pending == null) {
            pending = advance();
        }
        return pending;
    }

    /** The next line as a String, without its trailing newline. */
    @Override
    public String next() {
        if (!hasNext()) {
            throw new NoSuchElementException("all " + total() + " messages have been written");
        }
        pending = null;
        return new String(line, 0, lineLength - 1, StandardCharsets.UTF_8);
    }

    /** What was planted; only complete once every line has been written. */
    public GroundTruth truth() {
        if (written < total() || hasNext()) {
            throw new IllegalStateException("truth is complete only after all " + total() + " messages are written; "
                    + written + " so far");
        }
        List<GroundTruth.Campaign> campaigns = new ArrayList<>();
        long planted = 0;
        for (CampaignPlan campaign : plan.campaigns) {
            campaigns.add(campaign.toTruth(accounts));
            planted += campaign.abusiveCount();
        }
        List<GroundTruth.Decoy> decoys = new ArrayList<>();
        for (DecoyPlan decoy : plan.decoys) {
            decoys.add(decoy.toTruth(accounts));
        }
        return new GroundTruth(GENERATOR_VERSION, config.seed(), config.messages(), config.messages() - planted,
                planted, config.start(), config.end(), config, List.copyOf(campaigns), List.copyOf(decoys));
    }

    private long nextInOrderTime() {
        long planned = planPosition < plan.messages.size() ? plan.messages.get(planPosition).at : Long.MAX_VALUE;
        long backgroundTime = background.hasNext() ? background.peekTime() : Long.MAX_VALUE;
        return Math.min(planned, backgroundTime);
    }

    /** Writes the next message in event-time order into the writer's buffer; returns its created_at. */
    private long produceNext() {
        String id = Mix.hex64(Mix.mix64(produced++ + idSalt));
        draft.reset();
        long backgroundTime = background.hasNext() ? background.peekTime() : Long.MAX_VALUE;
        int sender;
        if (planPosition < plan.messages.size() && plan.messages.get(planPosition).at <= backgroundTime) {
            PlannedMessage message = plan.messages.get(planPosition);
            plan.messages.set(planPosition++, null); // written: only replies still referring to it keep it alive
            sender = fillPlanned(message, id);
        } else {
            sender = background.fill(draft, id, recent);
        }
        writer.write(draft);
        if (draft.channel != Channel.DIRECT_MESSAGE) {
            recent.add(id, sender, draft.conversationId);
        }
        return draft.createdAt;
    }

    private int fillPlanned(PlannedMessage p, String id) {
        SplittableRandom rng = new SplittableRandom(p.textSeed);
        MessageDraft d = draft;
        d.messageId = id;
        d.createdAt = p.at;
        d.senderId = accounts.id(p.sender);
        d.senderCreatedAt = accounts.createdAt(p.sender);
        Channel channel = p.channel;
        int target;
        if (p.parent != null) {
            target = p.parent.sender;
            d.inReplyTo = p.parent.id;
            d.conversationId = p.parent.conversationId;
        } else if (p.replyToRecent) {
            int slot = recent.pick(rng, p.sender, plan.forbiddenPairs);
            if (slot >= 0) {
                target = recent.sender(slot);
                d.inReplyTo = recent.id(slot);
                d.conversationId = recent.conversation(slot);
            } else {
                target = p.sender;
                channel = Channel.POST;
            }
        } else {
            target = p.target;
        }
        d.channel = channel;
        d.targetId = target == p.sender ? d.senderId : accounts.id(target);
        if (channel == Channel.DIRECT_MESSAGE && d.conversationId == null) {
            d.conversationId = directConversation(d.senderId, d.targetId);
        } else if (d.conversationId == null) {
            d.conversationId = id;
        }

        String handle = target == p.sender ? null : "@" + d.targetId;
        SplittableRandom choice = p.copypasta ? new SplittableRandom(p.copypastaSeed) : rng;
        boolean disguised = renderer.render(p.kind, choice, rng, handle, channel == Channel.MENTION, p.obfuscate,
                p.copypasta, d.text);
        if (p.quoted != null) {
            d.addUrl(quoteUrlPrefix + accounts.id(p.quoted.sender) + "/status/" + p.quoted.id);
        }
        if (p.hashtag != null) {
            d.addHashtag(p.hashtag);
        }
        if (p.url != null) {
            d.addUrl(p.url);
        }
        d.reported = p.reported;
        scores.stamp(d, p.kind.profile(), disguised);

        p.id = id;
        p.conversationId = d.conversationId;
        if (p.abusive) {
            p.campaign.recordAbusive(id, p.at);
        }
        return p.sender;
    }

    /** Conversation id of the direct messages between two accounts, the same whoever writes. */
    static String directConversation(String a, String b) {
        return a.compareTo(b) <= 0 ? "dm-" + a + "-" + b : "dm-" + b + "-" + a;
    }

    @Override
    public String toString() {
        return "TrafficStream[seed=" + config.seed() + ", written=" + written + "/" + total() + "]";
    }
}
