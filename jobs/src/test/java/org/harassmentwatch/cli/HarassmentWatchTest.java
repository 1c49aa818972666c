package org.harassmentwatch.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The job jar's main class under a Flink client: options alone mean run, failures become exceptions. */
class HarassmentWatchTest {

    private static String[] effective(String... args) {
        return HarassmentWatch.withDefaultCommand(HarassmentWatch.commandLine(), args);
    }

    @Test
    void bareOptionsMeanRun() {
        assertThat(effective("--kafka", "k:9092", "--es", "http://es:9200"))
                .containsExactly("run", "--kafka", "k:9092", "--es", "http://es:9200");
        assertThat(effective("run", "--kafka", "k:9092")).containsExactly("run", "--kafka", "k:9092");
        assertThat(effective("backfill", "x.ndjson")).containsExactly("backfill", "x.ndjson");
        assertThat(effective("--help")).containsExactly("--help");
        assertThat(effective()).isEmpty();
    }

    @Test
    void aFailingCommandThrowsWithItsReasonInsteadOfExiting() {
        assertThatThrownBy(() -> HarassmentWatch.runInFlinkClient(
                new String[] {"run", "--kafka", "k:9092", "--kafka-property", "sasl.jaas.config", "--password=hunter2"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("harassment-watch run: Kafka property #1 is not key=value (key 'sasl.jaas.config' has no '=')");
        assertThatThrownBy(() -> HarassmentWatch.runInFlinkClient(new String[] {"--kafka", "k:9092", "--starting-offsets", "newest"}))
                .hasMessage("harassment-watch run: starting offsets 'newest' is not one of committed, earliest, latest, "
                        + "timestamp:<ISO-8601 or epoch millis>");
    }

    @Test
    void unknownOptionsAreNamedWithoutTheirValues() {
        assertThatThrownBy(() -> HarassmentWatch.runInFlinkClient(new String[] {"run", "--pasword=hunter2"}))
                .hasMessage("harassment-watch run: unknown argument(s) [--pasword]")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void locallyABadValueIsOneErrorLineWithExitCodeTwo() {
        java.io.StringWriter err = new java.io.StringWriter();
        CommandLine cl = HarassmentWatch.commandLine();
        cl.setErr(new java.io.PrintWriter(err, true));
        assertThat(cl.execute("run", "--kafka", "k:9092", "--state-backend", "memory")).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("error: state backend must be hashmap or rocksdb, got 'memory'");
    }

    @Test
    void aWatermarkIntervalOfZeroIsRefusedBeforeAnythingStarts() {
        java.io.StringWriter err = new java.io.StringWriter();
        CommandLine cl = HarassmentWatch.commandLine();
        cl.setErr(new java.io.PrintWriter(err, true));
        assertThat(cl.execute("run", "--kafka", "k:9092", "--es", "http://es:9200", "--watermark-interval", "0ms"))
                .isEqualTo(2);
        assertThat(err.toString().strip()).startsWith("error: --watermark-interval must be at least 1ms");
    }

    @Test
    void latencyOptionsParseIntoTheJobsSettings() {
        CommandLine.ParseResult parsed = HarassmentWatch.commandLine().parseArgs("run", "--kafka", "k:9092",
                "--watermark-interval", "20ms", "--buffer-timeout", "5ms", "--fetch-max-wait", "10ms",
                "--alert-linger", "0ms");
        RunCommand run = (RunCommand) parsed.subcommand().commandSpec().userObject();
        assertThat(run.latency.toSettings()).isEqualTo(new org.harassmentwatch.job.LatencySettings(
                java.time.Duration.ofMillis(20), java.time.Duration.ofMillis(5), java.time.Duration.ofMillis(10),
                java.time.Duration.ZERO));
    }

    @Test
    void runOptionsParse() {
        CommandLine cl = HarassmentWatch.commandLine();
        CommandLine.ParseResult parsed = cl.parseArgs("run", "--kafka", "k:9092", "--topic", "a,b",
                "--starting-offsets", "timestamp:2026-03-01T00:00:00Z", "--state-backend", "rocksdb",
                "--checkpoint-interval", "10s", "--alert-suppression", "5m", "--kafka-property", "acks=all");
        RunCommand run = (RunCommand) parsed.subcommand().commandSpec().userObject();
        assertThat(run.topics).containsExactly("a", "b");
        assertThat(run.checkpoints.toCheckpointing().stateBackend()).isEqualTo("rocksdb");
        assertThat(run.alertSuppression).hasMinutes(5);
        assertThat(RunCommand.guarantee("exactly-once")).isEqualTo(org.apache.flink.connector.base.DeliveryGuarantee.EXACTLY_ONCE);
        assertThatThrownBy(() -> RunCommand.guarantee("maybe-once"))
                .hasMessage("--kafka-guarantee must be at-least-once or exactly-once, got 'maybe-once'");
    }
}
