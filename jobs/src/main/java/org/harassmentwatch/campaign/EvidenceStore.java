package org.harassmentwatch.campaign;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.harassmentwatch.detect.EvidenceFeed;
import org.harassmentwatch.detect.EvidenceRefs;
import org.harassmentwatch.detect.Incident;
import org.harassmentwatch.detect.ScoredMessage;
import org.harassmentwatch.ingest.MessageJson;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps each abusive message once, while a detector may still refer to it, and resolves the evidence references of
 * incidents into scored messages for the clustering.
 *
 * <p>Why this design (one store before the clustering, rather than an evidence vault after it, keyed by message id):
 * the clustering and everything downstream (campaign updates with their new evidence, evidence documents, alerts)
 * stay exactly as they were, in BATCH and STREAMING; only the detectors' state shrinks to references. The price is
 * that every abusive message still held by some detector lives on this single subtask (as the clustering's state
 * does), one copy instead of up to three per target spread over the detectors.
 *
 * <p>Retention is exact, by counting holds rather than by time: a message arrives with the number of holds the
 * detectors will take on it ({@link EvidenceRefs#holdsOf}); each hold comes back once, as a reference in an incident
 * (given back when the incident is resolved here) or as a release of a reference dropped unreported. The message
 * leaves state when its count reaches zero: nothing can refer to it any more, however long a pair stays active.
 * Counts may go negative for a while (a release can overtake its message: they travel different paths).
 *
 * <p>Ordering: an incident whose messages have not all arrived waits here until they do. A message on time (not
 * late at the source) arrives before this operator's watermark passes its event time, and an incident's messages
 * are no newer than the incident's detection time unless the incident itself is late; so an incident on time still
 * reaches the clustering before the watermark passes it, and the clustering sees what it saw before this store
 * existed. A redelivered copy of a message (after the dedup retention) while the first copy is still held resolves to
 * the first copy.
 */
public class EvidenceStore extends KeyedCoProcessFunction<Integer, Incident, EvidenceFeed, ResolvedIncident> {

    private transient MapState<String, HeldMessage> held;
    private transient MapState<Long, WaitingIncident> waiting;
    private transient ValueState<Long> nextWaitingId;

    @Override
    public void open(OpenContext openContext) {
        held = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("held-messages", Types.STRING, TypeInformation.of(HeldMessage.class)));
        waiting = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("waiting-incidents", Types.LONG, TypeInformation.of(WaitingIncident.class)));
        nextWaitingId = getRuntimeContext().getState(new ValueStateDescriptor<>("next-waiting-id", Types.LONG));
    }

    @Override
    public void processElement1(Incident incident, Context ctx, Collector<ResolvedIncident> out) throws Exception {
        List<String> missing = new ArrayList<>();
        for (String ref : refCounts(incident.evidence()).keySet()) {
            HeldMessage h = held.get(ref);
            if (h == null || h.message == null) {
                missing.add(ref);
            }
        }
        if (missing.isEmpty()) {
            resolve(incident, out);
            return;
        }
        Long id = nextWaitingId.value();
        id = id == null ? 0L : id;
        nextWaitingId.update(id + 1);
        WaitingIncident w = new WaitingIncident();
        w.incident = incident;
        w.missing = missing.size();
        waiting.put(id, w);
        for (String ref : missing) {
            HeldMessage h = held.get(ref);
            if (h == null) {
                h = new HeldMessage();
            }
            h.waiting.add(id);
            held.put(ref, h);
        }
    }

    @Override
    public void processElement2(EvidenceFeed feed, Context ctx, Collector<ResolvedIncident> out) throws Exception {
        if (feed.message() == null) {
            for (Map.Entry<String, Integer> e : refCounts(feed.released()).entrySet()) {
                giveBack(e.getKey(), e.getValue());
            }
            return;
        }
        String ref = EvidenceRefs.of(feed.message());
        HeldMessage h = held.get(ref);
        if (h == null) {
            h = new HeldMessage();
        }
        if (h.message == null) {
            h.message = feed.message();
        }
        h.holds += feed.holds();
        List<Long> woken = h.waiting;
        h.waiting = new ArrayList<>();
        store(ref, h);
        for (Long id : woken) {
            WaitingIncident w = waiting.get(id);
            if (--w.missing == 0) {
                waiting.remove(id);
                if (waiting.isEmpty()) {
                    nextWaitingId.clear(); // nothing waits: ids may start over, and no state is left behind
                }
                resolve(w.incident, out);
            } else {
                waiting.put(id, w);
            }
        }
    }

    /** Emits the incident with its messages and gives back the holds its references stood for. */
    private void resolve(Incident incident, Collector<ResolvedIncident> out) throws Exception {
        Map<String, Integer> counts = refCounts(incident.evidence());
        Map<String, ScoredMessage> messages = new LinkedHashMap<>();
        for (String ref : counts.keySet()) {
            HeldMessage h = held.get(ref);
            if (h == null || h.message == null) {
                // Only a detector giving back more holds than the message took could get here (see EvidenceRefs).
                throw new IllegalStateException("evidence " + ref.replace('\u0001', '/') + " of incident "
                        + incident.key() + " is no longer held: the detectors' holds are out of balance");
            }
            // Sealed on each report, not kept sealed: the seal would grow every held message that was reported once
            // and may be again, and a message is reported at most once per detector and target.
            messages.put(ref, sealed(h.message));
        }
        List<ScoredMessage> evidence = new ArrayList<>(incident.evidence().size());
        for (String ref : incident.evidence()) {
            evidence.add(messages.get(ref));
        }
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            giveBack(e.getKey(), e.getValue());
        }
        out.collect(new ResolvedIncident(incident, evidence));
    }

    private void giveBack(String ref, int holds) throws Exception {
        HeldMessage h = held.get(ref);
        if (h == null) {
            h = new HeldMessage();
        }
        h.holds -= holds;
        store(ref, h);
    }

    /** Writes the entry back, or removes it when nothing holds it and no incident waits for it. */
    private void store(String ref, HeldMessage h) throws Exception {
        if (h.holds == 0 && h.waiting.isEmpty()) {
            held.remove(ref);
        } else {
            held.put(ref, h);
        }
    }

    /**
     * The message with its record SHA-256. Scoring does not seal (most held messages are never reported, and the seal
     * is 64 hex characters, about an eighth of a held message); the store seals a message when it is first reported.
     */
    private static ScoredMessage sealed(ScoredMessage s) {
        return new ScoredMessage(s.message(), s.scores(), MessageJson.sha256Hex(s.message()), s.categoryMask(),
                s.threat(), s.abusive());
    }

    private static Map<String, Integer> refCounts(List<String> refs) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String ref : refs) {
            counts.merge(ref, 1, Integer::sum);
        }
        return counts;
    }

    /** One message and the holds still outstanding on it (negative while releases overtook the message). */
    public static final class HeldMessage {
        /** Null until the message arrives; kept without its record SHA-256 (see {@link #sealed}). */
        public ScoredMessage message;
        public int holds;
        /** Incidents waiting for this message to arrive. */
        public List<Long> waiting = new ArrayList<>();

        public HeldMessage() {
        }
    }

    /** An incident waiting for some of its messages. */
    public static final class WaitingIncident {
        public Incident incident;
        /** Distinct references still missing. */
        public int missing;

        public WaitingIncident() {
        }
    }
}
