package org.harassmentwatch.cli;

import org.harassmentwatch.job.Checkpointing;
import picocli.CommandLine.Option;

import java.time.Duration;

/** Checkpointing of a streaming run. */
public class CheckpointOptions {

    @Option(names = "--checkpoint-interval", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "Time between checkpoints; 0s turns them off (then a restart re-reads from the committed "
                    + "offsets and campaign state is lost). Default: 30s.")
    Duration interval = Checkpointing.DEFAULT_INTERVAL;

    @Option(names = "--state-backend", paramLabel = "hashmap|rocksdb",
            description = "Where operator state lives: hashmap (heap) or rocksdb (local disk, incremental "
                    + "checkpoints). Default: ${DEFAULT-VALUE}.")
    String stateBackend = "hashmap";

    @Option(names = "--checkpoint-dir", paramLabel = "URI",
            description = "Checkpoint storage, e.g. file:///data/checkpoints or s3://bucket/checkpoints (default: the "
                    + "cluster's execution.checkpointing.dir; a local run without one uses files under java.io.tmpdir, "
                    + "never the JobManager's memory, which refuses state above 5 MB).")
    String directory;

    Checkpointing toCheckpointing() {
        return new Checkpointing(interval, stateBackend, directory);
    }
}
