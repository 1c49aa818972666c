package org.harassmentwatch.ingest;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.reader.SimpleStreamFormat;
import org.apache.flink.connector.file.src.reader.StreamFormat;
import org.apache.flink.core.fs.FSDataInputStream;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The lines of one NDJSON file as {@link RawRecord}s, numbered from 1, blank lines skipped (but counted).
 *
 * <p>Lines end at '\n' only (a '\r' before it is dropped): a lone '\r' is JSON whitespace and must not split a
 * record, and this way LINE matches {@code sed -n LINEp}. Bytes are decoded as UTF-8 leniently (bad bytes become
 * U+FFFD, so the decoder sees them rather than the reader failing); a UTF-8 byte-order mark at the start is dropped.
 * Non-splittable: one reader reads one whole file.
 */
final class NdjsonLineFormat extends SimpleStreamFormat<RawRecord> {

    private static final long serialVersionUID = 1L;

    private final String path;

    NdjsonLineFormat(String path) {
        this.path = path;
    }

    @Override
    public StreamFormat.Reader<RawRecord> createReader(Configuration config, FSDataInputStream stream) {
        return new LineReader(stream, path);
    }

    @Override
    public TypeInformation<RawRecord> getProducedType() {
        return TypeInformation.of(RawRecord.class);
    }

    /** Splits a byte stream on '\n'; a line that fits the buffer is decoded straight from it, without a copy. */
    static final class LineReader implements StreamFormat.Reader<RawRecord> {
        private static final int BUFFER_BYTES = 64 * 1024;

        private final InputStream in;
        private final String path;
        private final byte[] buffer = new byte[BUFFER_BYTES];
        private int position;
        private int limit;
        private boolean endOfInput;
        /** Holds the start of a line that continues past the buffer. */
        private byte[] pending = new byte[0];
        private int pendingLength;
        private long lineNumber;

        LineReader(InputStream in, String path) {
            this.in = in;
            this.path = path;
        }

        @Override
        public RawRecord read() throws IOException {
            String line;
            while ((line = nextLine()) != null) {
                lineNumber++;
                if (!line.isBlank()) {
                    return new RawRecord(line, RawRecord.fileSource(path, lineNumber));
                }
            }
            return null;
        }

        /** The next line without its terminator, or null at the end of the file. */
        private String nextLine() throws IOException {
            while (true) {
                for (int i = position; i < limit; i++) {
                    if (buffer[i] == '\n') {
                        String line;
                        if (pendingLength == 0) {
                            line = decode(buffer, position, i);
                        } else {
                            append(position, i);
                            line = decode(pending, 0, pendingLength);
                            releasePending();
                        }
                        position = i + 1;
                        return line;
                    }
                }
                append(position, limit);
                position = 0;
                limit = 0;
                if (endOfInput || !fill()) {
                    endOfInput = true;
                    if (pendingLength == 0) {
                        return null;
                    }
                    String last = decode(pending, 0, pendingLength); // last line without a final '\n'
                    releasePending();
                    return last;
                }
            }
        }

        private boolean fill() throws IOException {
            int read;
            do {
                read = in.read(buffer, 0, buffer.length);
            } while (read == 0);
            if (read < 0) {
                return false;
            }
            limit = read;
            return true;
        }

        private void append(int from, int to) {
            int length = to - from;
            if (length == 0) {
                return;
            }
            if (pendingLength + length > pending.length) {
                pending = Arrays.copyOf(pending, Math.max(pendingLength + length, Math.max(1024, pending.length * 2)));
            }
            System.arraycopy(buffer, from, pending, pendingLength, length);
            pendingLength += length;
        }

        /** Empties the carry-over buffer; one huge line must not keep its memory for the rest of the file. */
        private void releasePending() {
            pendingLength = 0;
            if (pending.length > BUFFER_BYTES) {
                pending = new byte[0];
            }
        }

        private String decode(byte[] bytes, int from, int to) {
            if (to > from && bytes[to - 1] == '\r') {
                to--;
            }
            if (lineNumber == 0 && to - from >= 3
                    && bytes[from] == (byte) 0xEF && bytes[from + 1] == (byte) 0xBB && bytes[from + 2] == (byte) 0xBF) {
                from += 3;
            }
            return new String(bytes, from, to - from, StandardCharsets.UTF_8);
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
