package org.harassmentwatch.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Runs the real client against a small local HTTP(S) server that answers like Elasticsearch's {@code HEAD /}, to
 * check TLS trust, host-name verification, authentication headers and fail-over between hosts.
 */
class ElasticsearchClientsTest {

    private static final Path TLS = Path.of("src/test/resources/tls");
    private static final char[] KEYSTORE_PASSWORD = "test-only".toCharArray();

    private final List<String> authorizationHeaders = new CopyOnWriteArrayList<>();
    private HttpServer server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void trustsServerSignedByTheGivenCaAndSendsBasicAuth() throws Exception {
        int port = startHttps("server-localhost.p12");
        EsConnection connection = EsConnection.builder()
                .urls("https://localhost:" + port)
                .caCertificate(TLS.resolve("ca.pem"))
                .username("elastic").password("pä55:word")
                .build();

        assertThat(ping(connection)).isTrue();
        assertThat(authorizationHeaders).first().isEqualTo("Basic "
                + Base64.getEncoder().encodeToString("elastic:pä55:word".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void serverSignedByUnknownCaIsRefusedWithoutTheCaCertificate() throws Exception {
        int port = startHttps("server-localhost.p12");
        EsConnection connection = EsConnection.of("https://localhost:" + port);

        assertThatThrownBy(() -> ping(connection)).isInstanceOf(IOException.class);
        assertThat(authorizationHeaders).as("no request got through").isEmpty();
    }

    @Test
    void hostNameMismatchIsRefusedUnlessVerificationIsTurnedOff() throws Exception {
        int port = startHttps("server-elsewhere.p12");
        EsConnection.Builder builder = EsConnection.builder()
                .urls("https://127.0.0.1:" + port)
                .caCertificate(TLS.resolve("ca.pem"));

        assertThatThrownBy(() -> ping(builder.build())).isInstanceOf(IOException.class);
        assertThat(ping(builder.verifyHostname(false).build())).isTrue();
    }

    @Test
    void apiKeyIsSentAsApiKeyAuthorization() throws Exception {
        int port = startHttp();
        EsConnection connection = EsConnection.builder().urls("http://127.0.0.1:" + port).apiKey("aWQ6a2V5").build();

        assertThat(ping(connection)).isTrue();
        assertThat(authorizationHeaders).containsExactly("ApiKey aWQ6a2V5");
    }

    @Test
    void noAuthorizationHeaderWithoutCredentials() throws Exception {
        int port = startHttp();

        assertThat(ping(EsConnection.of("http://127.0.0.1:" + port))).isTrue();
        assertThat(authorizationHeaders).containsExactly("(none)");
    }

    @Test
    void failsOverToTheNextHostWhenOneIsDown() throws Exception {
        int deadPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            deadPort = socket.getLocalPort();
        }
        int port = startHttp();
        EsConnection connection = EsConnection.of("http://127.0.0.1:" + deadPort + ",http://127.0.0.1:" + port);

        // The client round-robins over the hosts: of two consecutive requests one starts with the dead host.
        try (ElasticsearchClient client = ElasticsearchClients.create(connection)) {
            for (int i = 0; i < 3; i++) {
                assertThat(client.ping().value()).isTrue();
            }
        }
        assertThat(authorizationHeaders).hasSize(3);
    }

    @Test
    void pemWithExtraTextAroundTheCertificateIsAccepted() throws Exception {
        String pem = "Bag Attributes\n    friendlyName: ca\nsubject=CN = test\n"
                + Files.readString(TLS.resolve("ca.pem"));

        assertThat(ElasticsearchClients.parseCertificates(new EsConnection.CaCertificate("inline", pem))).hasSize(1);
    }

    @Test
    void corruptCertificateIsRejectedNamingItsSource() {
        String pem = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n";

        assertThatThrownBy(() -> ElasticsearchClients.sslContext(new EsConnection.CaCertificate("/etc/es/ca.pem", pem)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("/etc/es/ca.pem")
                .hasMessageContaining("cannot be parsed");
    }

    private static boolean ping(EsConnection connection) throws IOException {
        try (ElasticsearchClient client = ElasticsearchClients.create(connection)) {
            return client.ping().value();
        }
    }

    private int startHttp() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        return start();
    }

    private int startHttps(String keystore) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(TLS.resolve(keystore))) {
            keys.load(in, KEYSTORE_PASSWORD);
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, KEYSTORE_PASSWORD);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keyManagers.getKeyManagers(), null, null);
        HttpsServer https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(tls));
        server = https;
        return start();
    }

    private int start() {
        server.createContext("/", this::answerLikeElasticsearch);
        server.start();
        return server.getAddress().getPort();
    }

    private void answerLikeElasticsearch(HttpExchange exchange) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        authorizationHeaders.add(authorization == null ? "(none)" : authorization);
        exchange.getResponseHeaders().add("X-Elastic-Product", "Elasticsearch");
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, -1);
        exchange.close();
    }
}
