package org.harassmentwatch.campaign;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.state.rocksdb.RocksDBKeyedStateBackend;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.harassmentwatch.detect.EvidenceFeed;
import org.harassmentwatch.detect.EvidenceRefs;
import org.harassmentwatch.detect.Incident;
import org.harassmentwatch.detect.ScoredMessage;
import org.harassmentwatch.detect.TestEdges;
import org.harassmentwatch.ingest.MessageJson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.harassmentwatch.detect.TestEdges.MINUTE;
import static org.harassmentwatch.detect.TestEdges.T0;

class EvidenceStoreTest {

    private KeyedTwoInputStreamOperatorTestHarness<Integer, Incident, EvidenceFeed, ResolvedIncident> harness;

    @BeforeEach
    void open() throws Exception {
        harness = newHarness();
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private static KeyedTwoInputStreamOperatorTestHarness<Integer, Incident, EvidenceFeed, ResolvedIncident> newHarness()
            throws Exception {
        return new KeyedTwoInputStreamOperatorTestHarness<>(new KeyedCoProcessOperator<>(new EvidenceStore()),
                (KeySelector<Incident, Integer>) i -> 0, (KeySelector<EvidenceFeed, Integer>) f -> 0, Types.INT);
    }

    /**
     * An abusive message aimed at {@code targets}, 3 holds per target (pair, target and sender detector), sealed as
     * the store seals what it reports (SHA-256 of its canonical record).
     */
    private static ScoredMessage message(String id, String sender, List<String> targets, long at) {
        ScoredMessage s = TestEdges.scored(id, sender, targets, at, false, List.of());
        return new ScoredMessage(s.message(), s.scores(), MessageJson.sha256Hex(s.message()), s.categoryMask(),
                s.threat(), s.abusive());
    }

    private static Incident incident(String key, long at, ScoredMessage... evidence) {
        List<String> refs = new ArrayList<>();
        for (ScoredMessage m : evidence) {
            refs.add(EvidenceRefs.of(m));
        }
        return new Incident("persistent_pair", key, "course_of_conduct", true, at, at, at, List.of("a"), List.of("b"),
                refs.size(), 2, 0, 1, 0, 0, 0, List.of(), List.of(), refs);
    }

    /**
     * Keys holding any of the store's state (there is one key): 0 means the state is empty. Works on both backends
     * ({@code numKeyedStateEntries()} is heap-only; the heap tests check it too, through {@link #assertEmpty()}).
     */
    private long keysWithState() throws Exception {
        var backend = harness.getOperator().getKeyedStateBackend();
        long n = 0;
        for (String name : List.of("held-messages", "waiting-incidents", "next-waiting-id")) {
            n += backend.getKeys(name, VoidNamespace.INSTANCE).count();
        }
        return n;
    }

    /** {@code m} as scoring emits it: not sealed; the store seals what it reports (the tests expect {@code m}). */
    private void arrive(ScoredMessage m) throws Exception {
        ScoredMessage unsealed = new ScoredMessage(m.message(), m.scores(), null, m.categoryMask(), m.threat(),
                m.abusive());
        harness.processElement2(EvidenceFeed.held(unsealed), m.message().createdAt());
    }

    private void release(ScoredMessage... messages) throws Exception {
        List<String> refs = new ArrayList<>();
        for (ScoredMessage m : messages) {
            refs.add(EvidenceRefs.of(m));
        }
        harness.processElement2(EvidenceFeed.released(refs), T0);
    }

    private void report(Incident i) throws Exception {
        harness.processElement1(i, i.detectedAt());
    }

    @Test
    void incidentsGetTheirMessagesInReferenceOrderDuplicatesIncluded() throws Exception {
        ScoredMessage m1 = message("m1", "a", List.of("b"), T0);
        ScoredMessage m2 = message("m2", "a", List.of("b"), T0 + MINUTE);
        arrive(m1);
        arrive(m2);
        report(incident("sender:a", T0 + MINUTE, m2, m1, m2));
        assertThat(harness.extractOutputValues()).singleElement().satisfies(r -> {
            assertThat(r.incident().key()).isEqualTo("sender:a");
            assertThat(r.evidence()).containsExactly(m2, m1, m2); // sealed by the store
        });
    }

    @Test
    void aMessageLeavesStateWhenEveryHoldIsReportedOrReleasedAndNeverBefore() throws Exception {
        harness.getOutput().clear();
        ScoredMessage m = message("m1", "a", List.of("b", "c"), T0); // 2 targets: 6 holds
        arrive(m);
        report(incident("pair:a>b", T0, m));
        report(incident("pair:a>c", T0, m));
        release(m, m, m); // target b, target c and one sender edge dropped unreported
        assertThat(keysWithState()).as("one hold still out").isEqualTo(1);

        report(incident("sender:a", T0, m)); // the last hold, still resolvable
        assertThat(harness.extractOutputValues()).hasSize(3).allSatisfy(r -> assertThat(r.evidence()).containsExactly(m));
        assertThat(keysWithState()).isZero();
        if (!(harness.getOperator().getKeyedStateBackend() instanceof RocksDBKeyedStateBackend)) {
            assertThat(harness.numKeyedStateEntries()).isZero();
        }
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void rocksDbStateFreesMessagesLikeHeapState() throws Exception {
        harness.close();
        harness = newHarness();
        harness.setStateBackend(new EmbeddedRocksDBStateBackend());
        harness.open();
        aMessageLeavesStateWhenEveryHoldIsReportedOrReleasedAndNeverBefore();
        anIncidentWaitsForAMessageThatHasNotArrivedYet();
    }

    @Test
    void anIncidentWaitsForAMessageThatHasNotArrivedYet() throws Exception {
        harness.getOutput().clear();
        ScoredMessage early = message("m1", "a", List.of("b"), T0);
        ScoredMessage late = message("m2", "a", List.of("b"), T0 + MINUTE);
        arrive(early);
        report(incident("pair:a>b", T0 + MINUTE, early, late));
        assertThat(harness.extractOutputValues()).isEmpty();

        arrive(late);
        assertThat(harness.extractOutputValues()).singleElement()
                .satisfies(r -> assertThat(r.evidence()).containsExactly(early, late));
        release(early, early, late, late);
        assertThat(keysWithState()).isZero();
    }

    @Test
    void releasesThatOvertakeTheirMessageLeaveNothingBehind() throws Exception {
        ScoredMessage m = message("m1", "a", List.of("b"), T0);
        release(m, m, m);
        assertThat(keysWithState()).as("a negative count until the message arrives").isEqualTo(1);
        arrive(m);
        assertThat(keysWithState()).isZero();
        assertThat(harness.extractOutputValues()).isEmpty();
    }

    @Test
    void messagesHeldByADetectorSurviveACheckpointRestore() throws Exception {
        ScoredMessage m = message("m1", "a", List.of("b"), T0);
        arrive(m);
        var snapshot = harness.snapshot(1L, T0);
        harness.close();

        harness = newHarness();
        harness.initializeState(snapshot);
        harness.open();
        report(incident("pair:a>b", T0, m));
        assertThat(harness.extractOutputValues()).singleElement()
                .satisfies(r -> assertThat(r.evidence()).containsExactly(m));
        release(m, m);
        assertThat(keysWithState()).isZero();
    }
}
