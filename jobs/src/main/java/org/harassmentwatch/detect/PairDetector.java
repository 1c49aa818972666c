package org.harassmentwatch.detect;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.util.Collector;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Persistent one-to-one harassment, keyed by the unordered pair of accounts so that both directions are visible:
 * abuse on ≥ N separate occasions within the course-of-conduct window raises a pair incident, unless the other
 * side talks rough back on at least the configured share of occasions (mutual banter or a feud: not one-sided
 * harassment). Rough messages (below the abusive threshold) reach this detector only for that check. A message at or above the
 * threat threshold raises a high-severity incident at once.
 */
public class PairDetector extends EventTimeOrderedFunction<String, AbusiveEdge, Incident> {

    private static final long CLEANUP_GRANULARITY = 3_600_000L;

    private final DetectionConfig config;
    private transient ValueState<PairState> state;

    public PairDetector(DetectionConfig config) {
        super(TypeInformation.of(AbusiveEdge.class), EdgeOrder.INSTANCE);
        this.config = config;
    }

    /** Key of the unordered pair: both directions meet in one state. */
    public static String pairKey(AbusiveEdge edge) {
        String a = edge.senderId();
        String b = edge.targetId();
        return a.compareTo(b) <= 0 ? a + '\u0001' + b : b + '\u0001' + a;
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        super.open(openContext);
        state = getRuntimeContext().getState(new ValueStateDescriptor<>("pair", TypeInformation.of(PairState.class)));
    }

    @Override
    protected long timestampOf(AbusiveEdge edge) {
        return edge.time();
    }

    @Override
    protected void onEvent(AbusiveEdge edge, Context ctx, Collector<Incident> out) throws Exception {
        PairState s = state.value();
        if (s == null) {
            s = new PairState();
        }
        boolean lowToHigh = edge.senderId().compareTo(edge.targetId()) < 0;
        Direction dir = lowToHigh ? s.lowToHigh : s.highToLow;
        Direction rev = lowToHigh ? s.highToLow : s.lowToHigh;
        long t = edge.time();
        long window = config.courseOfConductWindow().toMillis();
        dir.occasions.expireBefore(t - window);
        rev.occasions.expireBefore(t - window);
        dir.rough.expireBefore(t - window);
        rev.rough.expireBefore(t - window);
        dir.rough.add(t, config.occasionGap().toMillis());
        s.lastTime = Math.max(s.lastTime, t);
        if (!edge.abusive()) {
            // Rough talk only feeds the banter check of the other direction.
            state.update(s);
            ctx.timerService().registerEventTimeTimer(cleanupSlot(s.lastTime + window, CLEANUP_GRANULARITY));
            return;
        }
        if (dir.occasions.isEmpty()) {
            dir.threats = 0;
        }
        dir.occasions.add(t, config.occasionGap().toMillis());
        if (edge.threat()) {
            dir.threats++;
        }
        String ref = edge.evidenceRef();
        if (dir.unreported.size() < config.evidencePerKeyCap()) {
            dir.unreported.add(ref);
        } else {
            EvidenceRefs.release(List.of(ref), ctx);
        }

        int occasions = dir.occasions.size();
        int reverse = rev.rough.size();
        // Mutual when the other side abuses back on at least the configured share of occasions (banter, a feud).
        // A victim's single angry reply delays the incident by one occasion but cannot mask a continuing course.
        boolean mutual = reverse >= 1 && reverse >= config.mutualReverseShare() * occasions;
        boolean courseOfConduct = occasions >= config.pairMinOccasions() && !mutual;
        boolean threat = dir.threats > 0;
        if (courseOfConduct || threat) {
            out.collect(new Incident(
                    IncidentKind.PERSISTENT_PAIR.id(),
                    "pair:" + edge.senderId() + ">" + edge.targetId(),
                    courseOfConduct ? "course_of_conduct" : "threat",
                    true,
                    t,
                    dir.occasions.first(),
                    dir.occasions.last(),
                    List.of(edge.senderId()),
                    List.of(edge.targetId()),
                    dir.occasions.messages(),
                    occasions,
                    dir.threats,
                    1,
                    0.0, 0.0, edge.newAccount() ? 1.0 : 0.0,
                    List.of(), List.of(),
                    List.copyOf(dir.unreported)));
            dir.unreported.clear();
        }
        state.update(s);
        ctx.timerService().registerEventTimeTimer(cleanupSlot(s.lastTime + window, CLEANUP_GRANULARITY));
    }

    @Override
    protected void onTime(long time, OnTimerContext ctx, Collector<Incident> out) throws Exception {
        PairState s = state.value();
        if (s == null) {
            return;
        }
        long cutoff = time - config.courseOfConductWindow().toMillis();
        if (s.lastTime <= cutoff) {
            EvidenceRefs.release(s.lowToHigh.unreported, ctx);
            EvidenceRefs.release(s.highToLow.unreported, ctx);
            state.clear();
            return;
        }
        s.lowToHigh.occasions.expireBefore(cutoff);
        s.highToLow.occasions.expireBefore(cutoff);
        s.lowToHigh.rough.expireBefore(cutoff);
        s.highToLow.rough.expireBefore(cutoff);
        state.update(s);
    }

    /** Everything kept about one unordered pair. */
    public static final class PairState {
        public Direction lowToHigh = new Direction();
        public Direction highToLow = new Direction();
        public long lastTime = Long.MIN_VALUE;

        public PairState() {
        }
    }

    /**
     * One direction of a pair: its abusive occasions, its rough-or-abusive occasions, and references to the abusive
     * messages not yet reported (see {@link EvidenceRefs}; the messages themselves are kept once, by the evidence store).
     */
    public static final class Direction {
        public Occasions occasions = new Occasions();
        public Occasions rough = new Occasions();
        public int threats;
        public List<String> unreported = new ArrayList<>();

        public Direction() {
        }
    }

    /** Total order of edges with equal timestamps: by message id, then target. */
    enum EdgeOrder implements Comparator<AbusiveEdge> {
        INSTANCE;

        @Override
        public int compare(AbusiveEdge a, AbusiveEdge b) {
            int c = a.messageId().compareTo(b.messageId());
            return c != 0 ? c : a.targetId().compareTo(b.targetId());
        }
    }
}
