package org.harassmentwatch.ingest;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.util.CheckpointedPosition;
import org.apache.flink.connector.file.src.util.RecordAndPosition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Checkpoint positions of the NDJSON format, and line numbers after a restore. */
class NdjsonFormatRestoreTest {

    private static List<RecordAndPosition<RawRecord>> readAll(BulkFormat.Reader<RawRecord> reader) throws IOException {
        List<RecordAndPosition<RawRecord>> all = new ArrayList<>();
        try (reader) {
            BulkFormat.RecordIterator<RawRecord> batch;
            while ((batch = reader.readBatch()) != null) {
                RecordAndPosition<RawRecord> next;
                while ((next = batch.next()) != null) {
                    all.add(new RecordAndPosition<>(next.getRecord(), next.getOffset(), next.getRecordSkipCount()));
                }
                batch.releaseBatch();
            }
        }
        return all;
    }

    @Test
    void restoredReaderContinuesWithTheRightLineNumbers(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("in.ndjson");
        Files.writeString(file, "{\"n\":1}\n\n{\"n\":3}\n{\"n\":4}\n\n\n{\"n\":7}\n");
        long size = Files.size(file);
        FileSourceSplit split = new FileSourceSplit("0", new org.apache.flink.core.fs.Path(file.toUri()), 0, size,
                Files.getLastModifiedTime(file).toMillis(), size);
        NdjsonFormat format = new NdjsonFormat();

        List<RecordAndPosition<RawRecord>> first = readAll(format.createReader(new Configuration(), split));

        assertThat(first).extracting(r -> r.getRecord().source())
                .containsExactly("file:" + file + ":1", "file:" + file + ":3", "file:" + file + ":4", "file:" + file + ":7");
        // The position after the second record, as a checkpoint would store it: re-read from the start, skip 2.
        RecordAndPosition<RawRecord> second = first.get(1);
        assertThat(second.getOffset()).isEqualTo(CheckpointedPosition.NO_OFFSET);
        assertThat(second.getRecordSkipCount()).isEqualTo(2);

        FileSourceSplit restored = split.updateWithCheckpointedPosition(
                new CheckpointedPosition(second.getOffset(), second.getRecordSkipCount()));
        List<RecordAndPosition<RawRecord>> rest = readAll(format.restoreReader(new Configuration(), restored));

        assertThat(rest).extracting(r -> r.getRecord().value() + " @ " + r.getRecord().source())
                .containsExactly("{\"n\":4} @ file:" + file + ":4", "{\"n\":7} @ file:" + file + ":7");
    }
}
