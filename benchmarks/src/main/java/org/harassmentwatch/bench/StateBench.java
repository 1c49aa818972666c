package org.harassmentwatch.bench;

import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.runtime.state.storage.FileSystemCheckpointStorage;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.util.Collector;
import org.harassmentwatch.detect.AbusiveEdge;
import org.harassmentwatch.campaign.EvidenceStore;
import org.harassmentwatch.campaign.ResolvedIncident;
import org.harassmentwatch.detect.DetectionConfig;
import org.harassmentwatch.detect.EvidenceFeed;
import org.harassmentwatch.detect.EvidenceRefs;
import org.harassmentwatch.detect.Incident;
import org.harassmentwatch.detect.PairDetector;
import org.harassmentwatch.detect.ScoredMessage;
import org.harassmentwatch.detect.SenderDetector;
import org.harassmentwatch.detect.TargetDetector;
import org.harassmentwatch.job.HarassmentCampaignJob;
import org.harassmentwatch.job.ToEdges;
import org.openjdk.jol.info.GraphLayout;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Row 4a: bytes of keyed state per active key of the pair, target and sender detectors (heap backend), and of the
 * evidence store that keeps the messages their evidence references point to.
 *
 * <p>The in-memory traffic is decoded and scored by the job's own code ({@link ScoredTraffic}), fanned out by
 * {@link ToEdges}, and fed in input order to each real detector in a keyed operator test harness, with the watermark
 * trailing the newest event time by the job's out-of-orderness (as in the running job). At the end of the input,
 * with the whole month's state live, it measures:
 * <ul>
 *   <li>snapshot bytes per key: the size of a full checkpoint of the operator's keyed state (values, timers, the
 *       event-time buffer; Flink's own serializers) divided by the keys holding the detector's state;</li>
 *   <li>heap bytes per key: the keys and state values as the heap backend holds them (JOL object graph, objects
 *       shared between keys counted once) divided by the same keys; without the state table's entry (about 40 B)
 *       and the timers. Needs {@code -Djdk.attach.allowAttachSelf=true} (JOL cannot size records without
 *       instrumentation); without it the heap rows say "not measured";</li>
 *   <li>the share of the evidence references kept per key ({@code unreported}): the same values serialized with
 *       and without them;</li>
 *   <li>the evidence store at the same moment: fed every abusive message with its holds, the references the
 *       detectors released and the incidents they emitted, it holds the messages some detector still refers to;
 *       checkpoint bytes per held message, and the whole store per active pair.</li>
 * </ul>
 */
final class StateBench {

    static final String SECTION = "state";

    private final BenchSettings settings;
    private final PrintStream log;

    StateBench(BenchSettings settings, PrintStream log) {
        this.settings = settings;
        this.log = log;
    }

    /** What differs between the detectors. */
    private record Detector<S>(String label, String stateName, Class<S> stateClass,
                                Supplier<KeyedProcessFunction<String, AbusiveEdge, Incident>> function,
                                KeySelector<AbusiveEdge, String> key, Consumer<S> dropEvidence) {
    }

    /** What was measured for one detector, with what it emitted (for the evidence store). */
    record Measurement(String label, long keys, long snapshotBytes, long heapBytes, long valueBytes,
                       long evidenceBytes, long keyBytes, List<Incident> incidents, List<EvidenceFeed> released) {
        double snapshotPerKey() {
            return snapshotBytes / (double) keys;
        }

        /** NaN when the heap could not be measured. */
        double heapPerKey() {
            return heapBytes < 0 ? Double.NaN : heapBytes / (double) keys;
        }

        double evidenceShare() {
            return evidenceBytes / (double) valueBytes;
        }
    }

    List<ResultRow> run(InMemoryInput input) throws Exception {
        DetectionConfig config = DetectionConfig.defaults();
        long t0 = System.nanoTime();
        List<ScoredMessage> scored = ScoredTraffic.score(input.size(), input::line, config);
        List<AbusiveEdge> edges = new ArrayList<>();
        ToEdges toEdges = new ToEdges(config);
        Collector<AbusiveEdge> collect = new Collector<>() {
            @Override
            public void collect(AbusiveEdge record) {
                edges.add(record);
            }

            @Override
            public void close() {
            }
        };
        for (ScoredMessage s : scored) {
            toEdges.flatMap(s, collect);
        }
        log.printf(Locale.ROOT, "bench: state: %,d messages → %,d scored (abusive or rough) → %,d edges in %.1f s%n",
                input.size(), scored.size(), edges.size(), (System.nanoTime() - t0) / 1e9);
        long lag = HarassmentCampaignJob.Settings.defaults().maxOutOfOrderness().toMillis();

        Measurement pair = measure(new Detector<>("pair", "pair", PairDetector.PairState.class,
                () -> new PairDetector(config), PairDetector::pairKey, s -> {
                    s.lowToHigh.unreported = new ArrayList<>();
                    s.highToLow.unreported = new ArrayList<>();
                }), edges, lag);
        Measurement target = measure(new Detector<>("target", "target", TargetDetector.TargetState.class,
                () -> new TargetDetector(config), AbusiveEdge::targetId, s -> s.unreported = new ArrayList<>()),
                abusiveOnly(edges), lag);
        Measurement sender = measure(new Detector<>("sender", "sender", SenderDetector.SenderState.class,
                () -> new SenderDetector(config), AbusiveEdge::senderId, s -> s.unreported = new ArrayList<>()),
                abusiveOnly(edges), lag);

        StoreMeasurement store = measureStore(scored, List.of(pair, target, sender));

        String command = settings.rerun(SECTION);
        String input_ = String.format(Locale.ROOT, "%,d generated messages, all state live at the end of the month",
                input.size());
        List<ResultRow> rows = new ArrayList<>();
        rows.add(ResultRow.atMost("state_bytes_per_active_pair", pair.snapshotPerKey(), "bytes", 256, command,
                describe(pair) + "; " + input_));
        rows.add(heapRow("state_heap_bytes_per_active_pair", pair, command));
        rows.add(ResultRow.figure("state_bytes_per_active_target", target.snapshotPerKey(), "bytes", command,
                describe(target)));
        rows.add(heapRow("state_heap_bytes_per_active_target", target, command));
        rows.add(ResultRow.figure("state_bytes_per_active_sender", sender.snapshotPerKey(), "bytes", command,
                describe(sender)));
        // The messages the detectors refer to are kept once, by the evidence store: its cost in full, per message
        // and spread over the active pairs, so that none of the evidence's cost is out of sight.
        rows.add(ResultRow.figure("state_bytes_per_held_evidence_message", store.snapshotPerMessage(), "bytes",
                command, String.format(Locale.ROOT, "evidence store (one subtask) checkpoint bytes / %,d abusive "
                        + "messages a detector still refers to (scored message with text, scores, spans, SHA-256, and "
                        + "its hold count)", store.messages())));
        rows.add(heapRow("state_heap_bytes_per_held_evidence_message", store.heapPerMessage(),
                "key + value objects on the heap, per held message", command));
        rows.add(ResultRow.figure("evidence_store_bytes_per_active_pair", store.snapshotBytes() / (double) pair.keys(),
                "bytes", command, String.format(Locale.ROOT, "the whole evidence store's checkpoint / %,d active pairs "
                        + "(it also holds the target and sender detectors' evidence): pair state + this = %.0f B",
                        pair.keys(), pair.snapshotPerKey() + store.snapshotBytes() / (double) pair.keys())));
        return rows;
    }

    private static ResultRow heapRow(String name, Measurement m, String command) {
        return heapRow(name, m.heapPerKey(), "key + value objects on the heap backend's heap (JOL), per active "
                + m.label() + "; plus ~40 B state-table entry and the timers", command);
    }

    private static ResultRow heapRow(String name, double value, String note, String command) {
        return Double.isNaN(value)
                ? new ResultRow(name, null, "bytes", null, ResultRow.Goal.NONE, command,
                        "not measured: needs -Djdk.attach.allowAttachSelf=true")
                : ResultRow.figure(name, value, "bytes", command, note);
    }

    private static String describe(Measurement m) {
        return String.format(Locale.ROOT, "checkpoint bytes / %,d active %s keys; evidence references (unreported "
                        + "messages' ids) are %.0f%% of the values; key %.0f B", m.keys(), m.label(), 100 * m.evidenceShare(),
                m.keyBytes() / (double) m.keys());
    }

    private static List<AbusiveEdge> abusiveOnly(List<AbusiveEdge> edges) {
        List<AbusiveEdge> out = new ArrayList<>();
        for (AbusiveEdge e : edges) {
            if (e.abusive()) {
                out.add(e);
            }
        }
        return out;
    }

    private <S> Measurement measure(Detector<S> d, List<AbusiveEdge> edges, long lagMillis) throws Exception {
        Path checkpoints = Files.createTempDirectory("hw-bench-state-");
        try (KeyedOneInputStreamOperatorTestHarness<String, AbusiveEdge, Incident> harness =
                     new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(d.function().get()),
                             d.key(), Types.STRING)) {
            harness.setCheckpointStorage(new FileSystemCheckpointStorage(checkpoints.toUri()));
            harness.open();
            KeyedStateBackend<String> backend = harness.getOperator().getKeyedStateBackend();
            long maxTime = Long.MIN_VALUE;
            int n = 0;
            List<Incident> incidents = new ArrayList<>();
            List<EvidenceFeed> released = new ArrayList<>();
            for (AbusiveEdge e : edges) {
                harness.processElement(e, e.time());
                maxTime = Math.max(maxTime, e.time());
                if (++n % 1024 == 0) {
                    harness.processWatermark(maxTime - lagMillis);
                    drain(harness, incidents, released);
                }
            }
            harness.processWatermark(maxTime - lagMillis);
            drain(harness, incidents, released);
            OperatorSubtaskState snapshot = harness.snapshot(1L, 1L);
            long snapshotBytes = snapshot.getManagedKeyedState().getStateSize();

            ValueStateDescriptor<S> descriptor = new ValueStateDescriptor<>(d.stateName(),
                    TypeInformation.of(d.stateClass()));
            ValueState<S> state = backend.getPartitionedState(VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE,
                    descriptor);
            TypeSerializer<S> serializer = TypeInformation.of(d.stateClass()).createSerializer(new SerializerConfigImpl());
            List<String> keys = backend.getKeys(d.stateName(), VoidNamespace.INSTANCE).sorted(Comparator.naturalOrder())
                    .toList();
            DataOutputSerializer out = new DataOutputSerializer(4096);
            long valueBytes = 0;
            long withoutEvidence = 0;
            long keyBytes = 0;
            List<Object> live = new ArrayList<>(2 * keys.size());
            for (String key : keys) {
                backend.setCurrentKey(key);
                S value = state.value();
                live.add(key);
                live.add(value);
                valueBytes += serializedSize(serializer, value, out);
                S stripped = serializer.copy(value);
                d.dropEvidence().accept(stripped);
                withoutEvidence += serializedSize(serializer, stripped, out);
                out.clear();
                Types.STRING.createSerializer(new SerializerConfigImpl()).serialize(key, out);
                keyBytes += out.length();
            }
            Measurement m = new Measurement(d.label(), keys.size(), snapshotBytes, heapBytes(live), valueBytes,
                    valueBytes - withoutEvidence, keyBytes, incidents, released);
            log.printf(Locale.ROOT, "bench: state %-6s %,8d keys, checkpoint %,12d B = %,6.0f B/key, heap %,6.0f "
                            + "B/key, values %,6.0f B/key of which evidence %.0f%%%n", d.label(), m.keys(),
                    m.snapshotBytes(), m.snapshotPerKey(), m.heapPerKey(), valueBytes / (double) keys.size(),
                    100 * m.evidenceShare());
            return m;
        } finally {
            deleteRecursively(checkpoints);
        }
    }

    /** Moves what the detector emitted so far (incidents, released evidence references) out of the harness. */
    private static void drain(KeyedOneInputStreamOperatorTestHarness<String, AbusiveEdge, Incident> harness,
                              List<Incident> incidents, List<EvidenceFeed> released) {
        incidents.addAll(harness.extractOutputValues());
        harness.getOutput().clear();
        var side = harness.getSideOutput(EvidenceRefs.RELEASED);
        if (side != null) {
            side.forEach(r -> released.add(r.getValue()));
            side.clear();
        }
    }

    /** What was measured for the evidence store. */
    record StoreMeasurement(long messages, long snapshotBytes, long heapBytes, long valueBytes) {
        double snapshotPerMessage() {
            return snapshotBytes / (double) messages;
        }

        double heapPerMessage() {
            return heapBytes < 0 ? Double.NaN : heapBytes / (double) messages;
        }
    }

    /**
     * The evidence store at the same moment: every abusive message with its holds, the references the detectors gave
     * back and the incidents they emitted (which give back theirs) so far; what is left is what some detector still
     * refers to.
     */
    private StoreMeasurement measureStore(List<ScoredMessage> scored, List<Measurement> detectors) throws Exception {
        Path checkpoints = Files.createTempDirectory("hw-bench-state-store-");
        try (KeyedTwoInputStreamOperatorTestHarness<Integer, Incident, EvidenceFeed, ResolvedIncident> harness =
                     new KeyedTwoInputStreamOperatorTestHarness<>(new KeyedCoProcessOperator<>(new EvidenceStore()),
                             (KeySelector<Incident, Integer>) i -> 0, (KeySelector<EvidenceFeed, Integer>) f -> 0,
                             Types.INT)) {
            harness.setCheckpointStorage(new FileSystemCheckpointStorage(checkpoints.toUri()));
            harness.open();
            for (ScoredMessage s : scored) {
                if (EvidenceRefs.holdsOf(s) > 0) {
                    harness.processElement2(EvidenceFeed.held(s), s.message().createdAt());
                }
            }
            for (Measurement d : detectors) {
                for (EvidenceFeed f : d.released()) {
                    harness.processElement2(f, 0L);
                }
                for (Incident i : d.incidents()) {
                    harness.processElement1(i, i.detectedAt());
                    harness.getOutput().clear();
                }
            }
            long snapshotBytes = harness.snapshot(1L, 1L).getManagedKeyedState().getStateSize();
            KeyedStateBackend<Integer> backend = harness.getOperator().getKeyedStateBackend();
            backend.setCurrentKey(0);
            MapStateDescriptor<String, EvidenceStore.HeldMessage> descriptor = new MapStateDescriptor<>(
                    "held-messages", Types.STRING, TypeInformation.of(EvidenceStore.HeldMessage.class));
            MapState<String, EvidenceStore.HeldMessage> held = backend.getPartitionedState(VoidNamespace.INSTANCE,
                    VoidNamespaceSerializer.INSTANCE, descriptor);
            TypeSerializer<EvidenceStore.HeldMessage> serializer = TypeInformation.of(EvidenceStore.HeldMessage.class)
                    .createSerializer(new SerializerConfigImpl());
            DataOutputSerializer out = new DataOutputSerializer(4096);
            long messages = 0;
            long valueBytes = 0;
            List<Object> live = new ArrayList<>();
            for (Map.Entry<String, EvidenceStore.HeldMessage> e : held.entries()) {
                messages++;
                valueBytes += serializedSize(serializer, e.getValue(), out);
                live.add(e.getKey());
                live.add(e.getValue());
            }
            StoreMeasurement m = new StoreMeasurement(messages, snapshotBytes, heapBytes(live), valueBytes);
            log.printf(Locale.ROOT, "bench: state store  %,8d held messages, checkpoint %,12d B = %,6.0f B/message, "
                            + "heap %,6.0f B/message, values %,6.0f B/message%n", messages, snapshotBytes,
                    m.snapshotPerMessage(), m.heapPerMessage(), valueBytes / (double) messages);
            return m;
        } finally {
            deleteRecursively(checkpoints);
        }
    }

    private static <S> int serializedSize(TypeSerializer<S> serializer, S value, DataOutputSerializer out)
            throws IOException {
        out.clear();
        serializer.serialize(value, out);
        return out.length();
    }

    /** Bytes of the objects reachable from {@code live} (each counted once), or -1 when JOL cannot size them. */
    private long heapBytes(List<Object> live) {
        PrintStream stdout = System.out;
        // JOL prints its attach warnings to stdout on first use; keep the table clean.
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        try {
            return GraphLayout.parseInstance(live.toArray()).totalSize();
        } catch (UnsupportedOperationException | IllegalStateException e) {
            log.println("bench: state: heap size not measured (" + e.getMessage() + "); run the JVM with "
                    + "-Djdk.attach.allowAttachSelf=true");
            return -1;
        } finally {
            System.setOut(stdout);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
