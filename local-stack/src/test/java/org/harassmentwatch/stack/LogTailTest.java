package org.harassmentwatch.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogTailTest {
    @TempDir
    Path dir;

    @Test
    void elasticsearchFatalExceptionIsTheReasonNotTheGenericHint() throws IOException {
        Path log = write("console.log", """
            [2026-01-01T00:00:00,000][INFO ][o.e.p.PluginsService     ] loaded module [transport-netty4]
            [2026-01-01T00:00:01,000][ERROR][o.e.b.Elasticsearch      ] fatal exception while booting Elasticsearch
            java.lang.IllegalArgumentException: unknown setting [no.such.setting] please check that any required plugins are installed
            \tat org.elasticsearch.common.settings.AbstractScopedSettings.validate(AbstractScopedSettings.java:564) ~[elasticsearch-8.19.0.jar:?]
            \tat org.elasticsearch.bootstrap.Elasticsearch.main(Elasticsearch.java:94) ~[elasticsearch-8.19.0.jar:?]
            ERROR: Elasticsearch did not exit normally - check the logs at /tmp/x/logs/harassment-watch-local.log
            """);

        assertThat(LogTail.reason(List.of(log)))
            .hasValue("java.lang.IllegalArgumentException: unknown setting [no.such.setting] please check that any required plugins are installed");
    }

    @Test
    void wrappedExceptionIsReportedWithItsRootCause() throws IOException {
        Path log = write("server.log", """
            [2026-01-01 00:00:00,000] ERROR Exiting Kafka due to fatal exception (kafka.Kafka$)
            org.apache.kafka.common.KafkaException: Socket server failed to bind to 127.0.0.1:9092: Address already in use.
            \tat kafka.network.Acceptor.openServerSocket(SocketServer.scala:734)
            Caused by: java.net.BindException: Address already in use
            \tat java.base/sun.nio.ch.Net.bind0(Native Method)
            \t... 12 more
            """);

        assertThat(LogTail.reason(List.of(log))).hasValue(
            "org.apache.kafka.common.KafkaException: Socket server failed to bind to 127.0.0.1:9092: Address already in use.;"
                + " caused by: java.net.BindException: Address already in use");
    }

    @Test
    void withoutExceptionTheLastProblemLineIsTheReason() throws IOException {
        Path log = write("console.log", """
            starting
            Error: Could not find or load main class kafka.Kafka
            bye
            """);

        assertThat(LogTail.reason(List.of(log))).hasValue("Error: Could not find or load main class kafka.Kafka");
    }

    @Test
    void missingLogsGiveNoReason() {
        assertThat(LogTail.reason(List.of(dir.resolve("absent.log")))).isEmpty();
    }

    @Test
    void lastLinesKeepsTheEndOfTheFile() throws IOException {
        Path log = write("many.log", "one\ntwo\nthree\nfour\n");

        assertThat(LogTail.lastLines(log, 2)).containsExactly("three", "four");
    }

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content);
        return file;
    }
}
