package org.harassmentwatch.evidence;

import java.util.List;

/** The files of an evidence package. */
public final class PackageFiles {

    public static final String CAMPAIGN = "campaign.json";
    public static final String MESSAGES = "messages.ndjson";
    public static final String MESSAGES_CSV = "messages.csv";
    public static final String TIMELINE = "timeline.txt";
    public static final String REPORT = "report.html";
    public static final String MANIFEST = "manifest.json";

    /** Every file the manifest seals, in manifest order (by name). */
    public static final List<String> SEALED = List.of(CAMPAIGN, MESSAGES_CSV, MESSAGES, REPORT, TIMELINE);

    private PackageFiles() {
    }
}
