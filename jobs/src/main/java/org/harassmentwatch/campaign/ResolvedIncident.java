package org.harassmentwatch.campaign;

import org.harassmentwatch.detect.Incident;
import org.harassmentwatch.detect.ScoredMessage;

import java.util.List;

/**
 * An incident with its evidence references resolved by the {@link EvidenceStore}: what the clustering works on.
 *
 * @param incident the detector's incident (its {@code evidence} holds the references)
 * @param evidence the scored messages of {@code incident.evidence()}, in the same order
 */
public record ResolvedIncident(Incident incident, List<ScoredMessage> evidence) {
}
