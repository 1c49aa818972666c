package org.harassmentwatch.generate;

/** The message being written: one reusable instance per stream, so writing allocates little. */
final class MessageDraft {

    String messageId;
    String senderId;
    long createdAt;
    final StringBuilder text = new StringBuilder(256);
    String targetId;
    String conversationId;
    String inReplyTo;
    Channel channel;
    long senderCreatedAt;
    boolean reported;
    final String[] hashtags = new String[4];
    int hashtagCount;
    final String[] urls = new String[4];
    int urlCount;
    boolean hasScores;
    final int[] scoreMillis = new int[UpstreamScores.COUNT];

    void reset() {
        messageId = null;
        senderId = null;
        text.setLength(0);
        targetId = null;
        conversationId = null;
        inReplyTo = null;
        channel = null;
        reported = false;
        hashtagCount = 0;
        urlCount = 0;
        hasScores = false;
    }

    /** Adds {@code #tag} to the text and the tag to {@code hashtags}. */
    void addHashtag(String tag) {
        text.append(" #").append(tag);
        hashtags[hashtagCount++] = tag;
    }

    /** Adds the URL to the text and to {@code urls}. */
    void addUrl(String url) {
        text.append(' ').append(url);
        urls[urlCount++] = url;
    }
}
