package org.harassmentwatch.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import org.harassmentwatch.sink.TemplateInstaller.Kind;
import org.harassmentwatch.sink.TemplateInstaller.Outcome;
import org.harassmentwatch.sink.TemplateInstaller.Result;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ApplyTemplatesCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void helpListsTheOptionsAndEnvironment() {
        int exit = run(Map.of(), "--help");

        assertThat(exit).isZero();
        assertThat(out.toString()).contains("apply-templates", "--es=URL[,URL...]", "--prefix=PREFIX",
                "--templates-dir=DIR", "--username=USER", "--ca-cert=PEM", "--create-indices", "HW_ES_URLS",
                "default: hw-");
    }

    @Test
    void optionsWinOverEnvironmentAndSecretsStayMasked() {
        ApplyTemplatesCommand command = new ApplyTemplatesCommand(Map.of(
                EsConnection.ENV_URLS, "http://env:9200", EsConnection.ENV_PASSWORD, "env-secret"));
        new CommandLine(command).parseArgs("--es", "http://a:9200,http://b:9200", "--username", "elastic");

        EsConnection connection = command.connection();

        assertThat(connection.urlList()).isEqualTo("http://a:9200,http://b:9200");
        assertThat(connection.password()).isEqualTo("env-secret");
        assertThat(connection.toString()).doesNotContain("env-secret");
    }

    @Test
    void badPrefixIsAUsageErrorNamingIt() {
        int exit = run(Map.of(), "--es", "http://127.0.0.1:9", "--prefix", "Bad Prefix");

        assertThat(exit).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("Index prefix 'Bad Prefix' is invalid");
    }

    @Test
    void replicasWithoutCreateIndicesIsAUsageError() {
        int exit = run(Map.of(), "--replicas", "0");

        assertThat(exit).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("--replicas only applies with --create-indices");
    }

    @Test
    void unreachableElasticsearchFailsWithTheUrls() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + closedPort;

        int exit = run(Map.of(EsConnection.ENV_URLS, url));

        assertThat(exit).isEqualTo(CommandLine.ExitCode.SOFTWARE);
        assertThat(err.toString()).contains("cannot reach Elasticsearch at " + url);
    }

    @Test
    void summaryCountsEveryOutcome() {
        List<Result> results = List.of(
                new Result(Kind.INDEX_TEMPLATE, "hw-a", Outcome.CREATED, ""),
                new Result(Kind.INDEX_TEMPLATE, "hw-b", Outcome.UNCHANGED, ""),
                new Result(Kind.INDEX_TEMPLATE, "hw-c", Outcome.UNCHANGED, ""));

        assertThat(ApplyTemplatesCommand.summary("templates", results))
                .isEqualTo("3 templates: 1 created, 0 updated, 2 unchanged");
    }

    private int run(Map<String, String> env, String... args) {
        CommandLine commandLine = new CommandLine(new ApplyTemplatesCommand(env));
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }
}
