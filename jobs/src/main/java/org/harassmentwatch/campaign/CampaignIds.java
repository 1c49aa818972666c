package org.harassmentwatch.campaign;

import org.harassmentwatch.detect.Hashing;
import org.harassmentwatch.detect.Incident;

/** Stable campaign ids: derived from the incident that opened the campaign, so a rerun gives the same ids. */
public final class CampaignIds {
    private CampaignIds() {
    }

    public static String idFor(Incident opening) {
        return "hwc-" + Hashing.sha256Hex(opening.kind() + '|' + opening.key() + '|' + opening.detectedAt()).substring(0, 20);
    }
}
