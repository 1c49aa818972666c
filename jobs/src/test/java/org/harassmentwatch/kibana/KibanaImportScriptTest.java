package org.harassmentwatch.kibana;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * {@code kibana/import.sh} against a stand-in for Kibana's import endpoint (a JDK HTTP server): what it sends
 * (method, path, {@code kbn-xsrf}, credentials, the NDJSON as multipart {@code file}) and how it reads the answer.
 */
class KibanaImportScriptTest {

    private static final Path SCRIPT = Path.of("../kibana/import.sh");

    record Request(String method, String uri, Headers headers, String body) {
    }

    record Run(int exitCode, String output) {
    }

    private HttpServer server;
    private final AtomicReference<Request> received = new AtomicReference<>();
    private volatile int status = 200;
    private volatile String response = "{\"success\":true,\"successCount\":22}";

    @BeforeEach
    void startFakeKibana() throws IOException {
        assumeThat(Path.of("/usr/bin/curl").toFile().canExecute() || Path.of("/bin/curl").toFile().canExecute())
                .as("curl is installed").isTrue();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.set(new Request(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                    exchange.getRequestHeaders(), new String(body, StandardCharsets.UTF_8)));
            byte[] out = response.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, out.length);
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(out);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static Run run(Map<String, String> env, String... args) throws Exception {
        ProcessBuilder pb = new ProcessBuilder();
        pb.command().add("bash");
        pb.command().add(SCRIPT.toString());
        pb.command().addAll(List.of(args));
        pb.environment().keySet().removeIf(k -> k.startsWith("KIBANA_") || k.startsWith("HW_"));
        pb.environment().putAll(env);
        pb.redirectErrorStream(true);
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), out);
    }

    @Test
    void postsTheFileToTheImportApiWithXsrfHeaderOverwriteAndBasicAuth() throws Exception {
        Run r = run(Map.of("KIBANA_PASSWORD", "s3cr\"t\\pw"), url() + "/", "elastic");

        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.output()).contains("imported 22 saved objects into " + url() + " with index prefix hw-");
        Request req = received.get();
        assertThat(req.method()).isEqualTo("POST");
        assertThat(req.uri()).isEqualTo("/api/saved_objects/_import?overwrite=true");
        assertThat(req.headers().get("Kbn-xsrf")).containsExactly("true");
        assertThat(req.headers().get("Authorization")).containsExactly("Basic "
                + Base64.getEncoder().encodeToString("elastic:s3cr\"t\\pw".getBytes(StandardCharsets.UTF_8)));
        assertThat(req.headers().getFirst("Content-type")).startsWith("multipart/form-data; boundary=");
        assertThat(req.body()).contains("Content-Disposition: form-data; name=\"file\"; filename=\"harassment-watch.ndjson\"")
                .contains(Files.readString(KibanaSavedObjectsTest.NDJSON));
    }

    @Test
    void anotherIndexPrefixAndSpaceAndAnApiKey() throws Exception {
        Run r = run(Map.of("HW_PREFIX", "acme-", "KIBANA_SPACE", "police", "KIBANA_API_KEY", "aWQ6a2V5"), url());

        assertThat(r.exitCode()).as(r.output()).isZero();
        Request req = received.get();
        assertThat(req.uri()).isEqualTo("/s/police/api/saved_objects/_import?overwrite=true");
        assertThat(req.headers().get("Authorization")).containsExactly("ApiKey aWQ6a2V5");
        assertThat(req.body()).contains("\"title\":\"acme-campaigns*\"", "\"title\":\"acme-evidence*\"")
                .doesNotContain("\"title\":\"hw-");
    }

    @Test
    void refusedObjectsAreListedAndTheScriptFails() throws Exception {
        status = 200;
        response = "{\"success\":false,\"successCount\":21,\"errors\":[{\"id\":\"hw-search-threats\",\"type\":\"search\","
                + "\"title\":\"Campaigns with threats\",\"error\":{\"type\":\"missing_references\",\"references\":"
                + "[{\"type\":\"index-pattern\",\"id\":\"hw-campaigns\"}]}}]}";

        Run r = run(Map.of(), url());

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.output()).contains("Kibana answered HTTP 200", "search/hw-search-threats",
                "missing_references", "index-pattern/hw-campaigns");
    }

    @Test
    void anHttpErrorFails() throws Exception {
        status = 401;
        response = "{\"statusCode\":401,\"error\":\"Unauthorized\",\"message\":\"unable to authenticate user\"}";

        Run r = run(Map.of("KIBANA_PASSWORD", "wrong"), url(), "elastic");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.output()).contains("Kibana answered HTTP 401", "unable to authenticate user");
    }

    @Test
    void badUsageExitsTwoWithTheHelp() throws Exception {
        Run none = run(Map.of());
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.output()).contains("kibana/import.sh KIBANA_URL [USER]");

        Run both = run(Map.of("KIBANA_API_KEY", "k"), url(), "elastic");
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.output()).contains("give either USER or KIBANA_API_KEY, not both");
        assertThat(received.get()).isNull();
    }
}
