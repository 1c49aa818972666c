package org.harassmentwatch.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Timing and counts of one local (MiniCluster, same JVM) benchmark job, shared through statics because the
 * source and sink instances the job runs are deserialized copies of the ones the driver built.
 *
 * <p>The measured span is from the first record the source hands out to the last end-of-input any
 * {@link TimedSink} sees: job submission, task deployment and cluster shutdown stay out of it, so short
 * and long runs compare fairly.
 */
final class RunProbe {

    private static final AtomicLong firstRecordNanos = new AtomicLong();
    private static final AtomicLong lastEndOfInputNanos = new AtomicLong();
    private static final AtomicLong firstRecordCpuNanos = new AtomicLong();
    private static final AtomicLong lastEndOfInputCpuNanos = new AtomicLong();
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    private static final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    private RunProbe() {
    }

    static void reset() {
        firstRecordNanos.set(0);
        lastEndOfInputNanos.set(0);
        firstRecordCpuNanos.set(0);
        lastEndOfInputCpuNanos.set(0);
        counts.clear();
    }

    /** Called by the source for every record; only the first call of a run costs more than a volatile read. */
    static void recordEmitted() {
        if (firstRecordNanos.get() == 0 && firstRecordNanos.compareAndSet(0, System.nanoTime())) {
            firstRecordCpuNanos.set(OS.getProcessCpuTime());
        }
    }

    static void endOfInput(String sink, long records) {
        counts.computeIfAbsent(sink, k -> new LongAdder()).add(records);
        lastEndOfInputNanos.accumulateAndGet(System.nanoTime(), Math::max);
        lastEndOfInputCpuNanos.accumulateAndGet(OS.getProcessCpuTime(), Math::max);
    }

    /**
     * CPU time this JVM spent (all threads: tasks, GC, JIT) from the first record to the last end of input. Other
     * processes on a shared machine do not inflate it the way they inflate elapsed time.
     */
    static long cpuNanos() {
        return lastEndOfInputCpuNanos.get() - firstRecordCpuNanos.get();
    }

    /** Nanoseconds from the first record to the last end of input. */
    static long elapsedNanos() {
        long first = firstRecordNanos.get();
        long last = lastEndOfInputNanos.get();
        if (first == 0 || last == 0 || last < first) {
            throw new IllegalStateException("run probe incomplete: first record at " + first
                    + " ns, last end of input at " + last + " ns (did every sink see end of input?)");
        }
        return last - first;
    }

    /** Records each sink received, by sink name, sorted. */
    static Map<String, Long> counts() {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    static long count(String sink) {
        LongAdder adder = counts.get(sink);
        return adder == null ? 0 : adder.sum();
    }
}
