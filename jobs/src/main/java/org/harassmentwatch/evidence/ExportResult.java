package org.harassmentwatch.evidence;

import java.nio.file.Path;
import java.util.List;

/**
 * What an export wrote.
 *
 * @param directory          the package folder
 * @param campaignId         the campaign
 * @param campaignVersion    its version at export
 * @param records            evidence records written
 * @param unsealedMessageIds ids of records that do not hash to the seal the detector recorded (empty when all match)
 * @param evidenceSet        whether the records are the campaign's whole sealed evidence set
 * @param manifestSha256     SHA-256 of the whole {@code manifest.json} file: for the exhibit log
 */
public record ExportResult(Path directory, String campaignId, long campaignVersion, int records,
                           List<String> unsealedMessageIds, EvidenceSetCheck evidenceSet, String manifestSha256) {

    public ExportResult {
        unsealedMessageIds = List.copyOf(unsealedMessageIds);
    }

    /** Every record matches its seal and the set is not known to differ from the campaign's. */
    public boolean intact() {
        return unsealedMessageIds.isEmpty() && evidenceSet.status() != EvidenceSetCheck.Status.MISMATCH;
    }
}
