package org.harassmentwatch.evidence;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EvidenceCommandsTest {

    @TempDir
    Path tmp;

    record Run(int exitCode, String out, String err) {
    }

    static Run run(Object command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(command).setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void verifyPrintsACleanSummaryAndExitsZeroForAnIntactPackage() throws IOException {
        Path dir = tmp.resolve("pkg");
        ExportResult result = EvidencePackageWriter.write(EvidenceFixtures.input(), dir,
                Instant.parse("2026-03-05T10:15:30Z"));

        Run r = run(new VerifyEvidenceCommand(), dir.toString());

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("campaign " + EvidenceFixtures.CAMPAIGN_ID + " version 3, exported at "
                        + "2026-03-05T10:15:30.000Z",
                "manifest.json SHA-256: " + result.manifestSha256(),
                "OK: 5 files and 4 records match manifest.json; every record matches the detector's seal");
    }

    @Test
    void verifyNamesEachAlteredFileAndExitsOne() throws IOException {
        Path dir = tmp.resolve("pkg");
        EvidencePackageWriter.write(EvidenceFixtures.input(), dir, Instant.parse("2026-03-05T10:15:30Z"));
        Path report = dir.resolve("report.html");
        Files.writeString(report, Files.readString(report).replace("pathetic", "pathetlc"));

        Run r = run(new VerifyEvidenceCommand(), dir.toString());

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).contains("  FAIL report.html: altered: SHA-256 is ", "FAILED: 1 problem");
    }

    @Test
    void verifyOfSomethingThatIsNotAFolderIsAUsageError() {
        Run r = run(new VerifyEvidenceCommand(), tmp.resolve("missing").toString());

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("is not a folder");
    }

    @Test
    void exportRejectsABadPageSizeBeforeConnecting() {
        Run r = run(new ExportEvidenceCommand(Map.of(), Clock.systemUTC()), "--es", "http://127.0.0.1:1",
                "--campaign", "hwc-x", "--out", tmp.resolve("out").toString(), "--page-size", "0");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("page size must be 1..10000, got 0");
    }

    @Test
    void exportSaysWhenElasticsearchCannotBeReachedAndWritesNothing() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Path out = tmp.resolve("out");

        Run r = run(new ExportEvidenceCommand(Map.of(), Clock.fixed(Instant.EPOCH, ZoneOffset.UTC)),
                "--es", "http://127.0.0.1:" + closedPort, "--campaign", "hwc-x", "--out", out.toString());

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("cannot read from Elasticsearch at http://127.0.0.1:" + closedPort);
        assertThat(out).doesNotExist();
    }
}
