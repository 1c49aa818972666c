package org.harassmentwatch.ingest;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.impl.StreamFormatAdapter;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.core.fs.Path;

import java.io.IOException;
import java.net.URI;
import java.util.Arrays;

/**
 * Reads NDJSON files (one JSON record per line) as {@link RawRecord}s whose source is "file:PATH:LINE".
 *
 * <p>A line reader ({@link NdjsonLineFormat}) cannot see which file it reads, so this format makes one per file
 * split, carrying the path, and lets Flink's {@link StreamFormatAdapter} do the batching, checkpointing and
 * decompression (.gz, .bz2, .xz, .deflate by extension). Files are never split: line numbers are counted from the
 * start of the file, so they are exact, also after a restore (which re-reads the file and skips what was emitted).
 */
public final class NdjsonFormat implements BulkFormat<RawRecord, FileSourceSplit> {

    private static final long serialVersionUID = 1L;

    /** A bounded source reading each of {@code paths} (files or directories, recursively) once. */
    public static FileSource<RawRecord> fileSource(Path... paths) {
        return FileSource.forBulkFileFormat(new NdjsonFormat(), paths).build();
    }

    /** {@link #fileSource(Path...)} for path strings (local paths or URIs such as s3://bucket/dir). */
    public static FileSource<RawRecord> fileSource(String... paths) {
        return fileSource(Arrays.stream(paths).map(Path::new).toArray(Path[]::new));
    }

    @Override
    public Reader<RawRecord> createReader(Configuration config, FileSourceSplit split) throws IOException {
        return adapterFor(split).createReader(config, split);
    }

    @Override
    public Reader<RawRecord> restoreReader(Configuration config, FileSourceSplit split) throws IOException {
        return adapterFor(split).restoreReader(config, split);
    }

    @Override
    public boolean isSplittable() {
        return false;
    }

    @Override
    public TypeInformation<RawRecord> getProducedType() {
        return TypeInformation.of(RawRecord.class);
    }

    private static StreamFormatAdapter<RawRecord> adapterFor(FileSourceSplit split) {
        return new StreamFormatAdapter<>(new NdjsonLineFormat(displayPath(split.path())));
    }

    /** Local files as plain paths ("/data/in.ndjson"), anything else as its URI ("s3://bucket/in.ndjson"). */
    static String displayPath(Path path) {
        URI uri = path.toUri();
        if (uri.getScheme() == null || "file".equals(uri.getScheme())) {
            return uri.getPath();
        }
        return path.toString();
    }
}
