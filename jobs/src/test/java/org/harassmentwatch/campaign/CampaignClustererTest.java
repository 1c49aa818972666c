package org.harassmentwatch.campaign;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.harassmentwatch.detect.DetectionConfig;
import org.harassmentwatch.detect.EvidenceRefs;
import org.harassmentwatch.detect.Incident;
import org.harassmentwatch.detect.ScoredMessage;
import org.harassmentwatch.detect.TestEdges;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.harassmentwatch.detect.TestEdges.DAY;
import static org.harassmentwatch.detect.TestEdges.HOUR;
import static org.harassmentwatch.detect.TestEdges.MINUTE;
import static org.harassmentwatch.detect.TestEdges.T0;

class CampaignClustererTest {

    private KeyedOneInputStreamOperatorTestHarness<Integer, ResolvedIncident, CampaignUpdate> harness;

    @BeforeEach
    void open() throws Exception {
        harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new CampaignClusterer(DetectionConfig.defaults(), "lexicon-test")),
                (KeySelector<ResolvedIncident, Integer>) i -> 0, Types.INT);
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private void send(ResolvedIncident i) throws Exception {
        harness.processElement(i, i.incident().detectedAt());
    }

    /** Latest version of every campaign id. */
    private Map<String, Campaign> latest() {
        Map<String, Campaign> m = new LinkedHashMap<>();
        for (CampaignUpdate u : harness.extractOutputValues()) {
            Campaign prev = m.get(u.campaign().campaignId());
            if (prev == null || prev.version() < u.campaign().version()) {
                m.put(u.campaign().campaignId(), u.campaign());
            }
        }
        return m;
    }

    private static List<String> senders(String prefix, int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(i -> prefix + String.format("%02d", i)).toList();
    }

    /** An incident as the evidence store hands it to the clustering: references and the messages they stand for. */
    static ResolvedIncident resolved(Incident incident, List<ScoredMessage> evidence) {
        return new ResolvedIncident(incident, evidence);
    }

    static List<String> refs(List<ScoredMessage> evidence) {
        return evidence.stream().map(EvidenceRefs::of).toList();
    }

    static String idFor(ResolvedIncident resolved) {
        return CampaignIds.idFor(resolved.incident());
    }

    static ResolvedIncident group(String kind, String target, List<String> senders, long at) {
        List<ScoredMessage> evidence = new ArrayList<>();
        for (String s : senders) {
            evidence.add(TestEdges.scored(s + "-" + target, s, List.of(target), at, false, List.of("tag")));
        }
        boolean pileOn = kind.equals("pile_on");
        return resolved(new Incident(kind, "target:" + target, kind, pileOn, at, at - 10 * MINUTE, at, senders, List.of(target),
                senders.size(), 0, 0, senders.size(), 0.5, 0.9, 0.25, List.of("tag"), List.of(), refs(evidence)), evidence);
    }

    static ResolvedIncident pair(String sender, String target, int occasions, long at) {
        List<ScoredMessage> evidence =
                List.of(TestEdges.scored("p-" + sender + "-" + at, sender, List.of(target), at, false, List.of()));
        return resolved(new Incident("persistent_pair", "pair:" + sender + ">" + target, "course_of_conduct", true, at,
                at - 2 * DAY, at, List.of(sender), List.of(target), occasions, occasions, 0, 1, 0, 0, 0, List.of(),
                List.of(), refs(evidence)), evidence);
    }

    static ResolvedIncident spree(String sender, List<String> targets, long at) {
        List<ScoredMessage> evidence =
                List.of(TestEdges.scored("s-" + sender + "-" + at, sender, targets, at, false, List.of()));
        return resolved(new Incident("spree", "sender:" + sender, targets.size() >= 5 ? "spree" : "spree_low", true, at,
                at - HOUR, at, List.of(sender), targets, targets.size(), 0, 0, 1, 0, 0, 0, List.of(), List.of(),
                refs(evidence)), evidence);
    }

    @Test
    void pileOnAndPersistentPairAgainstTheSameTargetMergeIntoOneCampaign() throws Exception {
        send(pair("stalker", "victim", 3, T0));
        send(group("pile_on", "victim", senders("p", 1, 8), T0 + HOUR));
        harness.processWatermark(T0 + 2 * HOUR);
        Map<String, Campaign> campaigns = latest();
        assertThat(campaigns).hasSize(1);
        Campaign c = campaigns.values().iterator().next();
        assertThat(c.kinds()).containsExactly("pile_on", "persistent_pair");
        assertThat(c.primaryKind()).isEqualTo("pile_on");
        assertThat(c.senderCount()).isEqualTo(9);
        assertThat(c.legalElements()).extracting(Campaign.LegalElement::provision)
                .contains("PHA 1997 s2, s7(3)(a)", "PHA 1997 s7(3A)");
        assertThat(c.explanation()).contains("Pile-on", "9 different accounts", "may meet");
        assertThat(c.evidence().count()).isEqualTo(9);
    }

    @Test
    void groupsSharingMostSendersAcrossTargetsFormOneCoordinatedCampaign() throws Exception {
        List<String> crew = senders("c", 1, 6);
        send(group("target_group", "t1", crew.subList(0, 5), T0));
        send(group("target_group", "t2", crew.subList(1, 6), T0 + HOUR));
        send(group("target_group", "t3", crew.subList(0, 4), T0 + 2 * HOUR));
        harness.processWatermark(T0 + 3 * HOUR);
        Map<String, Campaign> campaigns = latest();
        assertThat(campaigns).hasSize(1);
        Campaign c = campaigns.values().iterator().next();
        assertThat(c.primaryKind()).isEqualTo("coordinated");
        assertThat(c.targets()).containsExactly("t1", "t2", "t3");
        assertThat(c.senderCount()).isEqualTo(6);
    }

    @Test
    void aSingleTargetGroupIsNotPublished() throws Exception {
        send(group("target_group", "t1", senders("c", 1, 4), T0));
        harness.processWatermark(T0 + HOUR);
        assertThat(harness.extractOutputValues()).isEmpty();
    }

    @Test
    void oneSharedAccountDoesNotChainCampaignsIntoAGiantComponent() throws Exception {
        // 20 pile-ons on 20 targets; each has its own 8 senders plus the same busy account "everywhere".
        for (int k = 0; k < 20; k++) {
            List<String> s = new ArrayList<>(senders("g" + k + "-", 1, 8));
            s.add("everywhere");
            send(group("pile_on", "target" + k, s, T0 + k * HOUR));
        }
        harness.processWatermark(T0 + DAY);
        Map<String, Campaign> campaigns = latest();
        assertThat(campaigns).hasSize(20);
        assertThat(campaigns.values()).allSatisfy(c -> assertThat(c.targetCount()).isEqualTo(1));
    }

    @Test
    void mergingKeepsTheOldestIdAndRecordsTheOthers() throws Exception {
        send(group("pile_on", "t1", senders("m", 1, 8), T0));
        send(group("pile_on", "t2", senders("x", 1, 8), T0 + HOUR));
        harness.processWatermark(T0 + 2 * HOUR);
        Map<String, Campaign> before = latest();
        assertThat(before).hasSize(2);
        String oldest = before.keySet().iterator().next();
        // A third group that shares most senders with both links them.
        List<String> bridge = new ArrayList<>(senders("m", 1, 6));
        bridge.addAll(senders("x", 1, 6));
        send(group("target_group", "t3", bridge, T0 + 3 * HOUR));
        harness.processWatermark(T0 + 4 * HOUR);
        Map<String, Campaign> after = latest();
        Campaign survivor = after.get(oldest);
        assertThat(survivor.mergedFrom()).hasSize(1);
        String absorbed = survivor.mergedFrom().get(0);
        assertThat(after.get(absorbed).status()).isEqualTo("merged");
        assertThat(after.get(absorbed).mergedInto()).isEqualTo(oldest);
        assertThat(survivor.targets()).containsExactly("t1", "t2", "t3");
        assertThat(survivor.kinds()).contains("coordinated");
    }

    @Test
    void aSpreeByAMemberOfACoordinatedGroupJoinsThatCampaign() throws Exception {
        List<String> crew = senders("c", 1, 5);
        send(spree("c01", List.of("t1", "t2"), T0));
        send(group("target_group", "t1", crew, T0 + HOUR));
        send(group("target_group", "t2", crew, T0 + 2 * HOUR));
        harness.processWatermark(T0 + 3 * HOUR);
        List<Campaign> live = latest().values().stream().filter(c -> !c.status().equals("merged")).toList();
        assertThat(live).singleElement().satisfies(c -> {
            assertThat(c.primaryKind()).isEqualTo("coordinated");
            assertThat(c.kinds()).contains("spree");
        });
    }

    @Test
    void campaignsTurnDormantThenClosedAsEventTimeMovesOnAndClosedOnesLeaveState() throws Exception {
        send(pair("a", "b", 2, T0));
        send(pair("x", "y", 2, T0 + 8 * DAY)); // later activity elsewhere moves event time on
        harness.processWatermark(T0 + 8 * DAY);
        String first = idFor(pair("a", "b", 2, T0));
        assertThat(latest().get(first).status()).isEqualTo("dormant");

        ResolvedIncident driver = pair("p", "q", 2, T0 + 31 * DAY);
        send(driver);
        harness.processWatermark(T0 + 31 * DAY);
        assertThat(latest().get(first).status()).isEqualTo("closed");
        assertThat(latest().get(idFor(pair("x", "y", 2, T0 + 8 * DAY))).status()).isEqualTo("dormant");

        // The same pair abusing again after closure opens a new campaign: the old one is gone from state.
        send(pair("a", "b", 2, T0 + 32 * DAY));
        harness.processWatermark(T0 + 32 * DAY);
        assertThat(latest()).containsKey(idFor(pair("a", "b", 2, T0 + 32 * DAY)));
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void closedCampaignsLeaveNoStateBehind() throws Exception {
        send(pair("a", "b", 2, T0));
        send(pair("p", "q", 2, T0 + 31 * DAY));
        harness.processWatermark(T0 + 31 * DAY);
        long withClosedCampaign = harness.numKeyedStateEntries();

        try (var fresh = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new CampaignClusterer(DetectionConfig.defaults(), "lexicon-test")),
                (KeySelector<ResolvedIncident, Integer>) i -> 0, Types.INT)) {
            fresh.open();
            ResolvedIncident only = pair("p", "q", 2, T0 + 31 * DAY);
            fresh.processElement(only, only.incident().detectedAt());
            fresh.processWatermark(T0 + 31 * DAY);
            assertThat(withClosedCampaign).isEqualTo(fresh.numKeyedStateEntries());
        }
    }

    @Test
    void idsAndVersionsAreStableAcrossRuns() throws Exception {
        send(pair("a", "b", 2, T0));
        send(pair("a", "b", 3, T0 + DAY));
        harness.processWatermark(T0 + 2 * DAY);
        List<CampaignUpdate> first = harness.extractOutputValues();
        assertThat(first).extracting(u -> u.campaign().version()).containsExactly(1L, 2L);
        assertThat(first.get(0).created()).isTrue();
        assertThat(first.get(1).created()).isFalse();
        assertThat(first.get(0).campaign().campaignId()).isEqualTo(idFor(pair("a", "b", 2, T0)));
    }

    /** A run with merges of every kind: groups bridging targets, a spree joining, pairs of a spree's sender. */
    private static void mergeHeavyScenario(KeyedOneInputStreamOperatorTestHarness<Integer, ResolvedIncident, CampaignUpdate> h)
            throws Exception {
        List<ResolvedIncident> incidents = new ArrayList<>();
        incidents.add(pair("s01", "v1", 2, T0));
        incidents.add(spree("s01", List.of("v1", "v2", "v3"), T0 + HOUR));
        incidents.add(group("pile_on", "t1", senders("m", 1, 8), T0 + 2 * HOUR));
        incidents.add(group("pile_on", "t2", senders("x", 1, 8), T0 + 3 * HOUR));
        List<String> bridge = new ArrayList<>(senders("m", 1, 6));
        bridge.addAll(senders("x", 1, 6));
        incidents.add(group("target_group", "t3", bridge, T0 + 4 * HOUR));
        incidents.add(spree("m01", List.of("t1", "t3"), T0 + 5 * HOUR));
        incidents.add(pair("s01", "v2", 3, T0 + 6 * HOUR));
        incidents.add(pair("late", "v9", 2, T0 + 40 * DAY)); // closes everything before it
        for (ResolvedIncident i : incidents) {
            h.processElement(i, i.incident().detectedAt());
        }
        h.processWatermark(T0 + 41 * DAY);
    }

    @Test
    void rocksDbStateGivesTheSameCampaignsAsHeapState() throws Exception {
        mergeHeavyScenario(harness);
        List<String> heap = harness.extractOutputValues().stream()
                .map(u -> org.harassmentwatch.sink.Documents.toJson(org.harassmentwatch.sink.Documents.campaign(u.campaign())))
                .toList();
        try (var rocks = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new CampaignClusterer(DetectionConfig.defaults(), "lexicon-test")),
                (KeySelector<ResolvedIncident, Integer>) i -> 0, Types.INT)) {
            rocks.setStateBackend(new org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend());
            rocks.open();
            mergeHeavyScenario(rocks);
            List<String> onRocks = rocks.extractOutputValues().stream()
                    .map(u -> org.harassmentwatch.sink.Documents.toJson(org.harassmentwatch.sink.Documents.campaign(u.campaign())))
                    .toList();
            assertThat(onRocks).isEqualTo(heap);
        }
        assertThat(heap).anySatisfy(json -> assertThat(json).contains("\"status\":\"merged\""));
    }

    static ResolvedIncident threats(String sender, String target, long... times) {
        List<ScoredMessage> evidence = new ArrayList<>();
        for (long t : times) {
            evidence.add(TestEdges.scored("th-" + t, sender, List.of(target), t, true, List.of()));
        }
        long last = times[times.length - 1];
        return resolved(new Incident("persistent_pair", "pair:" + sender + ">" + target, "threat", true, last, times[0],
                last, List.of(sender), List.of(target), times.length, 1, times.length, 1, 0, 0, 0, List.of(), List.of(),
                refs(evidence)), evidence);
    }

    @Test
    void threatsToOnePersonOnTwoOccasionsMayMeetPhaSectionFourButOneOccasionDoesNot() throws Exception {
        send(threats("a", "b", T0, T0 + 10 * MINUTE));
        send(threats("c", "d", T0 + HOUR, T0 + 4 * HOUR));
        harness.processWatermark(T0 + 5 * HOUR);
        Map<String, Campaign> campaigns = latest();
        Campaign oneOccasion = campaigns.get(idFor(threats("a", "b", T0, T0 + 10 * MINUTE)));
        Campaign twoOccasions = campaigns.get(idFor(threats("c", "d", T0 + HOUR, T0 + 4 * HOUR)));
        assertThat(oneOccasion.legalElements()).extracting(Campaign.LegalElement::provision)
                .contains("OSA 2023 s181").doesNotContain("PHA 1997 s4");
        assertThat(twoOccasions.legalElements()).filteredOn(l -> l.provision().equals("PHA 1997 s4"))
                .singleElement().satisfies(l -> {
                    assertThat(l.facts()).isEqualTo("d received 2 threatening message(s) on 2 separate occasions");
                    assertThat(l.occasions()).isEqualTo(2);
                });
    }
}
