package org.harassmentwatch.ingest;

import java.util.List;
import java.util.Map;

/**
 * One validated social-media message, as it travels through the job.
 *
 * <p>Times are epoch milliseconds in UTC. Collections are never null (empty when absent) and use
 * interface types so that Flink 2 serializes them with its built-in collection serializers, not Kryo.
 *
 * @param messageId       platform message id, unique per platform
 * @param platform        platform name, e.g. "x", "mastodon"
 * @param senderId        author account id
 * @param createdAt       when the platform says it was sent (UTC epoch millis)
 * @param text            message text as sent (at most 64 KiB UTF-8)
 * @param targetIds       distinct accounts the message is aimed at, sender removed (self-targeting is ignored);
 *                        may be empty only when the sender targeted nobody but themselves
 * @param conversationId  thread id, or null
 * @param inReplyTo       id of the message replied to, or null
 * @param channel         reply | mention | direct_message | comment | post, or null
 * @param lang            language tag, or null
 * @param senderCreatedAt account creation time (UTC epoch millis), or null when unknown
 * @param reported        whether a user reported the message
 * @param hashtags        hashtags, lower-cased, without '#'
 * @param urls            URLs as sent
 * @param upstreamScores  upstream classifier probabilities (toxicity, threat, ...), each 0..1
 * @param ingestedAt      when this job read it (UTC epoch millis)
 * @param source          where it was read: "file:PATH:LINE" or "kafka:TOPIC/PARTITION/OFFSET"
 */
public record Message(
        String messageId,
        String platform,
        String senderId,
        long createdAt,
        String text,
        List<String> targetIds,
        String conversationId,
        String inReplyTo,
        String channel,
        String lang,
        Long senderCreatedAt,
        boolean reported,
        List<String> hashtags,
        List<String> urls,
        Map<String, Double> upstreamScores,
        long ingestedAt,
        String source) {
}
