package org.harassmentwatch.job;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.apache.flink.util.Collector;
import org.harassmentwatch.campaign.EvidenceStore;
import org.harassmentwatch.campaign.ResolvedIncident;
import org.harassmentwatch.detect.AbusiveEdge;
import org.harassmentwatch.detect.DetectionConfig;
import org.harassmentwatch.detect.EvidenceFeed;
import org.harassmentwatch.detect.EvidenceRefs;
import org.harassmentwatch.detect.Incident;
import org.harassmentwatch.detect.PairDetector;
import org.harassmentwatch.detect.ScoredMessage;
import org.harassmentwatch.detect.SenderDetector;
import org.harassmentwatch.detect.TargetDetector;
import org.harassmentwatch.generate.GeneratorConfig;
import org.harassmentwatch.generate.ProgressListener;
import org.harassmentwatch.generate.TrafficGenerator;
import org.harassmentwatch.ingest.DecodeResult;
import org.harassmentwatch.ingest.Message;
import org.harassmentwatch.ingest.MessageDecoder;
import org.harassmentwatch.ingest.RawRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract between the detectors and the evidence store ({@link EvidenceRefs}) on generated traffic: every hold
 * an abusive message takes comes back exactly once, as a reference in an incident or as a release. Fed through the
 * real detectors and the real store, in event-time order with the job's watermark lag; at the end of the input every
 * incident has been resolved and the store is empty, and while the traffic runs it holds the messages that a
 * detector still refers to.
 */
class EvidenceHoldsTest {

    @TempDir
    Path dir;

    @Test
    void everyHoldComesBackOnceAndTheStoreEndsEmpty() throws Exception {
        TrafficGenerator.generate(GeneratorConfig.defaults(7, 40_000).withCampaignsPerShape(4), dir, ProgressListener.NONE);
        DetectionConfig config = DetectionConfig.defaults();
        List<ScoredMessage> scored = score(Files.readAllLines(dir.resolve(TrafficGenerator.MESSAGES_FILE)), config);
        List<AbusiveEdge> edges = new ArrayList<>();
        ToEdges toEdges = new ToEdges(config);
        Collector<AbusiveEdge> collect = new Collector<>() {
            @Override
            public void collect(AbusiveEdge e) {
                edges.add(e);
            }

            @Override
            public void close() {
            }
        };
        for (ScoredMessage s : scored) {
            toEdges.flatMap(s, collect);
        }
        List<AbusiveEdge> abusive = edges.stream().filter(e -> e.abusive()).toList();

        List<Incident> incidents = new ArrayList<>();
        List<EvidenceFeed> feed = new ArrayList<>();
        for (ScoredMessage s : scored) {
            if (EvidenceRefs.holdsOf(s) > 0) {
                feed.add(EvidenceFeed.held(s));
            }
        }
        int messages = feed.size();
        run(new PairDetector(config), PairDetector::pairKey, edges, incidents, feed);
        run(new TargetDetector(config), AbusiveEdge::targetId, abusive, incidents, feed);
        run(new SenderDetector(config), AbusiveEdge::senderId, abusive, incidents, feed);
        assertThat(incidents).as("incidents of every detector").extracting(Incident::kind)
                .contains("persistent_pair", "pile_on", "spree");
        assertThat(feed.size()).as("releases besides the messages").isGreaterThan(messages);

        try (KeyedTwoInputStreamOperatorTestHarness<Integer, Incident, EvidenceFeed, ResolvedIncident> store =
                     new KeyedTwoInputStreamOperatorTestHarness<>(new KeyedCoProcessOperator<>(new EvidenceStore()),
                             (KeySelector<Incident, Integer>) i -> 0, (KeySelector<EvidenceFeed, Integer>) f -> 0,
                             Types.INT)) {
            store.open();
            // Incidents first: each waits for its messages, the hardest order for the store.
            for (Incident i : incidents) {
                store.processElement1(i, i.detectedAt());
            }
            assertThat(store.extractOutputValues()).isEmpty();
            for (EvidenceFeed f : feed) {
                store.processElement2(f, 0L);
            }
            List<ResolvedIncident> resolved = store.extractOutputValues();
            assertThat(resolved).hasSize(incidents.size());
            assertThat(resolved).allSatisfy(r -> assertThat(r.evidence()).extracting(EvidenceRefs::of)
                    .isEqualTo(r.incident().evidence()));
            assertThat(store.numKeyedStateEntries()).isZero();
            assertThat(store.numEventTimeTimers()).isZero();
        }
    }

    /** Runs a detector over the edges to the end of time; its incidents and released references are collected. */
    private static void run(KeyedProcessFunction<String, AbusiveEdge, Incident> detector,
                            KeySelector<AbusiveEdge, String> key, List<AbusiveEdge> edges, List<Incident> incidents,
                            List<EvidenceFeed> feed) throws Exception {
        long lag = HarassmentCampaignJob.Settings.defaults().maxOutOfOrderness().toMillis();
        try (KeyedOneInputStreamOperatorTestHarness<String, AbusiveEdge, Incident> h =
                     new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(detector), key, Types.STRING)) {
            h.open();
            long max = Long.MIN_VALUE;
            for (AbusiveEdge e : edges) {
                h.processElement(e, e.time());
                max = Math.max(max, e.time());
                h.processWatermark(max - lag);
            }
            h.processWatermark(Long.MAX_VALUE);
            incidents.addAll(h.extractOutputValues());
            var released = h.getSideOutput(EvidenceRefs.RELEASED);
            if (released != null) {
                for (StreamRecord<EvidenceFeed> r : released) {
                    feed.add(r.getValue());
                }
            }
            assertThat(h.numKeyedStateEntries()).as("detector state at the end of time").isZero();
        }
    }

    /** Decoded and scored by the job's code; abusive and rough messages, first occurrence of each (as the job keeps). */
    private static List<ScoredMessage> score(List<String> lines, DetectionConfig config) throws Exception {
        MessageDecoder decoder = new MessageDecoder();
        List<ScoredMessage> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        try (OneInputStreamOperatorTestHarness<Message, ScoredMessage> harness =
                     ProcessFunctionTestHarnesses.forProcessFunction(new ScoreMessages(config))) {
            for (int i = 0; i < lines.size(); i++) {
                DecodeResult r = decoder.decode(lines.get(i), RawRecord.fileSource("memory", i + 1L),
                        System.currentTimeMillis());
                if (r instanceof DecodeResult.Decoded d) {
                    harness.processElement(d.message(), d.message().createdAt());
                }
            }
            for (ScoredMessage s : harness.extractOutputValues()) {
                if (seen.add(EvidenceRefs.of(s))) {
                    out.add(s);
                }
            }
        }
        return out;
    }
}
