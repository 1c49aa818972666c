package org.harassmentwatch.ingest;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** NDJSON files → FileSource → DecodeMessages on a real (mini) Flink cluster. */
class NdjsonDecodePipelineTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    private static String message(String id, String sender, String target, String createdAt) {
        return "{\"message_id\":\"" + id + "\",\"platform\":\"x\",\"sender_id\":\"" + sender + "\",\"created_at\":\""
                + createdAt + "\",\"text\":\"hello " + id + "\",\"target_ids\":[\"" + target + "\"]}";
    }

    @Test
    void readsFilesDecodesMessagesAndDeadLettersWithTheirFileAndLine(@TempDir Path dir) throws Exception {
        Path a = dir.resolve("a.ndjson");
        Files.writeString(a, String.join("\n",
                message("m-1", "alice", "bob", "2026-01-10T10:00:00Z"),
                "",
                "{not json",
                message("m-2", "carol", "bob", "2026-01-10T11:30:00+01:30"),
                "{\"message_id\":\"m-x\",\"platform\":\"x\",\"sender_id\":\"a\",\"created_at\":\"2026-01-10T10:00:00Z\",\"target_ids\":[\"b\"]}",
                "   ",
                message("m-3", "dave", "dave", "2026-01-10T10:00:00Z")) + "\n");
        Path b = dir.resolve("b.ndjson");
        Files.writeString(b, String.join("\r\n",
                message("m-4", "erin", "bob", "2026-01-11T10:00:00Z").replace("\"target_ids\"", "\"channel\":\"dm\",\"target_ids\""),
                message("m-5", "erin", "bob", "2026-01-11T10:00:00Z"),
                "[1,2]"));
        Path c = dir.resolve("c.ndjson.gz");
        try (OutputStream gz = new GZIPOutputStream(Files.newOutputStream(c))) {
            gz.write(("\n" + message("m-6", "frank", "bob", "2026-01-12T10:00:00Z") + "\n").getBytes(StandardCharsets.UTF_8));
        }

        Configuration config = new Configuration();
        config.set(PipelineOptions.GENERIC_TYPES, false); // fail if any record type would need Kryo
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        env.setParallelism(2);
        assertThat(env.getConfig().getSerializerConfig().hasGenericTypesDisabled()).isTrue();
        SingleOutputStreamOperator<Message> messages = DecodeMessages.applyTo(
                env.fromSource(NdjsonFormat.fileSource(dir.toString()), WatermarkStrategy.noWatermarks(), "ndjson"),
                MessageRules.DEFAULT);
        CloseableIterator<Message> messageResults = messages.collectAsync();
        CloseableIterator<DeadLetter> deadLetterResults = messages.getSideOutput(DecodeMessages.DEAD_LETTERS).collectAsync();
        JobClient job = env.executeAsync("ndjson-decode-test");

        List<Message> decoded = drain(messageResults);
        List<DeadLetter> deadLetters = drain(deadLetterResults);
        job.getJobExecutionResult().get();

        String pa = a.toString();
        String pb = b.toString();
        assertThat(decoded)
                .extracting(Message::messageId, Message::source, Message::createdAt, Message::targetIds)
                .containsExactlyInAnyOrder(
                        tuple("m-1", "file:" + pa + ":1", millis("2026-01-10T10:00:00Z"), List.of("bob")),
                        tuple("m-2", "file:" + pa + ":4", millis("2026-01-10T10:00:00Z"), List.of("bob")),
                        tuple("m-3", "file:" + pa + ":7", millis("2026-01-10T10:00:00Z"), List.of()),
                        tuple("m-5", "file:" + pb + ":2", millis("2026-01-11T10:00:00Z"), List.of("bob")),
                        tuple("m-6", "file:" + c + ":2", millis("2026-01-12T10:00:00Z"), List.of("bob")));
        assertThat(deadLetters)
                .extracting(DeadLetter::errorCode, DeadLetter::field, DeadLetter::source)
                .containsExactlyInAnyOrder(
                        tuple("MALFORMED_JSON", null, "file:" + pa + ":3"),
                        tuple("MISSING_FIELD", "text", "file:" + pa + ":5"),
                        tuple("BAD_VALUE", "channel", "file:" + pb + ":1"),
                        tuple("MALFORMED_JSON", null, "file:" + pb + ":3"));
        assertThat(deadLetters).filteredOn(d -> d.source().endsWith(pb + ":3"))
                .extracting(DeadLetter::rawInput).containsExactly("[1,2]");
    }

    private static long millis(String iso) {
        return Instant.parse(iso).toEpochMilli();
    }

    private static <T> List<T> drain(CloseableIterator<T> iterator) throws IOException {
        List<T> all = new ArrayList<>();
        try (iterator) {
            iterator.forEachRemaining(all::add);
        } catch (Exception e) {
            throw new IOException(e);
        }
        return all;
    }
}
