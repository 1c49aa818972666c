package org.harassmentwatch.job;

import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.core.execution.CheckpointingMode;

import org.apache.flink.streaming.api.environment.LocalStreamEnvironment;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * Checkpointing of the streaming job: on by default, exactly-once state (the sinks are at-least-once and write
 * idempotently), retained on cancellation so a cancelled job can be resumed from its last checkpoint.
 *
 * @param interval      time between checkpoints; zero turns checkpointing off
 * @param stateBackend  {@code hashmap} (state on the heap) or {@code rocksdb} (state on local disk: large state,
 *                      incremental checkpoints)
 * @param directory     where checkpoints go (a URI such as {@code file:///data/ckpt} or {@code s3://bucket/ckpt}),
 *                      or null for the cluster's {@code execution.checkpointing.dir}; a local run without either
 *                      uses {@link #localDefaultDirectory()}
 */
public record Checkpointing(Duration interval, String stateBackend, String directory) {

    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);

    public Checkpointing {
        if (interval.isNegative()) {
            throw new IllegalArgumentException("checkpoint interval must not be negative, got " + interval);
        }
        if (!interval.isZero() && interval.toMillis() < 10) {
            throw new IllegalArgumentException("checkpoint interval must be at least 10 ms (or 0 = off), got " + interval);
        }
        stateBackend = stateBackend.trim().toLowerCase(Locale.ROOT);
        if (!stateBackend.equals("hashmap") && !stateBackend.equals("rocksdb")) {
            throw new IllegalArgumentException("state backend must be hashmap or rocksdb, got '" + stateBackend + "'");
        }
        if (directory != null && directory.isBlank()) {
            directory = null;
        }
    }

    public static Checkpointing defaults() {
        return new Checkpointing(DEFAULT_INTERVAL, "hashmap", null);
    }

    /**
     * Where a local (embedded) run keeps its checkpoints when neither {@code --checkpoint-dir} nor
     * {@code execution.checkpointing.dir} says: files, because the JobManager's memory, Flink's fallback, refuses
     * state above 5 MB and the clustering's state passes that within minutes of live traffic (the job then restarts
     * in a loop).
     */
    public static String localDefaultDirectory() {
        String user = System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9_.-]", "_");
        return Path.of(System.getProperty("java.io.tmpdir"), "harassment-watch-checkpoints-" + user).toUri().toString();
    }

    public Checkpointing withDirectory(String newDirectory) {
        return new Checkpointing(interval, stateBackend, newDirectory);
    }

    /**
     * The execution environment for these settings. On a cluster the cluster's configuration applies (its
     * {@code execution.checkpointing.dir} when no directory was given); a local run without any checkpoint directory
     * gets {@link #localDefaultDirectory()} instead of the JobManager's memory.
     */
    public StreamExecutionEnvironment environment() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(toConfiguration());
        if (enabled() && env instanceof LocalStreamEnvironment
                && env.getConfiguration().getOptional(CheckpointingOptions.CHECKPOINTS_DIRECTORY).isEmpty()) {
            return StreamExecutionEnvironment.getExecutionEnvironment(
                    withDirectory(localDefaultDirectory()).toConfiguration());
        }
        return env;
    }

    /** Describes where checkpoints of {@code env} go, for the startup log. */
    public static String storageOf(StreamExecutionEnvironment env) {
        return env.getConfiguration().getOptional(CheckpointingOptions.CHECKPOINTS_DIRECTORY)
                .orElse("the cluster's default storage");
    }

    public boolean enabled() {
        return !interval.isZero();
    }

    /** The settings as Flink configuration, for {@code StreamExecutionEnvironment.getExecutionEnvironment(conf)}. */
    public Configuration toConfiguration() {
        Configuration conf = new Configuration();
        conf.set(StateBackendOptions.STATE_BACKEND, stateBackend);
        if (enabled()) {
            conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, interval);
            conf.set(CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE, CheckpointingMode.EXACTLY_ONCE);
            conf.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                    ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
            if ("rocksdb".equals(stateBackend)) {
                conf.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
            }
        }
        if (directory != null) {
            conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
            conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, directory);
        }
        return conf;
    }

    @Override
    public String toString() {
        return enabled()
                ? "every " + interval.toMillis() / 1000.0 + " s, " + stateBackend + " state, checkpoints in "
                        + (directory == null ? "the cluster's default storage" : directory)
                : "off (" + stateBackend + " state)";
    }
}
