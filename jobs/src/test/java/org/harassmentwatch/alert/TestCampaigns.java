package org.harassmentwatch.alert;

import org.harassmentwatch.campaign.Campaign;
import org.harassmentwatch.campaign.CampaignUpdate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Campaign updates for alerting tests: only the fields alerting reads vary. */
final class TestCampaigns {

    static final long T0 = Instant.parse("2026-01-05T10:00:00Z").toEpochMilli();
    static final long MINUTE = 60_000L;
    static final long DAY = 24 * 60 * MINUTE;

    private TestCampaigns() {
    }

    static Campaign campaign(String id, long version, String tier, int score, int senders, long updatedAt, String status) {
        List<String> senderIds = new ArrayList<>();
        for (int i = 1; i <= senders; i++) {
            senderIds.add("s" + i);
        }
        return new Campaign(id, version, List.of("pile_on"), "pile_on", status, "rule", List.of("victim"), 1,
                senderIds, senders, List.of("chirp"), T0, updatedAt, updatedAt, T0, senders * 2L, senders * 2L, 1,
                Map.of("insult", (long) senders), new Campaign.Severity(tier, score, "rule"),
                new Campaign.Coordination(0, 0, 0, List.of(), List.of(), 0), List.of(),
                "Pile-on: " + senders + " accounts abused victim.", List.of(), null,
                new Campaign.EvidenceSummary(List.of(), 0, "sha"), new Campaign.DetectorInfo("v", "c", "l"), List.of());
    }

    /** The first published version. */
    static CampaignUpdate created(String id, String tier, int score, int senders, long at) {
        return new CampaignUpdate(campaign(id, 1, tier, score, senders, at, "active"), List.of(), true, null, 0);
    }

    /** A later version; previousTier/previousSenders describe version - 1 as the clustering reports it. */
    static CampaignUpdate update(String id, long version, String tier, int score, int senders, long at,
                                 String previousTier, int previousSenders) {
        return new CampaignUpdate(campaign(id, version, tier, score, senders, at, "active"), List.of(), false,
                previousTier, previousSenders);
    }

    static CampaignUpdate withStatus(String id, long version, String tier, int senders, long at, String status) {
        return new CampaignUpdate(campaign(id, version, tier, 50, senders, at, status), List.of(), false, tier, senders);
    }
}
