package org.harassmentwatch.ingest;

import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * Single-thread decode throughput on typical ~300-byte messages (not a test). Run after {@code mvn test-compile}:
 * {@code java -cp jobs/target/classes:jobs/target/test-classes:<deps> org.harassmentwatch.ingest.DecodeThroughput
 * [seconds] [name-filter]}; a filter (e.g. "byte") runs only the matching measurements, each in a fresh JVM if you
 * like numbers that no other measurement's JIT profile has touched.
 */
public final class DecodeThroughput {

    private static final long NOW = TestMessages.NOW;
    private static final int DISTINCT = 10_000;

    public static void main(String[] args) {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        filter = args.length > 1 ? args[1] : "";
        String[] texts = typicalMessages();
        byte[][] bytes = new byte[texts.length][];
        long totalBytes = 0;
        for (int i = 0; i < texts.length; i++) {
            bytes[i] = texts[i].getBytes(StandardCharsets.UTF_8);
            totalBytes += bytes[i].length;
        }
        System.out.printf("messages: %d distinct, average %d bytes, e.g.%n%s%n", texts.length, totalBytes / texts.length, texts[0]);
        MessageDecoder decoder = new MessageDecoder();

        measure("warm-up", seconds, i -> decoder.decode(texts[i], "file:/x:1", NOW));
        measure("decode(String)", seconds, i -> decoder.decode(texts[i], "file:/x:1", NOW));
        measure("decode(byte[])", seconds, i -> decoder.decode(bytes[i], "kafka:t/0/1", NOW));
        Message[] messages = new Message[texts.length];
        for (int i = 0; i < texts.length; i++) {
            messages[i] = ((DecodeResult.Decoded) decoder.decode(texts[i], "file:/x:1", NOW)).message();
        }
        measure("MessageJson.toCanonicalJson", seconds, i -> MessageJson.toCanonicalJson(messages[i]));
        measure("MessageJson.sha256Hex", seconds, i -> MessageJson.sha256Hex(messages[i]));
        String[] broken = new String[texts.length];
        for (int i = 0; i < texts.length; i++) {
            broken[i] = texts[i].replace("\"channel\":\"reply\"", "\"channel\":\"dm\"");
        }
        measure("decode(String) -> dead letter", seconds, i -> decoder.decode(broken[i], "file:/x:1", NOW));
    }

    private interface Work {
        Object run(int index);
    }

    /** Best of three rounds: the machine is shared, the best round is the least disturbed one. */
    private static void measure(String name, int seconds, Work work) {
        if (!name.contains(filter) && !name.equals("warm-up")) {
            return;
        }
        double best = 0;
        for (int round = 0; round < 3; round++) {
            long deadline = System.nanoTime() + seconds * 1_000_000_000L / 3;
            long count = 0;
            long start = System.nanoTime();
            while (System.nanoTime() < deadline) {
                for (int i = 0; i < 1000; i++) {
                    Object result = work.run((int) (count++ % DISTINCT));
                    if (result == null) {
                        throw new IllegalStateException();
                    }
                    last = result;
                }
            }
            best = Math.max(best, count / ((System.nanoTime() - start) / 1e9));
        }
        System.out.printf("%-32s %,12.0f msg/s  (%.2f µs/msg)%n", name, best, 1e6 / best);
    }

    private static String filter = "";

    /** Keeps results reachable so the JIT cannot drop the work. */
    private static volatile Object last;

    /** Messages as platforms send them: ids, a reply with a mention, one or two targets, some hashtags, scores. */
    static String[] typicalMessages() {
        Random random = new Random(1);
        String[] words = {"you", "are", "such", "a", "loser", "nobody", "likes", "your", "posts", "go", "away",
                "seriously", "what", "is", "wrong", "with", "people", "like", "this", "thread", "lol"};
        String[] out = new String[DISTINCT];
        for (int i = 0; i < DISTINCT; i++) {
            StringBuilder text = new StringBuilder("@user").append(random.nextInt(5000));
            for (int w = 0; w < 8 + random.nextInt(10); w++) {
                text.append(' ').append(words[random.nextInt(words.length)]);
            }
            out[i] = "{\"message_id\":\"" + (1_800_000_000_000L + i) + "\",\"platform\":\"x\",\"sender_id\":\"u"
                    + random.nextInt(100_000) + "\",\"created_at\":\"2026-03-01T1" + random.nextInt(10) + ":"
                    + (10 + random.nextInt(50)) + ":" + (10 + random.nextInt(50)) + "." + (100 + random.nextInt(900))
                    + "Z\",\"text\":\"" + text + "\",\"target_ids\":[\"u" + random.nextInt(5000) + "\"],"
                    + "\"conversation_id\":\"c" + random.nextInt(1000) + "\",\"channel\":\"reply\",\"lang\":\"en\","
                    + "\"hashtags\":[\"#Thread\"],\"scores\":{\"toxicity\":0." + (10 + random.nextInt(89))
                    + ",\"insult\":0." + (10 + random.nextInt(89)) + "}}";
        }
        return out;
    }
}
