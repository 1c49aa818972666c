package org.harassmentwatch.detect;

import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every threshold and window of detection and clustering, in one place, with defaults and validation.
 *
 * <p>A rule is data: eval can sweep it, and the configuration is hashed into every campaign so that an
 * independent party can repeat the process with the same settings (ACPO principle 3).
 */
public record DetectionConfig(
        double abusiveThreshold,
        double roughThreshold,
        double threatThreshold,
        double categoryThreshold,
        Duration occasionGap,
        Duration courseOfConductWindow,
        int pairMinOccasions,
        int pileOnShortSenders,
        Duration pileOnShortWindow,
        int pileOnLongSenders,
        Duration pileOnLongWindow,
        int targetGroupMinSenders,
        Duration targetGroupWindow,
        int spreeTargets,
        int spreeLowTierTargets,
        Duration spreeWindow,
        double mutualReverseShare,
        double nearDuplicateJaccard,
        Duration newAccountAge,
        Duration synchronyWindow,
        double campaignMergeJaccard,
        int campaignMergeSharedSenders,
        Duration campaignDormantAfter,
        Duration campaignClosedAfter,
        Duration dedupRetention,
        int evidencePerKeyCap,
        int listCap) implements Serializable {

    public static final String DETECTOR_VERSION = "hw-detect-1.0.0";

    public static DetectionConfig defaults() {
        return new DetectionConfig(
                0.5, 0.3, 0.8, 0.5,
                Duration.ofHours(1), Duration.ofDays(30), 2,
                8, Duration.ofMinutes(60), 20, Duration.ofHours(24),
                3, Duration.ofHours(72),
                5, 2, Duration.ofHours(24),
                0.5, 0.8, Duration.ofDays(7), Duration.ofMinutes(10),
                0.3, 3,
                Duration.ofDays(7), Duration.ofDays(30),
                Duration.ofDays(2), 200, 200);
    }

    public DetectionConfig {
        List<String> errors = new ArrayList<>();
        unit(errors, "abusive-threshold", abusiveThreshold);
        unit(errors, "rough-threshold", roughThreshold);
        unit(errors, "threat-threshold", threatThreshold);
        unit(errors, "category-threshold", categoryThreshold);
        unit(errors, "mutual-reverse-share", mutualReverseShare);
        unit(errors, "near-duplicate-jaccard", nearDuplicateJaccard);
        unit(errors, "campaign-merge-jaccard", campaignMergeJaccard);
        positive(errors, "occasion-gap", occasionGap);
        positive(errors, "course-of-conduct-window", courseOfConductWindow);
        positive(errors, "pile-on-short-window", pileOnShortWindow);
        positive(errors, "pile-on-long-window", pileOnLongWindow);
        positive(errors, "target-group-window", targetGroupWindow);
        positive(errors, "spree-window", spreeWindow);
        positive(errors, "new-account-age", newAccountAge);
        positive(errors, "synchrony-window", synchronyWindow);
        positive(errors, "campaign-dormant-after", campaignDormantAfter);
        positive(errors, "campaign-closed-after", campaignClosedAfter);
        positive(errors, "dedup-retention", dedupRetention);
        atLeast(errors, "pair-min-occasions", pairMinOccasions, 2);
        atLeast(errors, "pile-on-short-senders", pileOnShortSenders, 2);
        atLeast(errors, "pile-on-long-senders", pileOnLongSenders, 2);
        atLeast(errors, "target-group-min-senders", targetGroupMinSenders, 2);
        atLeast(errors, "spree-low-tier-targets", spreeLowTierTargets, 2);
        atLeast(errors, "spree-targets", spreeTargets, 2);
        atLeast(errors, "campaign-merge-shared-senders", campaignMergeSharedSenders, 2);
        atLeast(errors, "evidence-per-key-cap", evidencePerKeyCap, 10);
        atLeast(errors, "list-cap", listCap, 10);
        if (errors.isEmpty()) {
            if (spreeLowTierTargets > spreeTargets) {
                errors.add("spree-low-tier-targets (" + spreeLowTierTargets + ") must be <= spree-targets (" + spreeTargets + ")");
            }
            if (pileOnLongWindow.compareTo(pileOnShortWindow) < 0) {
                errors.add("pile-on-long-window (" + pileOnLongWindow + ") must be >= pile-on-short-window (" + pileOnShortWindow + ")");
            }
            if (campaignClosedAfter.compareTo(campaignDormantAfter) < 0) {
                errors.add("campaign-closed-after (" + campaignClosedAfter + ") must be >= campaign-dormant-after (" + campaignDormantAfter + ")");
            }
            if (roughThreshold > abusiveThreshold) {
                errors.add("rough-threshold (" + roughThreshold + ") must be <= abusive-threshold (" + abusiveThreshold + ")");
            }
            if (threatThreshold < abusiveThreshold) {
                errors.add("threat-threshold (" + threatThreshold + ") must be >= abusive-threshold (" + abusiveThreshold + ")");
            }
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("invalid detection configuration: " + String.join("; ", errors));
        }
    }

    /** Longest time any target-keyed state must be kept. */
    public Duration targetRetention() {
        return max(max(pileOnLongWindow, targetGroupWindow), pileOnShortWindow);
    }

    /** Stable, ordered view of the settings: printed by --help, hashed into every campaign. */
    public Map<String, String> describe() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("detector-version", DETECTOR_VERSION);
        m.put("abusive-threshold", Double.toString(abusiveThreshold));
        m.put("rough-threshold", Double.toString(roughThreshold));
        m.put("threat-threshold", Double.toString(threatThreshold));
        m.put("category-threshold", Double.toString(categoryThreshold));
        m.put("occasion-gap", occasionGap.toString());
        m.put("course-of-conduct-window", courseOfConductWindow.toString());
        m.put("pair-min-occasions", Integer.toString(pairMinOccasions));
        m.put("pile-on-short-senders", Integer.toString(pileOnShortSenders));
        m.put("pile-on-short-window", pileOnShortWindow.toString());
        m.put("pile-on-long-senders", Integer.toString(pileOnLongSenders));
        m.put("pile-on-long-window", pileOnLongWindow.toString());
        m.put("target-group-min-senders", Integer.toString(targetGroupMinSenders));
        m.put("target-group-window", targetGroupWindow.toString());
        m.put("spree-targets", Integer.toString(spreeTargets));
        m.put("spree-low-tier-targets", Integer.toString(spreeLowTierTargets));
        m.put("spree-window", spreeWindow.toString());
        m.put("mutual-reverse-share", Double.toString(mutualReverseShare));
        m.put("near-duplicate-jaccard", Double.toString(nearDuplicateJaccard));
        m.put("new-account-age", newAccountAge.toString());
        m.put("synchrony-window", synchronyWindow.toString());
        m.put("campaign-merge-jaccard", Double.toString(campaignMergeJaccard));
        m.put("campaign-merge-shared-senders", Integer.toString(campaignMergeSharedSenders));
        m.put("campaign-dormant-after", campaignDormantAfter.toString());
        m.put("campaign-closed-after", campaignClosedAfter.toString());
        m.put("dedup-retention", dedupRetention.toString());
        m.put("evidence-per-key-cap", Integer.toString(evidencePerKeyCap));
        m.put("list-cap", Integer.toString(listCap));
        return m;
    }

    /** SHA-256 over {@link #describe()}: identifies the exact rule set behind a result. */
    public String configSha256() {
        StringBuilder sb = new StringBuilder();
        describe().forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
        return Hashing.sha256Hex(sb.toString());
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static void unit(List<String> errors, String name, double v) {
        if (!(v > 0.0 && v <= 1.0)) {
            errors.add(name + " must be in (0, 1], got " + v);
        }
    }

    private static void positive(List<String> errors, String name, Duration d) {
        if (d == null || d.isZero() || d.isNegative()) {
            errors.add(name + " must be a positive duration, got " + d);
        }
    }

    private static void atLeast(List<String> errors, String name, int v, int min) {
        if (v < min) {
            errors.add(name + " must be >= " + min + ", got " + v);
        }
    }
}
