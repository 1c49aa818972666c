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

    /**
     * One phase's figures.
     *
     * @param matched   pile-ons with an alert (their delays are in the percentiles)
     * @param overdue   pile-ons whose alert had not come when the measurement gave up: in the percentiles with their
     *                  wait until then, a lower bound of their delay
     * @param missing   pile-ons neither matched nor overdue (e.g. the crossing message was never acknowledged)
     * @param early     alerts that came before their crossing message (counted as 0)
     */
    record Summary(int injected, long matched, int overdue, int missing, long p50, long p99, long max, long early) {
    }

    /** One measured pile-on, for finding what the slow ones have in common (a checkpoint, a GC pause). */
    record Sample(int phase, long crossingAppendMillis, long delayMillis) {
    }

    private record Crossing(int phase, long appendMillis) {
    }

    private final List<Sample> samples = new ArrayList<>();

    private final Map<String, Integer> phaseOf = new HashMap<>();
    private final Map<String, Crossing> crossings = new HashMap<>();
    private final Map<String, Long> alertsWaiting = new HashMap<>();
    private final List<Histogram> histograms = new ArrayList<>();
    private final List<int[]> injectedAndEarly = new ArrayList<>();
    private final List<int[]> overdue = new ArrayList<>();

    /** A pile-on on {@code target} was injected during {@code phase} (phases count from 0). */
    synchronized void injected(String target, int phase) {
        while (histograms.size() <= phase) {
            histograms.add(new Histogram(MAX_TRACKED_MILLIS, 3));
            injectedAndEarly.add(new int[2]);
            overdue.add(new int[1]);
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
        samples.add(new Sample(c.phase, c.appendMillis, delay));
        crossings.put(target, new Crossing(c.phase, Long.MIN_VALUE));
    }

    /**
     * Ends the measurement at {@code nowMillis} (same clock as the broker's): every crossing message still without its
     * alert enters the percentiles with its wait so far, a lower bound of its delay, and is counted as overdue.
     */
    synchronized void giveUp(long nowMillis) {
        for (String target : List.copyOf(crossings.keySet())) {
            Crossing c = crossings.get(target);
            if (c.appendMillis != Long.MIN_VALUE) {
                overdue.get(c.phase)[0]++;
                record(target, Math.max(nowMillis, c.appendMillis));
            }
        }
    }

    /** Pile-ons of {@code phase} still without an alert. */
    synchronized int missing(int phase) {
        if (phase >= histograms.size()) {
            return 0;
        }
        return (int) (injectedAndEarly.get(phase)[0] - histograms.get(phase).getTotalCount());
    }

    /** The {@code n} slowest pile-ons of {@code phase}, slowest first. */
    synchronized List<Sample> slowest(int phase, int n) {
        return samples.stream().filter(x -> x.phase() == phase)
                .sorted((a, b) -> Long.compare(b.delayMillis(), a.delayMillis())).limit(n).toList();
    }

    synchronized Summary summary(int phase) {
        if (phase >= histograms.size()) {
            return new Summary(0, 0, 0, 0, 0, 0, 0, 0);
        }
        Histogram h = histograms.get(phase);
        int[] counts = injectedAndEarly.get(phase);
        long n = h.getTotalCount();
        int late = overdue.get(phase)[0];
        return new Summary(counts[0], n - late, late, (int) (counts[0] - n), n == 0 ? -1 : h.getValueAtPercentile(50),
                n == 0 ? -1 : h.getValueAtPercentile(99), n == 0 ? -1 : h.getMaxValue(), counts[1]);
    }
}
