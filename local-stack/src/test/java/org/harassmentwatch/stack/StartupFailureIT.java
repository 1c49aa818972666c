package org.harassmentwatch.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;

/** Failed starts say why, within the startup bound, and leave nothing running. Not on the shared stack. */
class StartupFailureIT {
    private static final Path DATA = LocalStackExtension.dataDir().resolveSibling("startup-failure-it");

    @Test
    void takenElasticsearchPortIsReportedBeforeAnythingStarts() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            LocalStack stack = LocalStack.builder().dataDir(DATA.resolve("es-port")).withElasticsearch()
                .elasticsearchHttpPort(taken.getLocalPort()).build();
            long begin = System.nanoTime();

            assertThatThrownBy(stack::start)
                .isInstanceOf(StackStartException.class)
                .hasMessage("Elasticsearch HTTP port 127.0.0.1:" + taken.getLocalPort() + " is already in use");
            assertThat(Duration.ofNanos(System.nanoTime() - begin)).isLessThan(Duration.ofSeconds(10));
            assertThat(stack.isRunning()).isFalse();
        }
    }

    @Test
    void takenKafkaPortStopsTheWholeStack() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            LocalStack stack = LocalStack.builder().dataDir(DATA.resolve("kafka-port")).withKafka()
                .kafkaPort(taken.getLocalPort()).build();

            assertThatThrownBy(stack::start)
                .isInstanceOf(StackStartException.class)
                .hasMessage("Kafka broker port 127.0.0.1:" + taken.getLocalPort() + " is already in use");
        }
    }

    @Test
    void nodeThatExitsDuringStartupGivesItsOwnReason() {
        Path dataDir = DATA.resolve("es-unknown-setting");
        LocalStack stack = LocalStack.builder().dataDir(dataDir).withElasticsearch().elasticsearchHeap("256m")
            .elasticsearchSetting("no.such.setting", "x").startupTimeout(Duration.ofSeconds(90)).build();
        long begin = System.nanoTime();

        assertThatThrownBy(stack::start)
            .isInstanceOf(StackStartException.class)
            .hasMessageStartingWith("Elasticsearch exited with code 1 during startup: java.lang.IllegalArgumentException: unknown setting [no.such.setting]")
            .hasMessageContaining("(log: " + dataDir.resolve("elasticsearch/logs/console.log"));
        assertThat(Duration.ofNanos(System.nanoTime() - begin)).isLessThan(Duration.ofSeconds(90));
        assertThat(stack.isRunning()).isFalse();
    }

    @Test
    void missingJavaIsReportedByPath() {
        LocalStack stack = LocalStack.builder().dataDir(DATA.resolve("no-java")).withKafka().java(Path.of("/no/such/jdk/bin/java")).build();

        assertThatThrownBy(stack::start)
            .isInstanceOf(StackStartException.class)
            .hasMessage("java not found: /no/such/jdk/bin/java is not an executable file");
    }
}
