package org.harassmentwatch.evidence;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code verify-evidence DIR}: re-checks every hash of an evidence package and names each altered, missing or added
 * file and each altered record.
 *
 * <p>Exit codes: 0 intact; 1 problems found; 2 not a folder or unreadable.
 */
@Command(name = "verify-evidence", mixinStandardHelpOptions = true,
        description = {
            "Re-checks an evidence package written by export-evidence: the manifest's own seal, the SHA-256 of every"
                    + " file and every record, the detector's record seals, and that the records are still the"
                    + " campaign's evidence set. Reports each altered file or record by name.",
            "Compare the printed manifest.json SHA-256 with the one noted in the exhibit log at export."
        })
public final class VerifyEvidenceCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DIR", description = "The package folder.")
    Path directory;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Verification v;
        try {
            v = EvidenceVerifier.verify(directory);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            err.println("verify-evidence: " + e.getMessage());
            return CommandLine.ExitCode.USAGE;
        }
        out.println("package " + v.directory());
        if (v.campaignId() != null) {
            out.println("  campaign " + v.campaignId() + " version " + v.campaignVersion() + ", exported at "
                    + v.exportedAt());
        }
        if (v.manifestSha256() != null) {
            out.println("  manifest.json SHA-256: " + v.manifestSha256() + " (compare with the exhibit log)");
        }
        v.notes().forEach(n -> out.println("  note: " + n));
        if (v.ok()) {
            out.println("OK: " + v.filesChecked() + " files and " + v.recordsChecked()
                    + " records match manifest.json; every record matches the detector's seal");
            out.flush();
            return CommandLine.ExitCode.OK;
        }
        v.problems().forEach(p -> out.println("  FAIL " + p));
        out.println("FAILED: " + v.problems().size() + (v.problems().size() == 1 ? " problem" : " problems")
                + " (" + v.filesChecked() + " files and " + v.recordsChecked() + " records checked)");
        out.flush();
        return CommandLine.ExitCode.SOFTWARE;
    }
}
