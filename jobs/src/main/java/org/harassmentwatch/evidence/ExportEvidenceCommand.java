package org.harassmentwatch.evidence;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import org.harassmentwatch.sink.EsConnection;
import org.harassmentwatch.sink.EsConnectionOptions;
import org.harassmentwatch.sink.TemplateInstaller;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * {@code export-evidence}: writes the evidence package of one campaign (see {@link EvidencePackageWriter}).
 *
 * <p>Exit codes: 0 written and every record matches its seal; 1 not found, Elasticsearch unreachable, or written
 * but with records that do not match their seals (the package says which); 2 bad options or output folder.
 */
@Command(name = "export-evidence", mixinStandardHelpOptions = true,
        description = {
            "Writes the evidence package of a campaign for police: campaign.json, messages.ndjson (canonical records,"
                    + " UTC), messages.csv, timeline.txt, report.html (prints well) and manifest.json (SHA-256 of"
                    + " every file and record, detector version and configuration hash, query, export time).",
            "Re-exporting the same campaign gives the same files; only manifest.json's export time (and its own"
                    + " hash) differ. Check a package with 'verify-evidence DIR'."
        },
        footer = {
            "",
            "Environment (used when the matching option is absent):",
            "  HW_ES_URLS, HW_ES_USERNAME, HW_ES_PASSWORD, HW_ES_API_KEY, HW_ES_CA_CERT, HW_ES_VERIFY_HOSTNAME"
        })
public final class ExportEvidenceCommand implements Callable<Integer> {

    @Mixin
    EsConnectionOptions es = new EsConnectionOptions();

    @Option(names = "--campaign", required = true, paramLabel = "ID", description = "Campaign id (e.g. hwc-…).")
    String campaignId;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Folder to write the package into; must be new or empty.")
    Path out;

    @Option(names = "--prefix", paramLabel = "PREFIX", defaultValue = TemplateInstaller.DEFAULT_PREFIX,
            description = "Index name prefix (default: ${DEFAULT-VALUE}): reads PREFIXcampaigns and PREFIXevidence.")
    String prefix;

    @Option(names = "--page-size", paramLabel = "N", defaultValue = "" + EvidenceQuery.DEFAULT_PAGE_SIZE,
            description = "Evidence documents per search page (default: ${DEFAULT-VALUE}).")
    int pageSize;

    @Spec
    CommandSpec spec;

    private final Map<String, String> environment;
    private final Clock clock;

    public ExportEvidenceCommand() {
        this(System.getenv(), Clock.systemUTC());
    }

    /** For tests and embedding: {@code HW_ES_*} from {@code environment}, the export time from {@code clock}. */
    public ExportEvidenceCommand(Map<String, String> environment, Clock clock) {
        this.environment = Objects.requireNonNull(environment, "environment");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        EsConnection connection;
        EvidenceQuery query;
        try {
            connection = es.toConnection(environment);
            query = EvidenceQuery.forPrefix(prefix, campaignId, pageSize);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            err.println("export-evidence: " + e.getMessage());
            return CommandLine.ExitCode.USAGE;
        }
        CampaignEvidence evidence;
        try (ElasticsearchClient client = ElasticsearchEvidenceReader.client(connection)) {
            evidence = new ElasticsearchEvidenceReader(client).read(query);
        } catch (ElasticsearchEvidenceReader.EvidenceNotFoundException e) {
            err.println("export-evidence: " + e.getMessage() + " at " + connection.urlList());
            return CommandLine.ExitCode.SOFTWARE;
        } catch (IOException | ElasticsearchException e) {
            err.println("export-evidence: cannot read from Elasticsearch at " + connection.urlList() + ": " + e);
            return CommandLine.ExitCode.SOFTWARE;
        }
        ExportResult result;
        try {
            result = EvidencePackageWriter.write(evidence, out, clock.instant());
        } catch (IllegalArgumentException e) {
            err.println("export-evidence: " + e.getMessage());
            return CommandLine.ExitCode.USAGE;
        } catch (IOException e) {
            err.println("export-evidence: cannot write " + out + ": " + e);
            return CommandLine.ExitCode.SOFTWARE;
        }
        print(stdout, result, evidence);
        if (!result.unsealedMessageIds().isEmpty()) {
            err.println("export-evidence: WARNING " + result.unsealedMessageIds().size() + " of " + result.records()
                    + " records do not hash to the seal the detector recorded (record_sha256): "
                    + String.join(", ", result.unsealedMessageIds().subList(0, Math.min(10,
                    result.unsealedMessageIds().size()))) + (result.unsealedMessageIds().size() > 10 ? ", ..." : "")
                    + ". The evidence documents were changed after detection (or written by a version that did not keep"
                    + " upstream_scores). manifest.json lists them.");
        }
        if (result.evidenceSet().status() == EvidenceSetCheck.Status.MISMATCH) {
            err.println("export-evidence: WARNING " + result.evidenceSet().status().meaning()
                    + " (evidence.manifest_sha256 of the campaign)");
        }
        return result.intact() ? CommandLine.ExitCode.OK : CommandLine.ExitCode.SOFTWARE;
    }

    private static void print(PrintWriter out, ExportResult result, CampaignEvidence evidence) {
        out.printf("campaign %s version %d (%s, %s): %d evidence records%n", result.campaignId(),
                result.campaignVersion(), evidence.campaign().path("primary_kind").asText(),
                evidence.campaign().path("severity").path("tier").asText(), result.records());
        for (String name : PackageFiles.SEALED) {
            out.println("  wrote " + result.directory().resolve(name));
        }
        out.println("  wrote " + result.directory().resolve(PackageFiles.MANIFEST));
        if (evidence.campaign().hasNonNull("merged_into")) {
            out.println("note: this campaign was merged into " + evidence.campaign().path("merged_into").asText()
                    + "; export that campaign for the whole course of conduct");
        }
        out.printf("record seals: %d of %d match%n", result.records() - result.unsealedMessageIds().size(),
                result.records());
        out.println("evidence set: " + result.evidenceSet().status().meaning());
        out.println("manifest.json SHA-256: " + result.manifestSha256());
        out.println("  note it in the exhibit log; check the package later with: harassment-watch verify-evidence "
                + result.directory());
        out.flush();
    }
}
