package org.harassmentwatch.campaign;

import org.harassmentwatch.detect.ScoredMessage;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything the clustering keeps about one campaign (a mutable Flink POJO). Sets and maps are exact; published
 * lists are sorted and capped when the document is built, so hash iteration order never reaches the output.
 */
public final class CampaignState {
    public String id;
    public long createdAt;
    public long version;
    public long firstDetectedAt;
    public long firstSeen = Long.MAX_VALUE;
    public long lastSeen = Long.MIN_VALUE;
    public long updatedAt;
    public Map<String, IncidentSnap> incidents = new HashMap<>();
    public Set<String> senders = new HashSet<>();
    public Set<String> targets = new HashSet<>();
    /** Targets of target-anchored incidents (pairs, pile-ons, target groups): the same-target merge rule uses them. */
    public Set<String> anchoredTargets = new HashSet<>();
    /** Targets of pile-on / target-group incidents: two or more make the campaign coordinated. */
    public Set<String> groupTargets = new HashSet<>();
    public Set<String> platforms = new HashSet<>();
    public Map<String, EvidenceRef> evidence = new HashMap<>();
    public List<ScoredMessage> evidenceMessages = new ArrayList<>();
    public List<String> mergedFrom = new ArrayList<>();
    public double nearDuplicateShare;
    public double onsetSynchrony;
    public double newAccountShare;
    public List<String> sharedHashtags = new ArrayList<>();
    public List<String> sharedUrls = new ArrayList<>();
    public boolean published;
    public String publishedTier;
    public int publishedSenders;
    public String status = "active";

    public CampaignState() {
    }

    /** One incident as last seen by this campaign. */
    public static final class IncidentSnap {
        public String kind;
        public String tier;
        public boolean reportable;
        public long detectedAt;
        public long firstSeen;
        public long lastSeen;
        public String sender;
        public String target;
        public int senders;
        public int targets;
        public int messages;
        public int occasions;
        public int threats;

        public IncidentSnap() {
        }
    }

    /** One evidence message: its record hash, category bits and time. */
    public static final class EvidenceRef {
        public String sha256;
        public int categoryMask;
        public boolean threat;
        public long time;
        public String sender;
        public String target;

        public EvidenceRef() {
        }
    }
}
