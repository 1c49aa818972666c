package org.harassmentwatch.bench;

import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Matches injected pile-ons to their alerts and collects the delays per phase: from the append of a pile-on's
 * threshold-crossing message to the input topic to the append of its {@code created} alert to the alert topic (both
 * broker clocks: the topics use LogAppendTime). A pile-on is known by its target, which no other traffic addresses.
 * Either side may be seen first (the producer's acknowledgement and the alert consumer run on different threads).
 * Thread-safe.
 */
final class AlertDelays {

    /** Highest delay the histograms hold; larger ones are clamped (and show up as the max). */
    static final long MAX_TRACKED_MILLIS = 3_600_000L;

    /** One phase's figures. {@code missing}: pile-ons whose alert never came (their delay is unknown). */
    record Summary(int injected, long matched, int missing, long p50, long p99, long max, long early) {
    }

    private record Crossing(int phase, long appendMillis) {
    }

    private final Map<String, Integer> phaseOf = new HashMap<>();
    private final Map<String, Crossing> crossings = new HashMap<>();
    private final Map<String, Long> alertsWaiting = new HashMap<>();
    private final List<Histogram> histograms = new ArrayList<>();
    private final List<int[]> injectedAndEarly = new ArrayList<>();

    /** A pile-on on {@code target} was injected during {@code phase} (phases count from 0). */
    synchronized void injected(String target, int phase) {
        while (histograms.size() <= phase) {
            histograms.add(new Histogram(MAX_TRACKED_MILLIS, 3));
            injectedAndEarly.add(new int[2]);
        }
        if (phaseOf.putIfAbsent(target, phase) != null) {
            throw new IllegalArgumentException("pile-on target " + target + " injected twice");
        }
        injectedAndEarly.get(phase)[0]++;
    }

    /** The threshold-crossing message of the pile-on on {@code target} was appended at {@code appendMillis}. */
    synchronized void crossingAppended(String target, long appendMillis) {
        Integer phase = phaseOf.get(target);
        if (phase == null) {
            throw new IllegalArgumentException("crossing message for a target never injected: " + target);
        }
        crossings.put(target, new Crossing(phase, appendMillis));
        Long alert = alertsWaiting.remove(target);
        if (alert != null) {
            record(target, alert);
        }
    }

    /**
     * A {@code created} alert naming {@code targets} was appended at {@code appendMillis}. Only the first alert of
     * an injected target counts; other targets (the background traffic's own campaigns) are ignored.
     *
     * @return whether it named an injected pile-on
     */
    synchronized boolean alertAppended(List<String> targets, long appendMillis) {
        boolean matched = false;
        for (String target : targets) {
            if (!phaseOf.containsKey(target)) {
                continue;
            }
            matched = true;
            if (crossings.containsKey(target)) {
                record(target, appendMillis);
            } else {
                alertsWaiting.putIfAbsent(target, appendMillis);
            }
        }
        return matched;
    }

    private void record(String target, long alertAppendMillis) {
        Crossing c = crossings.get(target);
        if (c.appendMillis == Long.MIN_VALUE) {
            return; // already counted: a second created alert naming the same target
        }
        long delay = alertAppendMillis - c.appendMillis;
        if (delay < 0) {
            // The alert came before the crossing message: the pile-on fired on something else. Counted, not hidden.
            injectedAndEarly.get(c.phase)[1]++;
            delay = 0;
        }
        histograms.get(c.phase).recordValue(Math.min(delay, MAX_TRACKED_MILLIS));
        crossings.put(target, new Crossing(c.phase, Long.MIN_VALUE));
    }

    /** Pile-ons of {@code phase} still without an alert. */
    synchronized int missing(int phase) {
        if (phase >= histograms.size()) {
            return 0;
        }
        return (int) (injectedAndEarly.get(phase)[0] - histograms.get(phase).getTotalCount());
    }

    synchronized Summary summary(int phase) {
        if (phase >= histograms.size()) {
            return new Summary(0, 0, 0, 0, 0, 0, 0);
        }
        Histogram h = histograms.get(phase);
        int[] counts = injectedAndEarly.get(phase);
        long n = h.getTotalCount();
        return new Summary(counts[0], n, (int) (counts[0] - n), n == 0 ? -1 : h.getValueAtPercentile(50),
                n == 0 ? -1 : h.getValueAtPercentile(99), n == 0 ? -1 : h.getMaxValue(), counts[1]);
    }
}
