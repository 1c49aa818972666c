package org.harassmentwatch.ingest;

import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.jobgraph.OperatorID;
import org.apache.flink.runtime.metrics.groups.InternalOperatorMetricGroup;
import org.apache.flink.runtime.metrics.groups.UnregisteredMetricGroups;
import org.apache.flink.runtime.metrics.util.InterceptingOperatorMetricGroup;
import org.apache.flink.runtime.operators.testutils.MockEnvironment;
import org.apache.flink.runtime.operators.testutils.MockEnvironmentBuilder;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.harassmentwatch.ingest.TestMessages.json;
import static org.harassmentwatch.ingest.TestMessages.required;
import static org.harassmentwatch.ingest.TestMessages.with;

class DecodeMessagesTest {

    private final InterceptingOperatorMetricGroup metrics = new InterceptingOperatorMetricGroup();
    private MockEnvironment environment;
    private OneInputStreamOperatorTestHarness<RawRecord, Message> harness;

    @BeforeEach
    void openHarness() throws Exception {
        environment = new MockEnvironmentBuilder()
                .setMetricGroup(new UnregisteredMetricGroups.UnregisteredTaskMetricGroup() {
                    @Override
                    public InternalOperatorMetricGroup getOrAddOperator(OperatorID id, String name,
                                                                        Map<String, String> additionalVariables) {
                        return metrics;
                    }
                })
                .build();
        harness = new OneInputStreamOperatorTestHarness<>(new ProcessOperator<>(new DecodeMessages()), environment);
        harness.open();
    }

    @AfterEach
    void closeHarness() throws Exception {
        harness.close();
        environment.close();
    }

    private static long millis(String iso) {
        return Instant.parse(iso).toEpochMilli();
    }

    @Test
    void messagesGoToTheMainOutputAndDeadLettersToTheSideOutput() throws Exception {
        harness.setProcessingTime(millis("2026-03-01T12:00:00Z"));

        harness.processElement(new RawRecord(json(required()), "file:/in.ndjson:1"), 0L);
        harness.processElement(new RawRecord("{oops", "file:/in.ndjson:2"), 0L);
        harness.processElement(new RawRecord(with("channel", "dm"), "file:/in.ndjson:3"), 0L);
        harness.processElement(new RawRecord(null, "kafka:messages/0/17"), 0L);

        List<Message> messages = harness.extractOutputValues();
        assertThat(messages).extracting(Message::messageId, Message::source, Message::ingestedAt)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("m-1", "file:/in.ndjson:1", millis("2026-03-01T12:00:00Z")));
        assertThat(harness.getSideOutput(DecodeMessages.DEAD_LETTERS)).extracting(StreamRecord::getValue)
                .extracting(DeadLetter::errorCode, DeadLetter::source)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("MALFORMED_JSON", "file:/in.ndjson:2"),
                        org.assertj.core.groups.Tuple.tuple("BAD_VALUE", "file:/in.ndjson:3"),
                        org.assertj.core.groups.Tuple.tuple("MALFORMED_JSON", "kafka:messages/0/17"));
        assertThat(((Counter) metrics.get("messagesDecoded")).getCount()).isEqualTo(1);
        assertThat(((Counter) metrics.get("deadLetters")).getCount()).isEqualTo(3);
    }

    @Test
    void nowIsTheProcessingTimeClock() throws Exception {
        String tomorrowish = with("created_at", "2026-03-02T13:00:00Z");

        harness.setProcessingTime(millis("2026-03-01T12:00:00Z"));
        harness.processElement(new RawRecord(tomorrowish, "file:/in.ndjson:1"), 0L);
        harness.setProcessingTime(millis("2026-03-01T13:00:00Z"));
        harness.processElement(new RawRecord(tomorrowish, "file:/in.ndjson:2"), 0L);

        assertThat(harness.getSideOutput(DecodeMessages.DEAD_LETTERS)).extracting(StreamRecord::getValue)
                .extracting(DeadLetter::errorCode, DeadLetter::failedAt)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("FUTURE_TIMESTAMP", millis("2026-03-01T12:00:00Z")));
        assertThat(harness.extractOutputValues()).extracting(Message::ingestedAt)
                .containsExactly(millis("2026-03-01T13:00:00Z"));
    }
}
