package org.harassmentwatch.bench;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.harassmentwatch.generate.GeneratorConfig;
import org.harassmentwatch.generate.TrafficGenerator;
import org.harassmentwatch.generate.TrafficStream;
import org.harassmentwatch.ingest.RawRecord;

import java.util.Objects;

/**
 * Generated NDJSON lines held in memory, so that every job of a comparison reads identical input at no I/O cost, and a
 * bounded Source v2 ({@link DataGeneratorSource}) over them that wraps each line into a {@link RawRecord} with a
 * {@code file:memory:LINE} source position, as the NDJSON file source would.
 *
 * <p>The source reads the lines through a static field: benchmark jobs run in a MiniCluster inside this JVM, and
 * the lines (gigabytes for the full run) must not travel inside the job graph. One input is {@link #install
 * installed} at a time.
 */
final class InMemoryInput {

    private static volatile String[] installed;

    private final GeneratorConfig config;
    private final String[] lines;
    private final long chars;

    private InMemoryInput(GeneratorConfig config, String[] lines, long chars) {
        this.config = config;
        this.lines = lines;
        this.chars = chars;
    }

    /** Generates {@code config.messages()} lines (without their newlines). */
    static InMemoryInput generate(GeneratorConfig config) {
        if (config.messages() > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("messages must fit in one array, got " + config.messages());
        }
        String[] lines = new String[(int) config.messages()];
        TrafficStream stream = TrafficGenerator.stream(config);
        long chars = 0;
        int i = 0;
        while (stream.hasNext()) {
            String line = stream.next();
            chars += line.length();
            lines[i++] = line;
        }
        if (i != lines.length) {
            throw new IllegalStateException("generator wrote " + i + " lines, expected " + lines.length);
        }
        return new InMemoryInput(config, lines, chars);
    }

    GeneratorConfig config() {
        return config;
    }

    int size() {
        return lines.length;
    }

    String line(int i) {
        return lines[i];
    }

    long averageChars() {
        return chars / Math.max(1, lines.length);
    }

    /** Makes this the input that {@link #source} reads; returns {@code this}. */
    InMemoryInput install() {
        installed = lines;
        return this;
    }

    static void uninstall() {
        installed = null;
    }

    /** A bounded source over the first {@code n} installed lines, interleaved over {@code parallelism} readers. */
    static DataGeneratorSource<RawRecord> source(int n, int parallelism) {
        String[] current = Objects.requireNonNull(installed, "no input installed");
        if (n > current.length) {
            throw new IllegalArgumentException("asked for " + n + " lines, " + current.length + " are installed");
        }
        InterleavedOrder.check(n, parallelism);
        return new DataGeneratorSource<>(new LineLookup(n, parallelism), n, TypeInformation.of(RawRecord.class));
    }

    /** Index → line of the installed input. */
    private static final class LineLookup implements GeneratorFunction<Long, RawRecord> {
        private static final long serialVersionUID = 1L;

        private final int n;
        private final int parallelism;
        private transient String[] lines;

        LineLookup(int n, int parallelism) {
            this.n = n;
            this.parallelism = parallelism;
        }

        @Override
        public RawRecord map(Long index) {
            if (lines == null) {
                lines = Objects.requireNonNull(installed, "no input installed");
            }
            RunProbe.recordEmitted();
            int line = InterleavedOrder.lineOf(index, n, parallelism);
            return new RawRecord(lines[line], RawRecord.fileSource("memory", line + 1L));
        }
    }
}
