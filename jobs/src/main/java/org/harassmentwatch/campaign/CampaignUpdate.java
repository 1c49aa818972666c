package org.harassmentwatch.campaign;

import org.harassmentwatch.detect.ScoredMessage;

import java.util.List;

/**
 * A new version of a campaign, with the evidence messages attached to it by this version (to be indexed once per
 * campaign) and what changed, for alerting.
 *
 * @param campaign          the campaign document at this version
 * @param newEvidence       messages first attached to this campaign id by this version
 * @param created           first published version of this campaign
 * @param previousTier      severity tier of the previously published version, or null
 * @param previousSenders   sender count of the previously published version, or 0
 */
public record CampaignUpdate(Campaign campaign, List<ScoredMessage> newEvidence, boolean created,
                             String previousTier, int previousSenders) {
}
