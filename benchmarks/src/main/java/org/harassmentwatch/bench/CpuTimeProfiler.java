package org.harassmentwatch.bench;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;

/**
 * JMH profiler that reports operations per second of the benchmark JVM's CPU time (all its threads, so JIT and GC
 * count). On a shared machine a single-threaded benchmark gets a fraction of a core and its wall-clock score drops;
 * this figure is what one core does, which is the question "messages per second on one core" asks.
 */
public final class CpuTimeProfiler implements InternalProfiler {

    static final String RESULT = "ops/cpu-s";

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private long cpuAtStart;

    public CpuTimeProfiler() {
    }

    @Override
    public String getDescription() {
        return "operations per second of this JVM's CPU time";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        cpuAtStart = OS.getProcessCpuTime();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
                                                       IterationResult result) {
        double cpuSeconds = (OS.getProcessCpuTime() - cpuAtStart) / 1e9;
        long ops = result.getMetadata().getAllOps();
        return List.of(new ScalarResult(RESULT, cpuSeconds > 0 ? ops / cpuSeconds : Double.NaN, RESULT,
                AggregationPolicy.AVG));
    }
}
