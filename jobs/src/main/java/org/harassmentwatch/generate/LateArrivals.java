package org.harassmentwatch.generate;

import java.util.PriorityQueue;

/**
 * Lines held back to be written late: each is released once the stream's event time passes its release time,
 * so it lands after messages with later {@code created_at} (what watermarks must tolerate). Ties break on
 * arrival order, keeping the output deterministic.
 */
final class LateArrivals {

    private record Held(long releaseAt, long order, byte[] line) {
    }

    private final PriorityQueue<Held> queue = new PriorityQueue<>((a, b) -> a.releaseAt != b.releaseAt
            ? Long.compare(a.releaseAt, b.releaseAt) : Long.compare(a.order, b.order));
    private long arrivals;

    void hold(long releaseAt, byte[] line, int length) {
        queue.add(new Held(releaseAt, arrivals++, java.util.Arrays.copyOf(line, length)));
    }

    boolean isEmpty() {
        return queue.isEmpty();
    }

    long nextRelease() {
        return queue.peek().releaseAt();
    }

    byte[] release() {
        return queue.poll().line();
    }
}
