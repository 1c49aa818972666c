package org.harassmentwatch.job;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.harassmentwatch.detect.ScoredMessage;
import org.harassmentwatch.detect.TestEdges;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FirstOccurrenceTest {

    private static ScoredMessage message(String id) {
        return TestEdges.scored(id, "s", List.of("t"), TestEdges.T0, false, List.of());
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, ScoredMessage, ScoredMessage> harness()
            throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new FirstOccurrence(Duration.ofDays(2))),
                (KeySelector<ScoredMessage, String>) s -> s.message().messageId(), Types.STRING);
    }

    @Test
    void aMessageDeliveredTwiceIsCountedOnce() throws Exception {
        try (var h = harness()) {
            h.open();
            h.processElement(message("m1"), TestEdges.T0);
            h.processElement(message("m2"), TestEdges.T0);
            h.processElement(message("m1"), TestEdges.T0 + 5);
            assertThat(h.extractOutputValues()).extracting(s -> s.message().messageId()).containsExactly("m1", "m2");
        }
    }

    @Test
    void remembersIdsOnlyForTheRetention() throws Exception {
        try (var h = harness()) {
            h.open();
            h.setStateTtlProcessingTime(0);
            h.processElement(message("m1"), TestEdges.T0);
            assertThat(h.numKeyedStateEntries()).isEqualTo(1);
            h.setStateTtlProcessingTime(Duration.ofDays(2).toMillis() + 1);
            h.processElement(message("m1"), TestEdges.T0);
            // Expired: the id is forgotten, so a copy arriving after the retention passes again.
            assertThat(h.extractOutputValues()).hasSize(2);
            assertThat(h.numEventTimeTimers()).isZero();
        }
    }
}
