package org.harassmentwatch.detect;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.util.Collector;
import org.harassmentwatch.scoring.MinHasher;

import java.util.ArrayList;
import java.util.List;

/**
 * Many senders → one target. Keeps one compact entry per distinct abusive sender of the target (no copy per
 * window): a pile-on is raised on the message that makes ≥ N distinct senders within the short window (or ≥ M
 * within the long one) and updated as it grows; a smaller group (≥ 3 senders within the group window) raises a
 * non-reportable target-group incident that lets the clustering link coordinated campaigns across targets.
 * Coordination signals (near-duplicate texts, onset synchrony, new accounts, shared hashtags/URLs) are kept
 * incrementally.
 */
public class TargetDetector extends EventTimeOrderedFunction<String, AbusiveEdge, Incident> {

    private static final long CLEANUP_GRANULARITY = 3_600_000L;

    private final DetectionConfig config;
    private transient ValueState<TargetState> state;

    public TargetDetector(DetectionConfig config) {
        super(TypeInformation.of(AbusiveEdge.class), PairDetector.EdgeOrder.INSTANCE);
        this.config = config;
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        super.open(openContext);
        state = getRuntimeContext().getState(new ValueStateDescriptor<>("target", TypeInformation.of(TargetState.class)));
    }

    @Override
    protected long timestampOf(AbusiveEdge edge) {
        return edge.time();
    }

    @Override
    protected void onEvent(AbusiveEdge edge, Context ctx, Collector<Incident> out) throws Exception {
        TargetState s = state.value();
        if (s == null) {
            s = new TargetState();
        }
        long t = edge.time();
        long retention = config.targetRetention().toMillis();
        s.expireBefore(t - retention);
        if (s.entries.isEmpty()) {
            EvidenceRefs.release(s.unreported, ctx);
            s = new TargetState(); // everyone went quiet for a whole retention: a new episode starts
        }

        SenderEntry entry = s.find(edge.senderId());
        boolean newSender = entry == null;
        if (newSender) {
            entry = new SenderEntry();
            entry.sender = edge.senderId();
            entry.firstAt = t;
            entry.lastAt = t;
            entry.newAccount = edge.newAccount();
            entry.hashtags = String.join(" ", edge.hashtags());
            entry.urls = String.join(" ", edge.urls());
            if (s.signed < config.evidencePerKeyCap() && edge.minHash() != null && edge.minHash().length > 0) {
                entry.minHash = edge.minHash();
                s.signed++;
                for (SenderEntry other : s.entries) {
                    if (other.minHash != null
                            && MinHasher.estimateJaccard(other.minHash, entry.minHash) >= config.nearDuplicateJaccard()) {
                        other.nearDuplicate = true;
                        entry.nearDuplicate = true;
                    }
                }
            }
            s.insertSorted(entry);
        } else {
            entry.firstAt = Math.min(entry.firstAt, t);
            entry.lastAt = Math.max(entry.lastAt, t);
        }
        entry.messages++;
        if (edge.threat()) {
            s.threats++;
        }
        s.messages++;
        if (s.firstSeen == Long.MIN_VALUE || t < s.firstSeen) {
            s.firstSeen = t;
        }
        s.lastSeen = Math.max(s.lastSeen, t);
        String ref = edge.evidenceRef();
        if (s.unreported.size() < config.evidencePerKeyCap()) {
            s.unreported.add(ref);
        } else {
            EvidenceRefs.release(List.of(ref), ctx);
        }

        int shortCount = s.countActiveSince(t - config.pileOnShortWindow().toMillis());
        int longCount = s.countActiveSince(t - config.pileOnLongWindow().toMillis());
        int groupCount = s.countActiveSince(t - config.targetGroupWindow().toMillis());
        s.peakShort = Math.max(s.peakShort, shortCount);
        if (shortCount >= config.pileOnShortSenders() || longCount >= config.pileOnLongSenders()) {
            s.pileOn = true;
        }
        boolean emit = s.pileOn || (groupCount >= config.targetGroupMinSenders() && (newSender || s.emitted));
        if (emit) {
            out.collect(incident(s, edge.targetId(), t));
            s.emitted = true;
            s.unreported.clear();
        }
        state.update(s);
        ctx.timerService().registerEventTimeTimer(cleanupSlot(s.lastSeen + retention, CLEANUP_GRANULARITY));
    }

    private Incident incident(TargetState s, String target, long t) {
        List<String> senders = new ArrayList<>(s.entries.size());
        int newAccounts = 0;
        int nearDup = 0;
        long[] firsts = new long[s.entries.size()];
        int i = 0;
        for (SenderEntry e : s.entries) {
            senders.add(e.sender);
            if (e.newAccount) {
                newAccounts++;
            }
            if (e.nearDuplicate) {
                nearDup++;
            }
            firsts[i++] = e.firstAt;
        }
        int n = senders.size();
        int signed = Math.max(1, s.signed);
        return new Incident(
                s.pileOn ? IncidentKind.PILE_ON.id() : IncidentKind.TARGET_GROUP.id(),
                "target:" + target,
                s.pileOn ? "pile_on" : "target_group",
                s.pileOn,
                t,
                s.firstSeen,
                s.lastSeen,
                senders,
                List.of(target),
                s.messages,
                0,
                s.threats,
                s.peakShort,
                Math.min(1.0, nearDup / (double) signed),
                CoordinationSignals.onsetSynchrony(firsts, config.synchronyWindow().toMillis()),
                n == 0 ? 0.0 : newAccounts / (double) n,
                CoordinationSignals.sharedTerms(s.entries, true),
                CoordinationSignals.sharedTerms(s.entries, false),
                List.copyOf(s.unreported));
    }

    @Override
    protected void onTime(long time, OnTimerContext ctx, Collector<Incident> out) throws Exception {
        TargetState s = state.value();
        if (s == null) {
            return;
        }
        long cutoff = time - config.targetRetention().toMillis();
        if (s.lastSeen <= cutoff) {
            EvidenceRefs.release(s.unreported, ctx);
            state.clear();
        }
    }

    /** Everything kept about one target: one entry per distinct abusive sender, sorted by sender id. */
    public static final class TargetState {
        public List<SenderEntry> entries = new ArrayList<>();
        /** References to abusive messages not yet reported (see {@link EvidenceRefs}). */
        public List<String> unreported = new ArrayList<>();
        public long firstSeen = Long.MIN_VALUE;
        public long lastSeen = Long.MIN_VALUE;
        public int messages;
        public int threats;
        public int signed;
        public int peakShort;
        public boolean pileOn;
        public boolean emitted;

        public TargetState() {
        }

        SenderEntry find(String sender) {
            int i = indexOf(sender);
            return i >= 0 ? entries.get(i) : null;
        }

        void insertSorted(SenderEntry e) {
            int i = indexOf(e.sender);
            entries.add(-i - 1, e);
        }

        private int indexOf(String sender) {
            int lo = 0;
            int hi = entries.size() - 1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                int c = entries.get(mid).sender.compareTo(sender);
                if (c < 0) {
                    lo = mid + 1;
                } else if (c > 0) {
                    hi = mid - 1;
                } else {
                    return mid;
                }
            }
            return -(lo + 1);
        }

        int countActiveSince(long since) {
            int n = 0;
            for (SenderEntry e : entries) {
                if (e.lastAt >= since) {
                    n++;
                }
            }
            return n;
        }

        void expireBefore(long cutoff) {
            boolean removed = entries.removeIf(e -> e.lastAt < cutoff);
            if (removed) {
                signed = 0;
                for (SenderEntry e : entries) {
                    if (e.minHash != null) {
                        signed++;
                    }
                }
            }
        }
    }

    /** One distinct abusive sender of a target. */
    public static final class SenderEntry {
        public String sender;
        public long firstAt;
        public long lastAt;
        public int messages;
        public boolean newAccount;
        public boolean nearDuplicate;
        public int[] minHash;
        public String hashtags;
        public String urls;

        public SenderEntry() {
        }
    }
}
