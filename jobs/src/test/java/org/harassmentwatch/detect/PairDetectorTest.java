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
import static org.harassmentwatch.detect.TestEdges.threat;

class PairDetectorTest {

    private KeyedOneInputStreamOperatorTestHarness<String, AbusiveEdge, Incident> harness;

    @BeforeEach
    void open() throws Exception {
        harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new PairDetector(DetectionConfig.defaults())),
                (KeySelector<AbusiveEdge, String>) PairDetector::pairKey, Types.STRING);
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private void send(AbusiveEdge e) throws Exception {
        harness.processElement(e, e.time());
    }

    @Test
    void abuseOnTwoOccasionsMoreThanAnHourApartIsACourseOfConduct() throws Exception {
        send(edge("m1", "alice", "bob", T0));
        send(edge("m2", "alice", "bob", T0 + 10 * MINUTE));
        harness.processWatermark(T0 + 20 * MINUTE);
        assertThat(harness.extractOutputValues()).isEmpty();

        send(edge("m3", "alice", "bob", T0 + 3 * HOUR));
        harness.processWatermark(T0 + 3 * HOUR);

        List<Incident> out = harness.extractOutputValues();
        assertThat(out).hasSize(1);
        Incident i = out.get(0);
        assertThat(i.kind()).isEqualTo("persistent_pair");
        assertThat(i.key()).isEqualTo("pair:alice>bob");
        assertThat(i.tier()).isEqualTo("course_of_conduct");
        assertThat(i.occasions()).isEqualTo(2);
        assertThat(i.messageCount()).isEqualTo(3);
        assertThat(i.evidence()).containsExactly("chirp\u0001m1", "chirp\u0001m2", "chirp\u0001m3");
        assertThat(i.detectedAt()).isEqualTo(T0 + 3 * HOUR);
    }

    @Test
    void oneHeatedExchangeIsASingleOccasionAndRaisesNothing() throws Exception {
        for (int k = 0; k < 6; k++) {
            send(edge("m" + k, "alice", "bob", T0 + k * 8 * MINUTE));
        }
        harness.processWatermark(T0 + DAY);
        assertThat(harness.extractOutputValues()).isEmpty();
    }

    @Test
    void aSingleThreatRaisesAnIncidentAtOnce() throws Exception {
        send(threat("m1", "carol", "dave", T0));
        harness.processWatermark(T0);
        List<Incident> out = harness.extractOutputValues();
        assertThat(out).singleElement().satisfies(i -> {
            assertThat(i.tier()).isEqualTo("threat");
            assertThat(i.threatMessages()).isEqualTo(1);
            assertThat(i.reportable()).isTrue();
        });
    }

    @Test
    void mutualAbuseOnManyOccasionsIsBanterNotHarassment() throws Exception {
        for (int day = 0; day < 4; day++) {
            send(edge("a" + day, "erin", "frank", T0 + day * DAY));
            send(edge("b" + day, "frank", "erin", T0 + day * DAY + 5 * MINUTE));
        }
        harness.processWatermark(T0 + 5 * DAY);
        assertThat(harness.extractOutputValues()).isEmpty();
    }

    @Test
    void victimRepliesOnceDelaysButDoesNotMaskHarassment() throws Exception {
        send(edge("a1", "gary", "hana", T0));
        send(edge("b1", "hana", "gary", T0 + 5 * MINUTE));
        send(edge("a2", "gary", "hana", T0 + DAY));
        send(edge("a3", "gary", "hana", T0 + 2 * DAY));
        send(edge("a4", "gary", "hana", T0 + 3 * DAY));
        harness.processWatermark(T0 + 4 * DAY);
        assertThat(harness.extractOutputValues()).extracting(Incident::occasions).containsExactly(3, 4);
    }

    @Test
    void roughTalkBackOnEveryOccasionMakesItBanterEvenBeforeTheOtherSideIsAbusive() throws Exception {
        send(TestEdges.rough("r1", "bob", "amy", T0));
        send(edge("a1", "amy", "bob", T0 + 10 * MINUTE));
        send(TestEdges.rough("r2", "bob", "amy", T0 + 5 * HOUR));
        send(edge("a2", "amy", "bob", T0 + 5 * HOUR + 10 * MINUTE));
        harness.processWatermark(T0 + DAY);
        assertThat(harness.extractOutputValues()).isEmpty();
    }

    @Test
    void roughMessagesAloneNeverRaiseAnything() throws Exception {
        for (int day = 0; day < 5; day++) {
            send(TestEdges.rough("r" + day, "bob", "amy", T0 + day * DAY));
        }
        harness.processWatermark(T0 + 6 * DAY);
        assertThat(harness.extractOutputValues()).isEmpty();
    }

    @Test
    void outOfOrderArrivalGivesTheSameIncidentsAsOrderedArrival() throws Exception {
        send(edge("m3", "ian", "jo", T0 + 5 * HOUR));
        send(edge("m1", "ian", "jo", T0));
        send(edge("m2", "ian", "jo", T0 + 2 * HOUR));
        harness.processWatermark(T0 + 6 * HOUR);
        assertThat(harness.extractOutputValues()).extracting(Incident::occasions, Incident::detectedAt)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(2, T0 + 2 * HOUR),
                        org.assertj.core.groups.Tuple.tuple(3, T0 + 5 * HOUR));
    }

    @Test
    void occasionsOutsideTheThirtyDayWindowDoNotCount() throws Exception {
        send(edge("m1", "kim", "lee", T0));
        send(edge("m2", "kim", "lee", T0 + 31 * DAY));
        harness.processWatermark(T0 + 31 * DAY);
        assertThat(harness.extractOutputValues()).isEmpty();
    }

    @Test
    void stateAndTimersAreGoneAfterTheCourseOfConductWindow() throws Exception {
        send(edge("m1", "max", "ned", T0));
        send(edge("m2", "max", "ned", T0 + 3 * HOUR));
        harness.processWatermark(T0 + 3 * HOUR);
        assertThat(harness.numKeyedStateEntries()).isGreaterThan(0);

        harness.processWatermark(T0 + 3 * HOUR + 30 * DAY + 2 * HOUR);
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
    void unreportedEvidenceIsGivenBackWhenThePairGoesQuietAndReportedEvidenceIsNot() throws Exception {
        send(edge("m1", "alice", "bob", T0));
        send(edge("m2", "alice", "bob", T0 + 3 * HOUR)); // second occasion: reported with m1
        send(edge("m3", "bob", "alice", T0 + 4 * HOUR)); // one message back, never reported
        harness.processWatermark(T0 + 4 * HOUR);
        assertThat(harness.extractOutputValues()).singleElement()
                .satisfies(i -> assertThat(i.evidence()).containsExactly("chirp\u0001m1", "chirp\u0001m2"));
        assertThat(released()).isEmpty();

        harness.processWatermark(T0 + 40 * DAY);
        assertThat(released()).containsExactly("chirp\u0001m3");
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void evidenceBeyondTheCapIsGivenBackAtOnce() throws Exception {
        int cap = DetectionConfig.defaults().evidencePerKeyCap();
        for (int k = 0; k <= cap; k++) { // one heated occasion: never an incident
            send(edge("m" + k, "alice", "bob", T0 + k * 1000L));
        }
        harness.processWatermark(T0 + HOUR);
        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(released()).containsExactly("chirp\u0001m" + cap);
    }
}
