package org.harassmentwatch.bench;

import org.harassmentwatch.generate.GeneratorConfig;
import org.harassmentwatch.generate.TrafficGenerator;
import org.harassmentwatch.generate.TrafficStream;
import org.harassmentwatch.ingest.DecodeResult;
import org.harassmentwatch.ingest.Message;
import org.harassmentwatch.ingest.MessageDecoder;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * What the scorer is called with in the job (text, upstream scores, whether the channel addresses someone), taken from
 * generated traffic, in two length profiles:
 * <ul>
 *   <li>{@link Lengths#GENERATOR}: the texts as generated (short, like most posts: about 35 chars on average);</li>
 *   <li>{@link Lengths#SPAN_40_280}: consecutive generated texts joined with a space up to a length drawn uniformly
 *       from 40..280 chars (cut at a word boundary): the realistic span of a post, about 160 chars on average, same
 *       vocabulary, evasions and abuse as the traffic.</li>
 * </ul>
 */
final class ScorerInputs {

    /** Channels that address someone, as the job's scoring step reads them. */
    private static final Set<String> ADDRESSED_CHANNELS = Set.of("reply", "mention", "direct_message", "comment");

    enum Lengths {
        GENERATOR, SPAN_40_280
    }

    final String[] texts;
    final List<Map<String, Double>> upstream;
    final boolean[] addressed;

    private ScorerInputs(String[] texts, List<Map<String, Double>> upstream, boolean[] addressed) {
        this.texts = texts;
        this.upstream = upstream;
        this.addressed = addressed;
    }

    static ScorerInputs generate(long seed, int count, Lengths lengths) {
        TrafficStream stream = TrafficGenerator.stream(GeneratorConfig.defaults(seed, Math.max(count * 12L, 100_000)));
        MessageDecoder decoder = new MessageDecoder();
        SplittableRandom random = new SplittableRandom(seed);
        String[] texts = new String[count];
        List<Map<String, Double>> upstream = new ArrayList<>(count);
        boolean[] addressed = new boolean[count];
        for (int i = 0; i < count; i++) {
            Message first = next(stream, decoder);
            String text = first.text();
            if (lengths == Lengths.SPAN_40_280) {
                int length = 40 + random.nextInt(241);
                StringBuilder sb = new StringBuilder(text);
                while (sb.length() < length) {
                    sb.append(' ').append(next(stream, decoder).text());
                }
                text = cut(sb, length);
            }
            texts[i] = text;
            upstream.add(first.upstreamScores());
            addressed[i] = first.channel() == null || ADDRESSED_CHANNELS.contains(first.channel());
        }
        return new ScorerInputs(texts, upstream, addressed);
    }

    /** At most {@code length} chars, ending at a word boundary when there is one after char 40. */
    static String cut(CharSequence text, int length) {
        if (text.length() <= length) {
            return text.toString();
        }
        int end = length;
        while (end > 40 && !Character.isWhitespace(text.charAt(end))) {
            end--;
        }
        if (end == 40) {
            end = length;
        }
        if (Character.isLowSurrogate(text.charAt(end))) {
            end--; // never split an emoji's surrogate pair
        }
        return text.subSequence(0, end).toString().stripTrailing();
    }

    double averageLength() {
        long sum = 0;
        for (String t : texts) {
            sum += t.length();
        }
        return sum / (double) texts.length;
    }

    private static Message next(TrafficStream stream, MessageDecoder decoder) {
        if (!stream.hasNext()) {
            throw new IllegalStateException("generator ran out of messages");
        }
        DecodeResult r = decoder.decode(stream.next(), "generator", System.currentTimeMillis());
        if (r instanceof DecodeResult.Decoded d) {
            return d.message();
        }
        throw new IllegalStateException("generated line was rejected: " + ((DecodeResult.Rejected) r).deadLetter());
    }
}
