package org.harassmentwatch.evidence;

import java.nio.file.Path;
import java.util.List;

/**
 * The outcome of checking a package against its manifest.
 *
 * @param directory       the package folder
 * @param manifestSha256  SHA-256 of the whole {@code manifest.json} file, to compare with the exhibit log (null when
 *                        there is no manifest)
 * @param campaignId      the campaign the manifest names (null when unreadable)
 * @param campaignVersion its version (null when unreadable)
 * @param exportedAt      the export time the manifest records (null when unreadable)
 * @param filesChecked    files whose hash was compared
 * @param recordsChecked  records whose hash was compared
 * @param problems        everything altered, missing, added or inconsistent, each naming its file or record
 * @param notes           facts worth knowing that are not failures (e.g. an incomplete evidence set)
 */
public record Verification(Path directory, String manifestSha256, String campaignId, String campaignVersion,
                           String exportedAt, int filesChecked, int recordsChecked, List<Problem> problems,
                           List<String> notes) {

    public Verification {
        problems = List.copyOf(problems);
        notes = List.copyOf(notes);
    }

    /**
     * One thing wrong with the package.
     *
     * @param subject what is wrong, by name: {@code campaign.json}, {@code record m-17 (messages.ndjson line 3)}
     * @param detail  how it is wrong
     */
    public record Problem(String subject, String detail) {
        @Override
        public String toString() {
            return subject + ": " + detail;
        }
    }

    public boolean ok() {
        return problems.isEmpty();
    }
}
