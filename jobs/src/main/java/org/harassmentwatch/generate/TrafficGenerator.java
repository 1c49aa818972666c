package org.harassmentwatch.generate;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Synthetic social-media traffic with planted harassment campaigns and decoys, plus the ground truth.
 * Deterministic: the same {@link GeneratorConfig} gives byte-identical output.
 */
public final class TrafficGenerator {

    public static final String MESSAGES_FILE = "messages.ndjson";
    public static final String TRUTH_FILE = "truth.json";
    private static final int PROGRESS_EVERY = 1 << 16;

    private TrafficGenerator() {
    }

    /**
     * Writes {@code outDir/messages.ndjson} and {@code outDir/truth.json} (creating the directory, replacing
     * the files).
     */
    public static GroundTruth generate(GeneratorConfig config, Path outDir, ProgressListener progress)
            throws IOException {
        Files.createDirectories(outDir);
        TrafficStream stream = new TrafficStream(config);
        long total = stream.total();
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(outDir.resolve(MESSAGES_FILE)), 1 << 20)) {
            long written = 0;
            while (stream.advance()) {
                out.write(stream.lineBytes(), 0, stream.lineLength());
                if (++written % PROGRESS_EVERY == 0) {
                    progress.progress(written, total);
                }
            }
        }
        progress.progress(total, total);
        GroundTruth truth = stream.truth();
        truth.write(outDir.resolve(TRUTH_FILE));
        return truth;
    }

    /** The lines (JSON objects without the trailing newline), streamed; call {@link TrafficStream#truth()} after. */
    public static TrafficStream stream(GeneratorConfig config) {
        return new TrafficStream(config);
    }

    /** Hands every line (without its trailing newline) to {@code consumer}; returns the truth. */
    public static GroundTruth forEach(GeneratorConfig config, Consumer<String> consumer) {
        TrafficStream stream = new TrafficStream(config);
        while (stream.hasNext()) {
            consumer.accept(stream.next());
        }
        return stream.truth();
    }
}
