package org.harassmentwatch.ingest;

import org.apache.flink.core.fs.Path;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class NdjsonLineFormatTest {

    private static List<RawRecord> readAll(byte[] bytes) throws IOException {
        List<RawRecord> records = new ArrayList<>();
        try (NdjsonLineFormat.LineReader reader =
                     new NdjsonLineFormat.LineReader(new ByteArrayInputStream(bytes), "/data/in.ndjson")) {
            RawRecord record;
            while ((record = reader.read()) != null) {
                records.add(record);
            }
            assertThat(reader.read()).as("stays at the end").isNull();
        }
        return records;
    }

    private static List<RawRecord> readAll(String text) throws IOException {
        return readAll(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void linesAreNumberedFromOneAndBlankLinesSkippedButCounted() throws IOException {
        List<RawRecord> records = readAll("{\"a\":1}\n\n   \n{\"b\":2}\n\t\n{\"c\":3}\n");

        assertThat(records).containsExactly(
                new RawRecord("{\"a\":1}", "file:/data/in.ndjson:1"),
                new RawRecord("{\"b\":2}", "file:/data/in.ndjson:4"),
                new RawRecord("{\"c\":3}", "file:/data/in.ndjson:6"));
    }

    @Test
    void crlfLineEndsAreStrippedButALoneCrDoesNotSplitARecord() throws IOException {
        List<RawRecord> records = readAll("{\"a\":\r1}\r\n{\"b\":2}\r\n");

        assertThat(records).extracting(RawRecord::value).containsExactly("{\"a\":\r1}", "{\"b\":2}");
        assertThat(records).extracting(RawRecord::source).containsExactly("file:/data/in.ndjson:1", "file:/data/in.ndjson:2");
    }

    @Test
    void lastLineWithoutNewlineIsRead() throws IOException {
        assertThat(readAll("{\"a\":1}\n{\"b\":2}")).extracting(RawRecord::value).containsExactly("{\"a\":1}", "{\"b\":2}");
    }

    @Test
    void emptyAndBlankFilesHaveNoRecords() throws IOException {
        assertThat(readAll("")).isEmpty();
        assertThat(readAll("\n\n \r\n")).isEmpty();
    }

    @Test
    void byteOrderMarkAtTheStartIsDropped() throws IOException {
        assertThat(readAll("\uFEFF{\"a\":1}\n")).extracting(RawRecord::value).containsExactly("{\"a\":1}");
    }

    @Test
    void invalidUtf8IsDecodedLeniently() throws IOException {
        byte[] bytes = {'{', '"', 'a', '"', ':', '"', (byte) 0xFF, '"', '}', '\n'};

        assertThat(readAll(bytes)).extracting(RawRecord::value).containsExactly("{\"a\":\"\uFFFD\"}");
    }

    @Test
    void linesAcrossBufferBoundariesMatchASimpleSplit() throws IOException {
        Random random = new Random(11);
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        List<String> expected = new ArrayList<>();
        for (int line = 1; line <= 3000; line++) {
            String text = random.nextInt(10) == 0 ? "" : "{\"n\":" + line + ",\"t\":\"" + "é🙂x".repeat(random.nextInt(200)) + "\"}";
            if (random.nextInt(500) == 0) {
                text = "{\"big\":\"" + "y".repeat(300_000) + "\"}"; // longer than the read buffer
            }
            if (!text.isEmpty()) {
                expected.add(text + "@" + line);
            }
            file.writeBytes(text.getBytes(StandardCharsets.UTF_8));
            file.writeBytes(random.nextBoolean() ? new byte[]{'\n'} : new byte[]{'\r', '\n'});
        }

        List<RawRecord> records = readAll(file.toByteArray());

        assertThat(records).extracting(r -> r.value() + "@" + r.source().substring("file:/data/in.ndjson:".length()))
                .containsExactlyElementsOf(expected);
    }

    @Test
    void tenMegabyteLineIsOneRecord() throws IOException {
        String huge = "{\"text\":\"" + "z".repeat(10 * 1024 * 1024) + "\"}";

        List<RawRecord> records = readAll("{}\n" + huge + "\n{}\n");

        assertThat(records).hasSize(3);
        assertThat(records.get(1).value()).isEqualTo(huge);
        assertThat(records.get(2).source()).isEqualTo("file:/data/in.ndjson:3");
    }

    @Test
    void sourcePathsArePlainForLocalFilesAndUrisOtherwise() {
        assertThat(NdjsonFormat.displayPath(new Path("file:/tmp/in dir/a.ndjson"))).isEqualTo("/tmp/in dir/a.ndjson");
        assertThat(NdjsonFormat.displayPath(new Path("/tmp/a.ndjson"))).isEqualTo("/tmp/a.ndjson");
        assertThat(NdjsonFormat.displayPath(new Path("s3://bucket/in/a.ndjson"))).isEqualTo("s3://bucket/in/a.ndjson");
    }
}
