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
import static org.harassmentwatch.detect.TestEdges.T0;
import static org.harassmentwatch.detect.TestEdges.edge;

class SenderDetectorTest {

    private KeyedOneInputStreamOperatorTestHarness<String, AbusiveEdge, Incident> harness;

    @BeforeEach
    void open() throws Exception {
        harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new SenderDetector(DetectionConfig.defaults())),
                (KeySelector<AbusiveEdge, String>) AbusiveEdge::senderId, Types.STRING);
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    @Test
    void fiveDistinctTargetsWithinADayIsASpreeAndTwoIsTheLowTier() throws Exception {
        for (int k = 1; k <= 5; k++) {
            AbusiveEdge e = edge("m" + k, "troll", "t" + k, T0 + k * HOUR);
            harness.processElement(e, e.time());
        }
        harness.processWatermark(T0 + 6 * HOUR);
        assertThat(harness.extractOutputValues()).extracting(Incident::tier)
                .containsExactly("spree_low", "spree_low", "spree_low", "spree");
        Incident last = harness.extractOutputValues().get(3);
        assertThat(last.targets()).containsExactly("t1", "t2", "t3", "t4", "t5");
        assertThat(last.key()).isEqualTo("sender:troll");
    }

    @Test
    void oneTargetIsNeverASpree() throws Exception {
        for (int k = 1; k <= 5; k++) {
            AbusiveEdge e = edge("m" + k, "troll", "t1", T0 + k * HOUR);
            harness.processElement(e, e.time());
        }
        harness.processWatermark(T0 + 6 * HOUR);
        assertThat(harness.extractOutputValues()).isEmpty();
    }

    @Test
    void targetsMoreThanADayApartDoNotAddUp() throws Exception {
        for (int k = 1; k <= 5; k++) {
            AbusiveEdge e = edge("m" + k, "troll", "t" + k, T0 + k * 2 * DAY);
            harness.processElement(e, e.time());
        }
        harness.processWatermark(T0 + 12 * DAY);
        assertThat(harness.extractOutputValues()).isEmpty();
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
    void unreportedEvidenceIsGivenBackWhenTheSenderGoesQuiet() throws Exception {
        AbusiveEdge e = edge("m1", "troll", "t1", T0);
        harness.processElement(e, e.time());
        harness.processWatermark(T0 + 2 * DAY);
        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(released()).containsExactly("chirp\u0001m1");
        assertThat(harness.numKeyedStateEntries()).isZero();
    }
}
