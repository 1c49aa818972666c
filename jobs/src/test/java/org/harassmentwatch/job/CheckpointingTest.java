package org.harassmentwatch.job;

import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.StateBackendOptions;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CheckpointingTest {

    @Test
    void onByDefaultEveryThirtySecondsRetainedOnCancellation() {
        Configuration conf = Checkpointing.defaults().toConfiguration();

        assertThat(conf.get(CheckpointingOptions.CHECKPOINTING_INTERVAL)).isEqualTo(Duration.ofSeconds(30));
        assertThat(conf.get(StateBackendOptions.STATE_BACKEND)).isEqualTo("hashmap");
        assertThat(conf.get(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION))
                .isEqualTo(ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        assertThat(conf.contains(CheckpointingOptions.CHECKPOINTS_DIRECTORY)).isFalse();
    }

    @Test
    void rocksDbWithADirectoryCheckpointsIncrementallyToThatDirectory() {
        Configuration conf = new Checkpointing(Duration.ofSeconds(10), "RocksDB", "file:///data/ckpt").toConfiguration();

        assertThat(conf.get(StateBackendOptions.STATE_BACKEND)).isEqualTo("rocksdb");
        assertThat(conf.get(CheckpointingOptions.INCREMENTAL_CHECKPOINTS)).isTrue();
        assertThat(conf.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY)).isEqualTo("file:///data/ckpt");
        assertThat(conf.get(CheckpointingOptions.CHECKPOINT_STORAGE)).isEqualTo("filesystem");
    }

    @Test
    void zeroIntervalTurnsCheckpointingOff() {
        Configuration conf = new Checkpointing(Duration.ZERO, "hashmap", null).toConfiguration();
        assertThat(conf.contains(CheckpointingOptions.CHECKPOINTING_INTERVAL)).isFalse();
    }

    @Test
    void badSettingsAreNamed() {
        assertThatThrownBy(() -> new Checkpointing(Duration.ofSeconds(1), "memory", null))
                .hasMessage("state backend must be hashmap or rocksdb, got 'memory'");
        assertThatThrownBy(() -> new Checkpointing(Duration.ofMillis(-1), "hashmap", null))
                .hasMessage("checkpoint interval must not be negative, got PT-0.001S");
    }

    @Test
    void aLocalRunWithoutADirectoryCheckpointsToFilesNotToTheJobManagersMemory() {
        String dir = Checkpointing.storageOf(Checkpointing.defaults().environment());

        assertThat(dir).isEqualTo(Checkpointing.localDefaultDirectory()).startsWith("file:/");
    }

    @Test
    void aGivenDirectoryIsKeptAndCheckpointsOffNeedNone() {
        assertThat(Checkpointing.storageOf(
                new Checkpointing(Duration.ofSeconds(5), "hashmap", "file:///data/ckpt").environment()))
                .isEqualTo("file:///data/ckpt");
        assertThat(Checkpointing.storageOf(new Checkpointing(Duration.ZERO, "hashmap", null).environment()))
                .isEqualTo("the cluster's default storage");
    }
}
