package org.harassmentwatch.bench;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.harassmentwatch.generate.GeneratorConfig;
import org.harassmentwatch.generate.TrafficGenerator;
import org.harassmentwatch.generate.TrafficStream;
import org.harassmentwatch.ingest.IsoTimestamps;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.PriorityQueue;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Live traffic into the input topic at a fixed rate, as production sees it: generated lines re-dated to the moment
 * they are sent ({@code created_at} = now, so event time runs with the clock), spread evenly over the partitions,
 * with pile-ons injected among them whose threshold-crossing message is known.
 *
 * <p>Background lines come from a pool generated once and cycled; each cycle gives the message ids a new first
 * character (outside the generator's hex alphabet), so that the job's de-duplication sees new messages, as it would.
 *
 * <p>A pile-on is {@link #senders} messages from fresh senders to a fresh target, {@link #SENDER_GAP_MILLIS} apart;
 * the last one is the crossing message (the detector counts distinct senders in event-time order, and each message's
 * event time is its send time).
 */
final class LiveTraffic implements AutoCloseable {

    static final long SENDER_GAP_MILLIS = 40;
    private static final String PLATFORM = "chirp";
    private static final byte[] CREATED_AT_KEY = ",\"created_at\":\"".getBytes(StandardCharsets.UTF_8);
    private static final int ID_OFFSET = "{\"message_id\":\"".length();
    private static final int TIME_LENGTH = 24;

    /** What one phase sent. */
    record Sent(long messages, long pileOns, double seconds, long failed) {
        double rate() {
            return messages / seconds;
        }
    }

    private record Injected(long dueNanos, byte[] line, String crossingTarget) implements Comparable<Injected> {
        @Override
        public int compareTo(Injected o) {
            return Long.compare(dueNanos, o.dueNanos);
        }
    }

    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;
    private final int partitions;
    private final int senders;
    private final String text;
    private final String runId;
    private final AlertDelays delays;
    private final byte[][] pool;
    private final int[] timeOffsets;
    private final AtomicLong failed = new AtomicLong();
    private final PriorityQueue<Injected> injected = new PriorityQueue<>();
    private int next;
    private int cycle;
    private long sequence;
    private long pileOns;
    private long cachedMillis = Long.MIN_VALUE;
    private byte[] cachedTime;

    /**
     * @param senders distinct senders that make a pile-on (the detector's threshold)
     * @param text    an abusive text; {@code @TARGET} is replaced by the target's id
     */
    LiveTraffic(String bootstrap, String topic, int partitions, GeneratorConfig generator, int poolSize, int senders,
                String text, String runId, AlertDelays delays) {
        this.topic = topic;
        this.partitions = partitions;
        this.senders = senders;
        this.text = text;
        this.runId = runId;
        this.delays = delays;
        this.pool = new byte[poolSize][];
        this.timeOffsets = new int[poolSize];
        TrafficStream stream = TrafficGenerator.stream(generator);
        for (int i = 0; i < poolSize; i++) {
            byte[] line = stripNewline(stream.next().getBytes(StandardCharsets.UTF_8));
            int at = indexOf(line, CREATED_AT_KEY);
            if (at < 0 || line[ID_OFFSET - 1] != '"') {
                throw new IllegalStateException("generated line without the expected message_id/created_at layout: "
                        + new String(line, StandardCharsets.UTF_8));
            }
            pool[i] = line;
            timeOffsets[i] = at + CREATED_AT_KEY.length;
        }
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "1");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "2");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(128 * 1024));
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
        producer = new KafkaProducer<>(p);
    }

    /**
     * Sends {@code rate} messages a second for {@code seconds}, starting {@code pileOnsPerSecond} pile-ons a second
     * among them (attributed to {@code phase}; 0 for none). Returns when the time is up, even if behind.
     */
    Sent run(int phase, int rate, double seconds, double pileOnsPerSecond) {
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        long nanosPerPileOn = pileOnsPerSecond > 0 ? (long) (1e9 / pileOnsPerSecond) : Long.MAX_VALUE;
        long nextPileOn = start;
        // Stop starting pile-ons once their last message would fall past the phase.
        long lastPileOnStart = end - TimeUnit.MILLISECONDS.toNanos(SENDER_GAP_MILLIS * senders);
        long sent = 0;
        long pileOnsBefore = pileOns;
        long failedBefore = failed.get();
        long now;
        while ((now = System.nanoTime()) < end) {
            while (nanosPerPileOn != Long.MAX_VALUE && nextPileOn <= now && nextPileOn <= lastPileOnStart) {
                schedulePileOn(phase, nextPileOn);
                nextPileOn += nanosPerPileOn;
            }
            long due = (long) ((now - start) / 1e9 * rate);
            while (sent < due) {
                Injected head = injected.peek();
                if (head != null && head.dueNanos <= now) {
                    send(injected.poll());
                } else {
                    sendBackground();
                }
                sent++;
            }
            LockSupport.parkNanos(200_000);
        }
        // Pile-ons cut short by the end of the phase still finish (in the next phase's traffic, counted there).
        return new Sent(sent, pileOns - pileOnsBefore, (System.nanoTime() - start) / 1e9, failed.get() - failedBefore);
    }

    /** Pile-on messages still waiting to be sent (sent by the next {@link #run}). */
    int pendingInjected() {
        return injected.size();
    }

    private void schedulePileOn(int phase, long startNanos) {
        long n = ++pileOns;
        String target = "lat" + runId + "t" + n;
        delays.injected(target, phase);
        String message = text.replace("@TARGET", "@" + target);
        for (int j = 0; j < senders; j++) {
            String json = "{\"message_id\":\"lat" + runId + "-" + n + "-" + j + "\",\"platform\":\"" + PLATFORM
                    + "\",\"sender_id\":\"lat" + runId + "s" + n + "x" + j + "\",\"created_at\":\""
                    + "0000-00-00T00:00:00.000Z" + "\",\"text\":\"" + message + " #" + j + "\",\"target_ids\":[\""
                    + target + "\"],\"channel\":\"mention\",\"lang\":\"en\",\"reported\":false,\"hashtags\":[],\"urls\":[]}";
            injected.add(new Injected(startNanos + TimeUnit.MILLISECONDS.toNanos(SENDER_GAP_MILLIS * j),
                    json.getBytes(StandardCharsets.UTF_8), j == senders - 1 ? target : null));
        }
    }

    private void send(Injected m) {
        byte[] line = m.line;
        int at = indexOf(line, CREATED_AT_KEY) + CREATED_AT_KEY.length;
        System.arraycopy(now(), 0, line, at, TIME_LENGTH);
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, partition(), null, line);
        String crossing = m.crossingTarget;
        producer.send(record, (md, e) -> {
            if (e != null) {
                failed.incrementAndGet();
            } else if (crossing != null) {
                delays.crossingAppended(crossing, md.timestamp());
            }
        });
    }

    private void sendBackground() {
        if (next == pool.length) {
            next = 0;
            cycle++;
        }
        byte[] line = Arrays.copyOf(pool[next], pool[next].length);
        System.arraycopy(now(), 0, line, timeOffsets[next], TIME_LENGTH);
        if (cycle > 0) {
            line[ID_OFFSET] = (byte) ('g' + (cycle - 1) % 20); // g..z: never a generated (hex) id
        }
        next++;
        producer.send(new ProducerRecord<>(topic, partition(), null, line), (md, e) -> {
            if (e != null) {
                failed.incrementAndGet();
            }
        });
    }

    private int partition() {
        return (int) (sequence++ % partitions);
    }

    private byte[] now() {
        long millis = System.currentTimeMillis();
        if (millis != cachedMillis) {
            cachedMillis = millis;
            cachedTime = IsoTimestamps.formatUtcMillis(millis).getBytes(StandardCharsets.US_ASCII);
            if (cachedTime.length != TIME_LENGTH) {
                throw new IllegalStateException("unexpected timestamp layout " + new String(cachedTime, StandardCharsets.US_ASCII));
            }
        }
        return cachedTime;
    }

    @Override
    public void close() {
        producer.close();
    }

    private static byte[] stripNewline(byte[] line) {
        int n = line.length;
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r')) {
            n--;
        }
        return n == line.length ? line : Arrays.copyOf(line, n);
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
