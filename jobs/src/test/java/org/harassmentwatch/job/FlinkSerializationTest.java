package org.harassmentwatch.job;

import org.apache.flink.types.PojoTestUtils;
import org.harassmentwatch.campaign.Campaign;
import org.harassmentwatch.campaign.CampaignState;
import org.harassmentwatch.campaign.CampaignUpdate;
import org.harassmentwatch.campaign.EvidenceStore;
import org.harassmentwatch.campaign.ResolvedIncident;
import org.harassmentwatch.detect.AbusiveEdge;
import org.harassmentwatch.detect.EvidenceFeed;
import org.harassmentwatch.detect.Incident;
import org.harassmentwatch.detect.Occasions;
import org.harassmentwatch.detect.PairDetector;
import org.harassmentwatch.detect.ScoredMessage;
import org.harassmentwatch.detect.SenderDetector;
import org.harassmentwatch.detect.TargetDetector;
import org.harassmentwatch.scoring.AbuseScores;
import org.harassmentwatch.scoring.EvidenceSpan;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every type in the graph and in keyed state is serialized by Flink's POJO serializer, never by Kryo. */
class FlinkSerializationTest {

    @ParameterizedTest
    @ValueSource(classes = {ScoredMessage.class, AbuseScores.class, EvidenceSpan.class, AbusiveEdge.class,
            Incident.class, CampaignUpdate.class, Campaign.class, Campaign.Severity.class, Campaign.Coordination.class,
            Campaign.LegalElement.class, Campaign.EvidenceSummary.class, Campaign.DetectorInfo.class,
            Campaign.IncidentSummary.class, CampaignState.class, CampaignState.IncidentSnap.class,
            CampaignState.EvidenceRef.class, Occasions.class, PairDetector.PairState.class, PairDetector.Direction.class,
            TargetDetector.TargetState.class, TargetDetector.SenderEntry.class, SenderDetector.SenderState.class,
            EvidenceFeed.class, ResolvedIncident.class, EvidenceStore.HeldMessage.class, EvidenceStore.WaitingIncident.class})
    void isSerializedAsPojoWithoutKryo(Class<?> type) {
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(type);
    }
}
