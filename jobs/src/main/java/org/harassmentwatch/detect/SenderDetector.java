package org.harassmentwatch.detect;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.util.Collector;

import java.util.ArrayList;
import java.util.List;

/**
 * One sender → many targets (a spree). PHA 1997 s7(3)(b): conduct on one occasion against each of two or more
 * persons is already a course of conduct, so 2..N-1 distinct targets within the window raise a low-tier spree and
 * ≥ N (default 5) a full spree. Keeps one entry per distinct target.
 */
public class SenderDetector extends EventTimeOrderedFunction<String, AbusiveEdge, Incident> {

    private static final long CLEANUP_GRANULARITY = 3_600_000L;

    private final DetectionConfig config;
    private transient ValueState<SenderState> state;

    public SenderDetector(DetectionConfig config) {
        super(TypeInformation.of(AbusiveEdge.class), PairDetector.EdgeOrder.INSTANCE);
        this.config = config;
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        super.open(openContext);
        state = getRuntimeContext().getState(new ValueStateDescriptor<>("sender", TypeInformation.of(SenderState.class)));
    }

    @Override
    protected long timestampOf(AbusiveEdge edge) {
        return edge.time();
    }

    @Override
    protected void onEvent(AbusiveEdge edge, Context ctx, Collector<Incident> out) throws Exception {
        SenderState s = state.value();
        long t = edge.time();
        long window = config.spreeWindow().toMillis();
        if (s != null) {
            s.expireBefore(t - window);
            if (s.targets.isEmpty()) {
                EvidenceRefs.release(s.unreported, ctx);
                s = null; // quiet for a whole window: a new episode
            }
        }
        if (s == null) {
            s = new SenderState();
            s.firstSeen = t;
        }
        int i = s.targets.indexOf(edge.targetId());
        if (i < 0) {
            int at = 0;
            while (at < s.targets.size() && s.targets.get(at).compareTo(edge.targetId()) < 0) {
                at++;
            }
            s.targets.add(at, edge.targetId());
            s.lastAt.add(at, t);
        } else {
            s.lastAt.set(i, Math.max(s.lastAt.get(i), t));
        }
        s.messages++;
        if (edge.threat()) {
            s.threats++;
        }
        s.lastSeen = Math.max(s.lastSeen, t);
        s.firstSeen = Math.min(s.firstSeen, t);
        String ref = edge.evidenceRef();
        if (s.unreported.size() < config.evidencePerKeyCap()) {
            s.unreported.add(ref);
        } else {
            EvidenceRefs.release(List.of(ref), ctx);
        }
        int distinct = s.targets.size();
        if (distinct >= config.spreeLowTierTargets()) {
            boolean full = distinct >= config.spreeTargets();
            out.collect(new Incident(
                    IncidentKind.SPREE.id(),
                    "sender:" + edge.senderId(),
                    full ? "spree" : "spree_low",
                    true,
                    t,
                    s.firstSeen,
                    s.lastSeen,
                    List.of(edge.senderId()),
                    List.copyOf(s.targets),
                    s.messages,
                    0,
                    s.threats,
                    1,
                    0.0, 0.0, edge.newAccount() ? 1.0 : 0.0,
                    List.of(), List.of(),
                    List.copyOf(s.unreported)));
            s.unreported.clear();
        }
        state.update(s);
        ctx.timerService().registerEventTimeTimer(cleanupSlot(s.lastSeen + window, CLEANUP_GRANULARITY));
    }

    @Override
    protected void onTime(long time, OnTimerContext ctx, Collector<Incident> out) throws Exception {
        SenderState s = state.value();
        if (s != null && s.lastSeen <= time - config.spreeWindow().toMillis()) {
            EvidenceRefs.release(s.unreported, ctx);
            state.clear();
        }
    }

    /** Distinct targets of one sender within the window, sorted, with when each was last abused. */
    public static final class SenderState {
        public List<String> targets = new ArrayList<>();
        public List<Long> lastAt = new ArrayList<>();
        /** References to abusive messages not yet reported, one per edge (see {@link EvidenceRefs}). */
        public List<String> unreported = new ArrayList<>();
        public long firstSeen = Long.MAX_VALUE;
        public long lastSeen = Long.MIN_VALUE;
        public int messages;
        public int threats;

        public SenderState() {
        }

        void expireBefore(long cutoff) {
            for (int i = targets.size() - 1; i >= 0; i--) {
                if (lastAt.get(i) < cutoff) {
                    targets.remove(i);
                    lastAt.remove(i);
                }
            }
        }
    }
}
