package org.harassmentwatch.generate;

/**
 * A message of a planted campaign or decoy, fixed before streaming starts: who, when, to whom, what kind of
 * text (rendered only when written, from {@link #textSeed}, so the plan stays small). Mutable only for what is
 * known at write time: the id and conversation, which later replies in the plan refer to.
 */
final class PlannedMessage {

    final long at;
    final int seq;
    final int sender;
    /** The addressed account; the sender itself for a post; unused for replies (the parent's author). */
    final int target;
    final Channel channel;
    final long textSeed;
    TextKind kind;
    /** Replied-to message; written earlier because it is earlier in time (and in plan order on ties). */
    PlannedMessage parent;
    /** Quoted post: its link goes into the text and {@code urls}. */
    PlannedMessage quoted;
    /** Reply to whatever recent message is at hand when written (a post if there is none). */
    boolean replyToRecent;
    CampaignPlan campaign;
    boolean abusive;
    boolean obfuscate;
    boolean reported;
    /** Copypasta: text choices come from this seed, shared by the campaign's copies. */
    boolean copypasta;
    long copypastaSeed;
    String hashtag;
    String url;

    String id;
    String conversationId;

    PlannedMessage(long at, int seq, int sender, int target, Channel channel, TextKind kind, long textSeed) {
        this.at = at;
        this.seq = seq;
        this.sender = sender;
        this.target = target;
        this.channel = channel;
        this.kind = kind;
        this.textSeed = textSeed;
    }
}
