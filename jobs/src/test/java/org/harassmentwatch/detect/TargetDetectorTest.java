package org.harassmentwatch.detect;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.harassmentwatch.detect.TestEdges.DAY;
import static org.harassmentwatch.detect.TestEdges.HOUR;
import static org.harassmentwatch.detect.TestEdges.MINUTE;
import static org.harassmentwatch.detect.TestEdges.T0;
import static org.harassmentwatch.detect.TestEdges.edge;

class TargetDetectorTest {

    private KeyedOneInputStreamOperatorTestHarness<String, AbusiveEdge, Incident> harness;

    @BeforeEach
    void open() throws Exception {
        harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new TargetDetector(DetectionConfig.defaults())),
                (KeySelector<AbusiveEdge, String>) AbusiveEdge::targetId, Types.STRING);
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private void send(AbusiveEdge e) throws Exception {
        harness.processElement(e, e.time());
    }

    private List<Incident> pileOns() {
        return harness.extractOutputValues().stream().filter(i -> i.kind().equals("pile_on")).toList();
    }

    @Test
    void pileOnOfEightSendersWithinAnHourFiresOnTheEighthAndGrows() throws Exception {
        for (int k = 1; k <= 10; k++) {
            send(edge("m" + k, "s" + k, "victim", T0 + k * 5 * MINUTE));
        }
        harness.processWatermark(T0 + 2 * HOUR);
        List<Incident> pileOns = pileOns();
        assertThat(pileOns).hasSize(3);
        assertThat(pileOns.get(0).detectedAt()).isEqualTo(T0 + 40 * MINUTE);
        assertThat(pileOns.get(0).senders()).hasSize(8);
        assertThat(pileOns.get(2).senders()).hasSize(10);
        assertThat(pileOns.get(0).reportable()).isTrue();
        // Evidence is attached once: the first pile-on carries everything not yet reported.
        int evidence = harness.extractOutputValues().stream().mapToInt(i -> i.evidence().size()).sum();
        assertThat(evidence).isEqualTo(10);
    }

    @Test
    void sevenSendersInAnHourRaiseOnlyANonReportableTargetGroup() throws Exception {
        for (int k = 1; k <= 7; k++) {
            send(edge("m" + k, "s" + k, "victim", T0 + k * MINUTE));
        }
        harness.processWatermark(T0 + 2 * HOUR);
        assertThat(pileOns()).isEmpty();
        assertThat(harness.extractOutputValues()).isNotEmpty()
                .allSatisfy(i -> {
                    assertThat(i.kind()).isEqualTo("target_group");
                    assertThat(i.reportable()).isFalse();
                });
        assertThat(harness.extractOutputValues().get(0).senders()).hasSize(3);
    }

    @Test
    void twentySendersSpreadOverADayRaiseASlowPileOn() throws Exception {
        for (int k = 1; k <= 20; k++) {
            send(edge("m" + k, "s" + k, "victim", T0 + k * HOUR));
        }
        harness.processWatermark(T0 + 21 * HOUR);
        assertThat(pileOns()).singleElement().satisfies(i -> assertThat(i.senders()).hasSize(20));
    }

    @Test
    void repeatedMessagesFromOneSenderDoNotCountAsMoreSenders() throws Exception {
        for (int k = 1; k <= 30; k++) {
            send(edge("m" + k, "only", "victim", T0 + k * MINUTE));
        }
        harness.processWatermark(T0 + 2 * HOUR);
        assertThat(harness.extractOutputValues()).isEmpty();
    }

    @Test
    void nearDuplicateTextsAcrossSendersAreMeasured() throws Exception {
        for (int k = 1; k <= 8; k++) {
            int[] sig = k <= 4 ? TestEdges.signature(7) : TestEdges.signature(100 + k);
            send(edge("m" + k, "s" + k, "victim", T0 + k * MINUTE, false, sig));
        }
        harness.processWatermark(T0 + HOUR);
        assertThat(pileOns()).singleElement().satisfies(i -> {
            assertThat(i.nearDuplicateShare()).isEqualTo(0.5);
            assertThat(i.onsetSynchrony()).isEqualTo(1.0);
        });
    }

    @Test
    void stateAndTimersAreGoneAfterTheRetention() throws Exception {
        for (int k = 1; k <= 9; k++) {
            send(edge("m" + k, "s" + k, "victim", T0 + k * MINUTE));
        }
        harness.processWatermark(T0 + HOUR);
        assertThat(harness.numKeyedStateEntries()).isGreaterThan(0);
        harness.processWatermark(T0 + 4 * DAY);
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    /** References given back to the evidence store unreported (see {@link EvidenceRefs}). */
    private List<String> released() {
        List<String> refs = new ArrayList<>();
        var out = harness.getSideOutput(EvidenceRefs.RELEASED);
        if (out != null) {
            out.forEach(r -> refs.addAll(r.getValue().released()));
        }
        return refs;
    }

    @Test
    void unreportedEvidenceIsGivenBackAfterTheRetention() throws Exception {
        send(TestEdges.edge("m1", "s1", "victim", T0));
        send(TestEdges.edge("m2", "s2", "victim", T0 + MINUTE));
        harness.processWatermark(T0 + HOUR);
        assertThat(harness.extractOutputValues()).isEmpty();
        harness.processWatermark(T0 + 4 * DAY);
        assertThat(released()).containsExactly("chirp\u0001m1", "chirp\u0001m2");
        assertThat(harness.numKeyedStateEntries()).isZero();
    }
}
