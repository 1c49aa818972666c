package org.harassmentwatch.bench;

import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs one benchmark job in a local Flink (a MiniCluster in this JVM, STREAMING mode, the way the detection job runs
 * in production) and measures it with {@link RunProbe}.
 */
final class LocalFlink {

    /** Managed memory of the local TaskManager: what RocksDB gets for its block cache and write buffers. */
    static final String MANAGED_MEMORY = "512m";

    /** Keyed state backends compared by the scaling rows. */
    enum Backend {
        HEAP("hashmap"), ROCKSDB("rocksdb");

        final String configValue;

        Backend(String configValue) {
            this.configValue = configValue;
        }

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One measured job run. */
    record Run(String job, long messages, long elapsedNanos, long cpuNanos, long wallNanos,
               Map<String, Long> sinkCounts) {
        double messagesPerSecond() {
            return messages / (elapsedNanos / 1e9);
        }

        /** Messages per second of this JVM's CPU time (all threads), robust to other load on the machine. */
        double messagesPerCpuSecond() {
            return messages / (cpuNanos / 1e9);
        }

        long sinkCount(String sink) {
            return sinkCounts.getOrDefault(sink, 0L);
        }

        String describe() {
            return String.format(Locale.ROOT, "%-20s %,11d msg in %6.2f s = %,9.0f msg/s; CPU %6.2f s = %,9.0f "
                            + "msg/cpu-s (wall with job start %.2f s; sinks %s)", job, messages, elapsedNanos / 1e9,
                    messagesPerSecond(), cpuNanos / 1e9, messagesPerCpuSecond(), wallNanos / 1e9, sinkCounts);
        }
    }

    private LocalFlink() {
    }

    static StreamExecutionEnvironment environment(int parallelism, Backend backend) {
        Configuration conf = new Configuration();
        conf.set(ExecutionOptions.RUNTIME_MODE, RuntimeExecutionMode.STREAMING);
        conf.set(StateBackendOptions.STATE_BACKEND, backend.configValue);
        conf.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MemorySize.parse(MANAGED_MEMORY));
        return StreamExecutionEnvironment.createLocalEnvironment(parallelism, conf);
    }

    /** Builds a job on a fresh environment with {@code graph}, runs it to the end and measures it. */
    static Run run(String job, long messages, int parallelism, Backend backend,
                   Consumer<StreamExecutionEnvironment> graph) throws Exception {
        StreamExecutionEnvironment env = environment(parallelism, backend);
        graph.accept(env);
        RunProbe.reset();
        long start = System.nanoTime();
        JobExecutionResult ignored = env.execute("bench " + job);
        long wall = System.nanoTime() - start;
        return new Run(job, messages, RunProbe.elapsedNanos(), RunProbe.cpuNanos(), wall, RunProbe.counts());
    }
}
