package org.harassmentwatch.cli;

import org.harassmentwatch.detect.DetectionConfig;
import org.harassmentwatch.job.HarassmentCampaignJob;
import picocli.CommandLine.Option;

import java.time.Duration;

/**
 * The detection rule set as command-line options. Defaults come from {@link DetectionConfig#defaults()}; validation
 * happens in one place, the {@link DetectionConfig} constructor, whose message names the bad option and value.
 */
public class DetectionOptions {
    private static final DetectionConfig D = DetectionConfig.defaults();

    @Option(names = "--abusive-threshold", description = "Abuse score (0..1) from which a message counts as abusive. Default: ${DEFAULT-VALUE}.")
    double abusiveThreshold = D.abusiveThreshold();
    @Option(names = "--rough-threshold", description = "Abuse score (0..1) from which a directed message counts as rough talk: not abusive, but it shows a pair talks rough both ways (banter). Default: ${DEFAULT-VALUE}.")
    double roughThreshold = D.roughThreshold();
    @Option(names = "--threat-threshold", description = "Threat score (0..1) from which a single message raises a high-severity pair incident. Default: ${DEFAULT-VALUE}.")
    double threatThreshold = D.threatThreshold();
    @Option(names = "--category-threshold", description = "Category score (0..1) from which a message counts towards that category. Default: ${DEFAULT-VALUE}.")
    double categoryThreshold = D.categoryThreshold();
    @Option(names = "--occasion-gap", converter = DurationConverter.class, description = "Silence that separates two occasions of conduct. Default: 1h.")
    Duration occasionGap = D.occasionGap();
    @Option(names = "--course-of-conduct-window", converter = DurationConverter.class, description = "Window in which occasions are counted towards a course of conduct. Default: 30d.")
    Duration courseOfConductWindow = D.courseOfConductWindow();
    @Option(names = "--pair-min-occasions", description = "Occasions sender→target that make a course of conduct (PHA s7(3)(a) needs 2). Default: ${DEFAULT-VALUE}.")
    int pairMinOccasions = D.pairMinOccasions();
    @Option(names = "--pile-on-senders", description = "Distinct abusive senders of one target within --pile-on-window that make a pile-on. Default: ${DEFAULT-VALUE}.")
    int pileOnShortSenders = D.pileOnShortSenders();
    @Option(names = "--pile-on-window", converter = DurationConverter.class, description = "Short pile-on window. Default: 60m.")
    Duration pileOnShortWindow = D.pileOnShortWindow();
    @Option(names = "--slow-pile-on-senders", description = "Distinct abusive senders within --slow-pile-on-window that also make a pile-on. Default: ${DEFAULT-VALUE}.")
    int pileOnLongSenders = D.pileOnLongSenders();
    @Option(names = "--slow-pile-on-window", converter = DurationConverter.class, description = "Long pile-on window. Default: 24h.")
    Duration pileOnLongWindow = D.pileOnLongWindow();
    @Option(names = "--target-group-senders", description = "Distinct senders of one target that form a (non-reportable) group linking coordinated campaigns. Default: ${DEFAULT-VALUE}.")
    int targetGroupMinSenders = D.targetGroupMinSenders();
    @Option(names = "--target-group-window", converter = DurationConverter.class, description = "Window of a target group. Default: 72h.")
    Duration targetGroupWindow = D.targetGroupWindow();
    @Option(names = "--spree-targets", description = "Distinct targets of one sender within --spree-window that make a spree. Default: ${DEFAULT-VALUE}.")
    int spreeTargets = D.spreeTargets();
    @Option(names = "--spree-low-tier-targets", description = "Distinct targets that make a low-tier spree (PHA s7(3)(b) needs 2). Default: ${DEFAULT-VALUE}.")
    int spreeLowTierTargets = D.spreeLowTierTargets();
    @Option(names = "--spree-window", converter = DurationConverter.class, description = "Spree window. Default: 24h.")
    Duration spreeWindow = D.spreeWindow();
    @Option(names = "--mutual-reverse-share", description = "A pair is mutual (banter, feud), and not reported, when the other side abused back on at least this share of the occasions. Default: ${DEFAULT-VALUE}.")
    double mutualReverseShare = D.mutualReverseShare();
    @Option(names = "--near-duplicate-jaccard", description = "Estimated Jaccard similarity from which two texts are near duplicates. Default: ${DEFAULT-VALUE}.")
    double nearDuplicateJaccard = D.nearDuplicateJaccard();
    @Option(names = "--new-account-age", converter = DurationConverter.class, description = "Accounts younger than this count as new. Default: 7d.")
    Duration newAccountAge = D.newAccountAge();
    @Option(names = "--synchrony-window", converter = DurationConverter.class, description = "Window for onset synchrony. Default: 10m.")
    Duration synchronyWindow = D.synchronyWindow();
    @Option(names = "--merge-jaccard", description = "Sender-set Jaccard from which groups on different targets merge. Default: ${DEFAULT-VALUE}.")
    double campaignMergeJaccard = D.campaignMergeJaccard();
    @Option(names = "--merge-shared-senders", description = "Shared senders also required to merge groups (stops one account chaining campaigns). Default: ${DEFAULT-VALUE}.")
    int campaignMergeSharedSenders = D.campaignMergeSharedSenders();
    @Option(names = "--dormant-after", converter = DurationConverter.class, description = "Campaign turns dormant after this long without new abuse. Default: 7d.")
    Duration campaignDormantAfter = D.campaignDormantAfter();
    @Option(names = "--closed-after", converter = DurationConverter.class, description = "Campaign is closed (and leaves state) after this long without new abuse. Default: 30d.")
    Duration campaignClosedAfter = D.campaignClosedAfter();
    @Option(names = "--dedup-retention", converter = DurationConverter.class, description = "How long message ids are remembered for de-duplication. Default: 2d.")
    Duration dedupRetention = D.dedupRetention();
    @Option(names = "--evidence-cap", description = "Evidence messages kept per detector key (campaigns keep 10x). Counts stay exact. Default: ${DEFAULT-VALUE}.")
    int evidencePerKeyCap = D.evidencePerKeyCap();
    @Option(names = "--list-cap", description = "Accounts listed per campaign document (counts stay exact). Default: ${DEFAULT-VALUE}.")
    int listCap = D.listCap();
    @Option(names = "--max-out-of-orderness", converter = DurationConverter.class, description = "Watermark lag: how late a message may arrive and still be ordered (also the alert latency floor). Default: 5s.")
    Duration maxOutOfOrderness = HarassmentCampaignJob.Settings.defaults().maxOutOfOrderness();
    @Option(names = "--idleness", converter = DurationConverter.class, description = "A source split with no data for this long stops holding back the watermark. Default: 30s.")
    Duration idleness = HarassmentCampaignJob.Settings.defaults().idleness();

    public DetectionConfig toConfig() {
        return new DetectionConfig(abusiveThreshold, roughThreshold, threatThreshold, categoryThreshold, occasionGap,
                courseOfConductWindow, pairMinOccasions, pileOnShortSenders, pileOnShortWindow, pileOnLongSenders,
                pileOnLongWindow, targetGroupMinSenders, targetGroupWindow, spreeTargets, spreeLowTierTargets,
                spreeWindow, mutualReverseShare, nearDuplicateJaccard, newAccountAge, synchronyWindow,
                campaignMergeJaccard, campaignMergeSharedSenders, campaignDormantAfter, campaignClosedAfter,
                dedupRetention, evidencePerKeyCap, listCap);
    }

    public HarassmentCampaignJob.Settings toSettings() {
        return new HarassmentCampaignJob.Settings(toConfig(), maxOutOfOrderness, idleness);
    }
}
