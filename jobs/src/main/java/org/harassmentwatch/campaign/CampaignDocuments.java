package org.harassmentwatch.campaign;

import org.harassmentwatch.detect.DetectionConfig;
import org.harassmentwatch.detect.IncidentKind;
import org.harassmentwatch.scoring.Category;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** Builds the published {@link Campaign} document from the clustering state: the one place the document is made. */
public final class CampaignDocuments implements Serializable {

    public static final String COORDINATED = "coordinated";
    private static final List<String> KIND_PRIORITY =
            List.of(COORDINATED, IncidentKind.PILE_ON.id(), IncidentKind.SPREE.id(), IncidentKind.PERSISTENT_PAIR.id());

    private final DetectionConfig config;
    private final String configSha256;
    private final String lexiconVersion;

    public CampaignDocuments(DetectionConfig config, String lexiconVersion) {
        this.config = config;
        this.configSha256 = config.configSha256();
        this.lexiconVersion = lexiconVersion;
    }

    /** A campaign is published when one of its incidents is reportable, or it links ≥ 2 targets through groups. */
    public static boolean reportable(CampaignState c) {
        if (c.groupTargets.size() >= 2) {
            return true;
        }
        for (CampaignState.IncidentSnap s : c.incidents.values()) {
            if (s.reportable) {
                return true;
            }
        }
        return false;
    }

    public static List<String> kinds(CampaignState c) {
        TreeSet<String> kinds = new TreeSet<>();
        for (CampaignState.IncidentSnap s : c.incidents.values()) {
            if (!IncidentKind.TARGET_GROUP.id().equals(s.kind)) {
                kinds.add(s.kind);
            }
        }
        if (c.groupTargets.size() >= 2) {
            kinds.add(COORDINATED);
        }
        List<String> ordered = new ArrayList<>();
        for (String k : KIND_PRIORITY) {
            if (kinds.contains(k)) {
                ordered.add(k);
            }
        }
        return ordered;
    }

    public Campaign build(CampaignState c, String mergedInto) {
        List<String> kinds = kinds(c);
        String primary = kinds.isEmpty() ? IncidentKind.TARGET_GROUP.id() : kinds.get(0);
        // One pass over the evidence, in message-id order: it is the part of the document that grows with the
        // campaign, and the document is rebuilt on every update.
        String[] ids = c.evidence.keySet().toArray(new String[0]);
        Arrays.sort(ids);
        Category[] categories = Category.values();
        long[] perCategory = new long[categories.length];
        int threatMessages = 0;
        ManifestDigest manifest = new ManifestDigest();
        for (String id : ids) {
            CampaignState.EvidenceRef r = c.evidence.get(id);
            if (r.threat) {
                threatMessages++;
            }
            for (int i = 0; i < categories.length; i++) {
                if ((r.categoryMask & (1 << i)) != 0) {
                    perCategory[i]++;
                }
            }
            manifest.line(id, r.sha256);
        }
        Map<String, Long> categoryCounts = new LinkedHashMap<>();
        for (int i = 0; i < categories.length; i++) {
            categoryCounts.put(categories[i].field(), perCategory[i]);
        }
        int maxOccasions = 0;
        List<CampaignState.IncidentSnap> pairs = new ArrayList<>();
        boolean fullSpree = false;
        for (Map.Entry<String, CampaignState.IncidentSnap> e : new TreeMap<>(c.incidents).entrySet()) {
            CampaignState.IncidentSnap s = e.getValue();
            if (IncidentKind.PERSISTENT_PAIR.id().equals(s.kind)) {
                pairs.add(s);
                maxOccasions = Math.max(maxOccasions, s.occasions);
            }
            if ("spree".equals(s.tier)) {
                fullSpree = true;
            }
        }
        int senderCount = c.senders.size();
        int targetCount = c.targets.size();
        Campaign.Coordination coordination = new Campaign.Coordination(
                round3(c.nearDuplicateShare), round3(c.onsetSynchrony), round3(c.newAccountShare),
                cap(c.sharedHashtags, 20), cap(c.sharedUrls, 20), round3(senderOverlap(c)));
        Campaign.Severity severity = SeverityRule.assess(primary, fullSpree, threatMessages, categoryCounts,
                senderCount, targetCount, maxOccasions, coordination);
        long first = c.firstSeen == Long.MAX_VALUE ? c.firstDetectedAt : c.firstSeen;
        long last = c.lastSeen == Long.MIN_VALUE ? c.firstDetectedAt : c.lastSeen;
        String status = c.status;
        List<Campaign.LegalElement> legal = LegalElements.assess(primary, kinds, c, pairs, threatMessages,
                categoryCounts, coordination, config.occasionGap().toMillis());
        String explanation = Explanations.explain(primary, kinds, c, pairs, threatMessages, categoryCounts,
                coordination, severity, first, last);
        List<Campaign.IncidentSummary> incidents = new ArrayList<>();
        for (Map.Entry<String, CampaignState.IncidentSnap> e : new TreeMap<>(c.incidents).entrySet()) {
            CampaignState.IncidentSnap s = e.getValue();
            if (incidents.size() >= config.listCap()) {
                break;
            }
            incidents.add(new Campaign.IncidentSummary(s.kind, e.getKey(), s.tier, s.detectedAt, s.firstSeen, s.lastSeen,
                    s.senders, s.targets, s.messages, s.occasions));
        }
        return new Campaign(
                c.id,
                c.version,
                kinds,
                primary,
                status,
                statusRule(),
                cap(new ArrayList<>(new TreeSet<>(c.targets)), config.listCap()),
                targetCount,
                cap(new ArrayList<>(new TreeSet<>(c.senders)), config.listCap()),
                senderCount,
                new ArrayList<>(new TreeSet<>(c.platforms)),
                first,
                last,
                c.updatedAt,
                c.firstDetectedAt,
                ids.length,
                ids.length,
                maxOccasions,
                categoryCounts,
                severity,
                coordination,
                legal,
                explanation,
                List.copyOf(c.mergedFrom),
                mergedInto,
                new Campaign.EvidenceSummary(
                        new ArrayList<>(Arrays.asList(ids).subList(0, Math.min(ids.length, config.listCap() * 5))),
                        ids.length, manifest.sha256Hex()),
                new Campaign.DetectorInfo(DetectionConfig.DETECTOR_VERSION, configSha256, lexiconVersion),
                incidents);
    }

    private String statusRule() {
        return "active while abuse continues; dormant after " + config.campaignDormantAfter().toDays()
                + " days without new abuse; closed after " + config.campaignClosedAfter().toDays() + " days";
    }

    /** Share of senders that abused more than one of the campaign's targets. */
    private static double senderOverlap(CampaignState c) {
        if (c.targets.size() < 2 || c.senders.isEmpty()) {
            return 0.0;
        }
        Map<String, TreeSet<String>> targetsBySender = new TreeMap<>();
        for (CampaignState.EvidenceRef r : c.evidence.values()) {
            if (r.sender == null || r.target == null) {
                continue;
            }
            for (String t : r.target.split(" ")) {
                if (c.targets.contains(t)) {
                    targetsBySender.computeIfAbsent(r.sender, k -> new TreeSet<>()).add(t);
                }
            }
        }
        long multi = targetsBySender.values().stream().filter(t -> t.size() > 1).count();
        return multi / (double) c.senders.size();
    }

    static double round3(double v) {
        return Math.round(v * 1000.0) / 1000.0;
    }

    static List<String> cap(List<String> list, int n) {
        return list.size() <= n ? list : new ArrayList<>(list.subList(0, n));
    }
}
