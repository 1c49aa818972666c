package org.harassmentwatch.campaign;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.util.Collector;
import org.harassmentwatch.detect.DetectionConfig;
import org.harassmentwatch.detect.EventTimeOrderedFunction;
import org.harassmentwatch.detect.Incident;
import org.harassmentwatch.detect.IncidentKind;
import org.harassmentwatch.detect.ScoredMessage;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Clusters incidents into campaigns with stable ids, in event-time order (so the result is the same at any
 * parallelism and on a rerun). Rules, applied to each incident and then repeated on the grown campaign:
 * <ul>
 *   <li>an incident joins the campaign that already holds its key;</li>
 *   <li>target-anchored incidents (persistent pair, pile-on, target group) join a live campaign anchored on the
 *       same target;</li>
 *   <li>groups of senders join when they share ≥ K senders (default 3) AND Jaccard ≥ J (default 0.3) with a
 *       campaign's senders — both, so that one shared account cannot chain campaigns into a giant component;</li>
 *   <li>one sender's pair and spree incidents join a campaign that holds that sender and the targets involved (all
 *       of them for one or two targets, at least two otherwise: a member of a coordinated group abusing several of
 *       the group's targets); a spree absorbs the same sender's pair campaigns against its targets.</li>
 * </ul>
 * Merges keep the oldest campaign's id and record the others in {@code merged_from}; each absorbed, already
 * published campaign gets a last version with status "merged" and {@code merged_into}.
 */
public class CampaignClusterer extends EventTimeOrderedFunction<Integer, ResolvedIncident, CampaignUpdate> {

    private static final int MAX_MERGE_ROUNDS = 8;
    private static final long TRANSITION_BUCKET_MILLIS = 3_600_000L;

    private final DetectionConfig config;
    private final String lexiconVersion;
    private transient MapState<String, CampaignState> campaigns;
    private transient MapState<String, List<String>> anchoredByTarget;
    private transient MapState<String, List<String>> bySender;
    private transient MapState<String, String> byIncidentKey;
    /** Pending status transitions ("time|campaign id") by hour bucket; applied as incidents move time forward. */
    private transient MapState<Long, List<String>> transitions;
    /**
     * The entries of {@link #transitions} not yet applied: a set, so that scheduling does not scan the bucket's list
     * (in live traffic one hour's bucket holds every incident of that hour).
     */
    private transient MapState<String, Boolean> pendingTransitions;
    /** The first bucket that may hold a pending transition. */
    private transient ValueState<Long> nextTransition;
    private transient CampaignDocuments documents;
    /**
     * Campaigns read or created while handling one incident. State backends such as RocksDB hand out copies, so
     * every read during an incident must see the same (possibly already changed) object, and changes are written
     * back once at the end.
     */
    private transient Map<String, CampaignState> working;

    public CampaignClusterer(DetectionConfig config, String lexiconVersion) {
        super(TypeInformation.of(ResolvedIncident.class), IncidentOrder.INSTANCE);
        this.config = config;
        this.lexiconVersion = lexiconVersion;
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        super.open(openContext);
        campaigns = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("campaigns", Types.STRING, TypeInformation.of(CampaignState.class)));
        anchoredByTarget = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("anchored-by-target", Types.STRING, Types.LIST(Types.STRING)));
        bySender = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("by-sender", Types.STRING, Types.LIST(Types.STRING)));
        byIncidentKey = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("by-incident-key", Types.STRING, Types.STRING));
        transitions = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("transitions", Types.LONG, Types.LIST(Types.STRING)));
        pendingTransitions = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("pending-transitions", Types.STRING, Types.BOOLEAN));
        nextTransition = getRuntimeContext().getState(new ValueStateDescriptor<>("next-transition", Types.LONG));
        documents = new CampaignDocuments(config, lexiconVersion);
        working = new java.util.HashMap<>();
    }

    @Override
    protected long timestampOf(ResolvedIncident resolved) {
        return resolved.incident().detectedAt();
    }

    @Override
    protected void onEvent(ResolvedIncident resolved, Context ctx, Collector<CampaignUpdate> out) throws Exception {
        Incident incident = resolved.incident();
        applyTransitionsUpTo(incident.detectedAt(), out);
        working.clear();
        TreeSet<String> candidates = new TreeSet<>();
        String known = byIncidentKey.get(incident.key());
        if (known != null && load(known) != null) {
            candidates.add(known);
        }
        boolean anchored = !IncidentKind.SPREE.id().equals(incident.kind());
        // Target-anchored incidents join a live campaign on the same target.
        if (anchored) {
            for (String target : incident.targets()) {
                addAll(candidates, anchoredByTarget.get(target));
            }
        }
        candidates.addAll(overlappingGroups(incident.senders(), null));
        if (incident.senders().size() == 1) {
            String sender = incident.senders().get(0);
            // The same sender against the same people: one campaign (a spree's repeated pairs, a group member's spree).
            candidates.addAll(campaignsHoldingSatellite(sender, incident.targets(), null));
            candidates.addAll(satellitesOf(sender, incident.targets(), null));
        }

        List<CampaignState> merged = new ArrayList<>();
        List<ScoredMessage> newEvidence = new ArrayList<>();
        CampaignState campaign;
        if (candidates.isEmpty()) {
            campaign = newCampaign(incident);
        } else {
            campaign = oldest(candidates);
            for (String id : candidates) {
                if (!id.equals(campaign.id)) {
                    merged.add(absorb(campaign, load(id), newEvidence));
                }
            }
        }
        apply(campaign, incident, resolved.evidence(), newEvidence);
        index(campaign);

        for (int round = 0; round < MAX_MERGE_ROUNDS; round++) {
            TreeSet<String> more = new TreeSet<>(overlappingGroups(new ArrayList<>(campaign.senders), campaign.id));
            more.addAll(satellitesHeldBy(campaign));
            if (isSatellite(campaign)) {
                more.addAll(campaignsHoldingSatellite(campaign.senders.iterator().next(),
                        new ArrayList<>(campaign.targets), campaign.id));
            }
            more.remove(campaign.id);
            if (more.isEmpty()) {
                break;
            }
            more.add(campaign.id);
            CampaignState survivor = oldest(more);
            for (String id : more) {
                if (!id.equals(survivor.id)) {
                    CampaignState other = load(id);
                    merged.add(absorb(survivor, other, newEvidence));
                }
            }
            campaign = survivor;
            index(campaign);
        }
        campaign.updatedAt = Math.max(campaign.updatedAt, incident.detectedAt());
        campaign.status = "active";
        campaigns.put(campaign.id, campaign);
        publish(campaign, newEvidence, out);
        for (CampaignState gone : merged) {
            if (gone.published) {
                gone.status = "merged";
                gone.version++;
                gone.updatedAt = campaign.updatedAt;
                out.collect(new CampaignUpdate(documents.build(gone, campaign.id), List.of(), false,
                        gone.publishedTier, gone.publishedSenders));
            }
        }
        schedule(campaign.lastSeen + config.campaignDormantAfter().toMillis(), campaign.id);
        schedule(campaign.lastSeen + config.campaignClosedAfter().toMillis(), campaign.id);
    }

    /**
     * Dormant and closed transitions, driven by the event time of incidents rather than by timers: so a BATCH run
     * and a streaming run give the same campaigns, and the end of a bounded input does not close everything as if
     * infinite time had passed. Closed campaigns leave state.
     */
    private void applyTransitionsUpTo(long time, Collector<CampaignUpdate> out) throws Exception {
        Long next = nextTransition.value();
        long nowBucket = Math.floorDiv(time, TRANSITION_BUCKET_MILLIS);
        if (next == null || next > nowBucket) {
            return;
        }
        // Buckets of one hour: each is looked at once as event time passes it, so the cost per incident stays flat
        // however many campaigns wait for a transition.
        long nextNonEmpty = Long.MAX_VALUE;
        for (long bucket = next; bucket <= nowBucket; bucket++) {
            List<String> entries = transitions.get(bucket);
            if (entries == null) {
                continue;
            }
            List<String> due = new ArrayList<>();
            List<String> later = new ArrayList<>();
            for (String entry : entries) {
                (transitionTime(entry) <= time ? due : later).add(entry);
            }
            due.sort(Comparator.comparingLong(CampaignClusterer::transitionTime).thenComparing(Comparator.naturalOrder()));
            for (String entry : due) {
                pendingTransitions.remove(entry);
                transition(entry.substring(entry.indexOf('|') + 1), transitionTime(entry), out);
            }
            if (later.isEmpty()) {
                transitions.remove(bucket);
            } else {
                transitions.put(bucket, later);
                nextNonEmpty = Math.min(nextNonEmpty, bucket);
            }
        }
        nextTransition.update(nextNonEmpty != Long.MAX_VALUE ? nextNonEmpty : nowBucket + 1);
    }

    private void transition(String id, long at, Collector<CampaignUpdate> out) throws Exception {
        CampaignState c = campaigns.get(id);
        if (c == null) {
            return; // merged away or already closed
        }
        boolean closed = c.lastSeen + config.campaignClosedAfter().toMillis() <= at;
        boolean dormant = c.lastSeen + config.campaignDormantAfter().toMillis() <= at;
        if (!dormant) {
            return; // new abuse came since this was scheduled
        }
        String status = closed ? "closed" : "dormant";
        if (!status.equals(c.status)) {
            c.status = status;
            c.updatedAt = at;
            if (c.published) {
                c.version++;
                out.collect(new CampaignUpdate(documents.build(c, null), List.of(), false, c.publishedTier,
                        c.publishedSenders));
            }
        }
        if (closed) {
            unindex(c);
            campaigns.remove(id);
        } else {
            campaigns.put(id, c);
        }
    }

    private static long transitionTime(String entry) {
        return Long.parseLong(entry.substring(0, entry.indexOf('|')));
    }

    private void schedule(long at, String id) throws Exception {
        long bucket = Math.floorDiv(at, TRANSITION_BUCKET_MILLIS);
        String entry = at + "|" + id;
        if (pendingTransitions.contains(entry)) {
            return; // already waiting (an incident that did not move lastSeen)
        }
        pendingTransitions.put(entry, Boolean.TRUE);
        List<String> entries = transitions.get(bucket);
        if (entries == null) {
            entries = new ArrayList<>(1);
        }
        entries.add(entry);
        transitions.put(bucket, entries);
        Long next = nextTransition.value();
        if (next == null || bucket < next) {
            nextTransition.update(bucket);
        }
    }

    private CampaignState newCampaign(Incident incident) {
        CampaignState c = new CampaignState();
        c.id = CampaignIds.idFor(incident);
        c.createdAt = incident.detectedAt();
        c.firstDetectedAt = incident.detectedAt();
        working.put(c.id, c);
        return c;
    }

    /** The campaign with this id as this incident sees it (see {@link #working}), or null. */
    private CampaignState load(String id) throws Exception {
        CampaignState c = working.get(id);
        if (c == null) {
            c = campaigns.get(id);
            if (c != null) {
                working.put(id, c);
            }
        }
        return c;
    }

    private void apply(CampaignState c, Incident incident, List<ScoredMessage> evidence, List<ScoredMessage> newEvidence) {
        CampaignState.IncidentSnap snap = new CampaignState.IncidentSnap();
        snap.kind = incident.kind();
        snap.tier = incident.tier();
        snap.reportable = incident.reportable();
        snap.detectedAt = incident.detectedAt();
        snap.firstSeen = incident.firstSeen();
        snap.lastSeen = incident.lastSeen();
        snap.senders = incident.senders().size();
        snap.targets = incident.targets().size();
        snap.sender = incident.senders().size() == 1 ? incident.senders().get(0) : null;
        snap.target = incident.targets().size() == 1 ? incident.targets().get(0) : null;
        snap.messages = incident.messageCount();
        snap.occasions = incident.occasions();
        snap.threats = incident.threatMessages();
        c.incidents.put(incident.key(), snap);
        c.senders.addAll(incident.senders());
        c.targets.addAll(incident.targets());
        if (!IncidentKind.SPREE.id().equals(incident.kind())) {
            c.anchoredTargets.addAll(incident.targets());
        }
        if (IncidentKind.PILE_ON.id().equals(incident.kind()) || IncidentKind.TARGET_GROUP.id().equals(incident.kind())) {
            c.groupTargets.addAll(incident.targets());
            // The group incident's view is cumulative: keep the strongest signal seen across targets.
            c.nearDuplicateShare = Math.max(c.nearDuplicateShare, incident.nearDuplicateShare());
            c.onsetSynchrony = Math.max(c.onsetSynchrony, incident.onsetSynchrony());
            c.newAccountShare = Math.max(c.newAccountShare, incident.newAccountShare());
            c.sharedHashtags = union(c.sharedHashtags, incident.sharedHashtags());
            c.sharedUrls = union(c.sharedUrls, incident.sharedUrls());
        }
        c.firstSeen = Math.min(c.firstSeen, incident.firstSeen());
        c.lastSeen = Math.max(c.lastSeen, incident.lastSeen());
        for (ScoredMessage m : evidence) {
            addEvidence(c, m, newEvidence);
        }
    }

    private void addEvidence(CampaignState c, ScoredMessage m, List<ScoredMessage> newEvidence) {
        String id = m.message().messageId();
        if (c.evidence.containsKey(id)) {
            return;
        }
        CampaignState.EvidenceRef ref = new CampaignState.EvidenceRef();
        ref.sha256 = m.recordSha256();
        ref.categoryMask = m.categoryMask();
        ref.threat = m.threat();
        ref.time = m.message().createdAt();
        ref.sender = m.message().senderId();
        ref.target = String.join(" ", m.message().targetIds());
        c.evidence.put(id, ref);
        c.platforms.add(m.message().platform());
        if (c.evidenceMessages.size() < config.evidencePerKeyCap() * 10) {
            c.evidenceMessages.add(m);
        }
        newEvidence.add(m);
    }

    /** Folds {@code other} into {@code survivor}; evidence new to the survivor is added to {@code newEvidence}. */
    private CampaignState absorb(CampaignState survivor, CampaignState other, List<ScoredMessage> newEvidence)
            throws Exception {
        unindex(other);
        campaigns.remove(other.id);
        working.remove(other.id);
        survivor.mergedFrom.add(other.id);
        for (String id : other.mergedFrom) {
            if (!survivor.mergedFrom.contains(id)) {
                survivor.mergedFrom.add(id);
            }
        }
        survivor.mergedFrom.sort(Comparator.naturalOrder());
        survivor.incidents.putAll(other.incidents);
        survivor.senders.addAll(other.senders);
        survivor.targets.addAll(other.targets);
        survivor.anchoredTargets.addAll(other.anchoredTargets);
        survivor.groupTargets.addAll(other.groupTargets);
        survivor.platforms.addAll(other.platforms);
        for (ScoredMessage m : other.evidenceMessages) {
            if (!survivor.evidence.containsKey(m.message().messageId())) {
                if (survivor.evidenceMessages.size() < config.evidencePerKeyCap() * 10) {
                    survivor.evidenceMessages.add(m);
                }
                newEvidence.add(m);
            }
        }
        for (Map.Entry<String, CampaignState.EvidenceRef> e : new TreeMap<>(other.evidence).entrySet()) {
            survivor.evidence.putIfAbsent(e.getKey(), e.getValue());
        }
        survivor.nearDuplicateShare = Math.max(survivor.nearDuplicateShare, other.nearDuplicateShare);
        survivor.onsetSynchrony = Math.max(survivor.onsetSynchrony, other.onsetSynchrony);
        survivor.newAccountShare = Math.max(survivor.newAccountShare, other.newAccountShare);
        survivor.sharedHashtags = union(survivor.sharedHashtags, other.sharedHashtags);
        survivor.sharedUrls = union(survivor.sharedUrls, other.sharedUrls);
        survivor.firstSeen = Math.min(survivor.firstSeen, other.firstSeen);
        survivor.lastSeen = Math.max(survivor.lastSeen, other.lastSeen);
        survivor.firstDetectedAt = Math.min(survivor.firstDetectedAt, other.firstDetectedAt);
        return other;
    }

    private void publish(CampaignState c, List<ScoredMessage> newEvidence, Collector<CampaignUpdate> out) throws Exception {
        if (!CampaignDocuments.reportable(c)) {
            return;
        }
        boolean created = !c.published;
        String previousTier = c.publishedTier;
        int previousSenders = c.publishedSenders;
        c.version++;
        List<ScoredMessage> evidence = created ? new ArrayList<>(c.evidenceMessages) : newEvidence;
        Campaign doc = documents.build(c, null);
        c.published = true;
        c.publishedTier = doc.severity().tier();
        c.publishedSenders = doc.senderCount();
        campaigns.put(c.id, c);
        out.collect(new CampaignUpdate(doc, evidence, created, previousTier, previousSenders));
    }

    /** Campaigns sharing ≥ K senders and Jaccard ≥ J with the given group (only for groups of ≥ K senders). */
    private List<String> overlappingGroups(List<String> senders, String self) throws Exception {
        if (senders.size() < config.campaignMergeSharedSenders()) {
            return List.of();
        }
        Map<String, Integer> shared = new TreeMap<>();
        for (String s : senders) {
            List<String> ids = bySender.get(s);
            if (ids != null) {
                for (String id : ids) {
                    if (!id.equals(self)) {
                        shared.merge(id, 1, Integer::sum);
                    }
                }
            }
        }
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, Integer> e : shared.entrySet()) {
            int common = e.getValue();
            if (common < config.campaignMergeSharedSenders()) {
                continue;
            }
            CampaignState other = load(e.getKey());
            int union = senders.size() + other.senders.size() - common;
            if (common / (double) union >= config.campaignMergeJaccard()) {
                out.add(e.getKey());
            }
        }
        return out;
    }

    /**
     * Campaigns that hold this sender and enough of its targets: all of them when it abused one or two people,
     * at least two otherwise (a member of a coordinated group abusing several of the group's targets).
     */
    private List<String> campaignsHoldingSatellite(String sender, List<String> targets, String self) throws Exception {
        List<String> out = new ArrayList<>();
        List<String> ids = bySender.get(sender);
        if (ids == null) {
            return out;
        }
        int needed = Math.min(2, targets.size());
        for (String id : ids) {
            if (id.equals(self)) {
                continue;
            }
            if (common(load(id).targets, targets) >= needed) {
                out.add(id);
            }
        }
        return out;
    }

    /** Single-sender campaigns (pairs, sprees) of this sender against enough of these targets. */
    private List<String> satellitesOf(String sender, java.util.Collection<String> targets, String self) throws Exception {
        List<String> out = new ArrayList<>();
        List<String> ids = bySender.get(sender);
        if (ids == null) {
            return out;
        }
        for (String id : ids) {
            if (id.equals(self)) {
                continue;
            }
            CampaignState other = load(id);
            if (isSatellite(other) && common(targets, other.targets) >= Math.min(2, other.targets.size())) {
                out.add(id);
            }
        }
        return out;
    }

    /** Single-sender campaigns of this campaign's senders that abused enough of its targets. */
    private List<String> satellitesHeldBy(CampaignState c) throws Exception {
        List<String> out = new ArrayList<>();
        for (String s : new TreeSet<>(c.senders)) {
            out.addAll(satellitesOf(s, c.targets, c.id));
        }
        return out;
    }

    /** A campaign made only of one sender's pair and spree incidents. */
    private static boolean isSatellite(CampaignState c) {
        if (c.senders.size() != 1) {
            return false;
        }
        for (CampaignState.IncidentSnap s : c.incidents.values()) {
            if (!IncidentKind.SPREE.id().equals(s.kind) && !IncidentKind.PERSISTENT_PAIR.id().equals(s.kind)) {
                return false;
            }
        }
        return true;
    }

    private static int common(java.util.Collection<String> a, java.util.Collection<String> b) {
        int n = 0;
        for (String x : b) {
            if (a.contains(x)) {
                n++;
            }
        }
        return n;
    }

    private CampaignState oldest(Iterable<String> ids) throws Exception {
        CampaignState best = null;
        for (String id : ids) {
            CampaignState c = load(id);
            if (best == null || c.createdAt < best.createdAt || (c.createdAt == best.createdAt && c.id.compareTo(best.id) < 0)) {
                best = c;
            }
        }
        return best;
    }

    private void index(CampaignState c) throws Exception {
        for (String t : c.anchoredTargets) {
            addTo(anchoredByTarget, t, c.id);
        }
        for (String s : c.senders) {
            addTo(bySender, s, c.id);
        }
        for (String key : c.incidents.keySet()) {
            byIncidentKey.put(key, c.id);
        }
    }

    private void unindex(CampaignState c) throws Exception {
        for (String t : c.anchoredTargets) {
            removeFrom(anchoredByTarget, t, c.id);
        }
        for (String s : c.senders) {
            removeFrom(bySender, s, c.id);
        }
        for (String key : c.incidents.keySet()) {
            if (c.id.equals(byIncidentKey.get(key))) {
                byIncidentKey.remove(key);
            }
        }
    }

    private static void addTo(MapState<String, List<String>> index, String key, String id) throws Exception {
        List<String> ids = index.get(key);
        if (ids == null) {
            ids = new ArrayList<>(1);
        } else if (ids.contains(id)) {
            return;
        }
        ids.add(id);
        index.put(key, ids);
    }

    private static void removeFrom(MapState<String, List<String>> index, String key, String id) throws Exception {
        List<String> ids = index.get(key);
        if (ids != null && ids.remove(id)) {
            if (ids.isEmpty()) {
                index.remove(key);
            } else {
                index.put(key, ids);
            }
        }
    }

    private static void addAll(TreeSet<String> into, List<String> ids) {
        if (ids != null) {
            into.addAll(ids);
        }
    }

    private static List<String> union(List<String> a, List<String> b) {
        TreeSet<String> s = new TreeSet<>(a);
        s.addAll(b);
        return new ArrayList<>(s);
    }

    /** Total order of incidents with equal timestamps. */
    enum IncidentOrder implements Comparator<ResolvedIncident> {
        INSTANCE;

        @Override
        public int compare(ResolvedIncident ra, ResolvedIncident rb) {
            Incident a = ra.incident();
            Incident b = rb.incident();
            int c = a.key().compareTo(b.key());
            if (c == 0) {
                c = Integer.compare(a.messageCount(), b.messageCount());
            }
            if (c == 0) {
                c = Integer.compare(a.senders().size(), b.senders().size());
            }
            if (c == 0) {
                c = Integer.compare(a.targets().size(), b.targets().size());
            }
            return c;
        }
    }
}
