package org.harassmentwatch.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class GenerateCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = new CommandLine(new GenerateCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void writesBothFilesAndASummaryLine(@TempDir Path dir) throws Exception {
        int exit = run("--seed", "9", "--messages", "5000", "--out", dir.toString(), "--campaigns-per-shape", "2",
                "--start", "2025-03-01T00:00:00Z", "--days", "5", "--out-of-order-share", "0.01",
                "--upstream-score-share", "0.2");
        assertThat(exit).as(err.toString()).isZero();
        assertThat(Files.readAllLines(dir.resolve("messages.ndjson"))).hasSize(5_000);
        GroundTruth truth = GroundTruth.read(dir.resolve("truth.json"));
        assertThat(truth.seed()).isEqualTo(9);
        assertThat(truth.campaigns()).hasSize(8);
        assertThat(truth.start()).hasToString("2025-03-01T00:00:00Z");
        assertThat(truth.config().upstreamScoreShare()).isEqualTo(0.2);
        assertThat(out.toString()).startsWith("generated 5000 messages (").contains("8 campaigns")
                .contains(dir.toAbsolutePath().toString());
    }

    @Test
    void invalidOptionValueFailsWithTheReason(@TempDir Path dir) {
        int exit = run("--messages", "5000", "--out", dir.toString(), "--out-of-order-share", "0.9");
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("outOfOrderShare must be in 0..0.5, was 0.9");
    }

    @Test
    void helpListsTheOptions() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("--seed", "--messages", "--out", "--campaigns-per-shape", "--start",
                "--days", "--out-of-order-share", "--upstream-score-share");
    }
}
