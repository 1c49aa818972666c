package org.harassmentwatch.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EsConnectionTest {

    private static final Path CA_PEM = Path.of("src/test/resources/tls/ca.pem");

    @Test
    void severalUrlsWithMixedSchemesAreParsedInOrder() {
        EsConnection connection = EsConnection.of(" http://a:9200, https://b:9243 ,");

        assertThat(connection.urls()).containsExactly(URI.create("http://a:9200"), URI.create("https://b:9243"));
        assertThat(connection.urlList()).isEqualTo("http://a:9200,https://b:9243");
        assertThat(connection.verifyHostname()).isTrue();
        assertThat(connection.hasAuthentication()).isFalse();
    }

    @Test
    void defaultsToLocalhostWhenNothingIsGiven() {
        EsConnection connection = EsConnection.builder().defaultsFromEnvironment(Map.of()).build();

        assertThat(connection.urls()).containsExactly(URI.create("http://localhost:9200"));
        assertThat(connection.connectTimeout()).isEqualTo(EsConnection.DEFAULT_CONNECT_TIMEOUT);
        assertThat(connection.socketTimeout()).isEqualTo(EsConnection.DEFAULT_SOCKET_TIMEOUT);
    }

    @Test
    void urlWithOtherSchemeIsRejectedNamingIt() {
        assertThatThrownBy(() -> EsConnection.of("http://a:9200,ftp://b:21"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'ftp://b:21'")
                .hasMessageContaining("http:// or https://");
        assertThatThrownBy(() -> EsConnection.of("localhost:9200"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'localhost:9200'");
    }

    @Test
    void urlWithPathOrQueryIsRejected() {
        assertThatThrownBy(() -> EsConnection.of("http://a:9200/es"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has a path");
        assertThatThrownBy(() -> EsConnection.of("http://a:9200?x=1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("query");
    }

    @Test
    void credentialsInsideUrlAreRejectedWithoutEchoingThem() {
        assertThatThrownBy(() -> EsConnection.of("https://elastic:s3cret-pw@es.example:9200"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("es.example")
                .hasMessageContaining("contains credentials")
                .hasMessageNotContaining("s3cret-pw");
    }

    @Test
    void emptyUrlListIsRejected() {
        assertThatThrownBy(() -> EsConnection.of(" , "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("contain no URL");
    }

    @Test
    void toStringMasksPasswordAndApiKey() {
        EsConnection basic = EsConnection.builder().urls("https://a:9200")
                .username("elastic").password("s3cret-pw").build();
        EsConnection apiKey = EsConnection.builder().urls("https://a:9200").apiKey("VnVhQ2ZHY0JDZGJrU==").build();

        assertThat(basic.toString()).contains("username=elastic", "password=****").doesNotContain("s3cret-pw");
        assertThat(apiKey.toString()).contains("apiKey=****").doesNotContain("VnVhQ2ZHY0JDZGJrU");
        assertThat(EsConnection.of("http://a:9200").toString()).contains("password=null", "apiKey=null");
    }

    @Test
    void environmentFillsWhatWasNotGiven() {
        Map<String, String> env = Map.of(
                EsConnection.ENV_URLS, "https://x:9200,https://y:9200",
                EsConnection.ENV_USERNAME, "svc",
                EsConnection.ENV_PASSWORD, "env-pw",
                EsConnection.ENV_CA_CERT, CA_PEM.toString(),
                EsConnection.ENV_VERIFY_HOSTNAME, "false");

        EsConnection connection = EsConnection.builder().defaultsFromEnvironment(env).build();

        assertThat(connection.urls()).containsExactly(URI.create("https://x:9200"), URI.create("https://y:9200"));
        assertThat(connection.username()).isEqualTo("svc");
        assertThat(connection.password()).isEqualTo("env-pw");
        assertThat(connection.caCertificate().source()).isEqualTo(CA_PEM.toString());
        assertThat(connection.caCertificate().pem()).contains("-----BEGIN CERTIFICATE-----");
        assertThat(connection.verifyHostname()).isFalse();
    }

    @Test
    void explicitValuesWinOverEnvironment() {
        Map<String, String> env = Map.of(
                EsConnection.ENV_URLS, "http://env:9200",
                EsConnection.ENV_API_KEY, "env-key");

        EsConnection connection = EsConnection.builder()
                .urls("http://cli:9200").username("cli-user").password("cli-pw")
                .defaultsFromEnvironment(env).build();

        assertThat(connection.urls()).containsExactly(URI.create("http://cli:9200"));
        assertThat(connection.username()).isEqualTo("cli-user");
        assertThat(connection.password()).isEqualTo("cli-pw");
        assertThat(connection.apiKey()).as("an explicit username replaces the environment's API key").isNull();
    }

    @Test
    void explicitUsernameTakesThePasswordFromEnvironment() {
        EsConnection connection = EsConnection.builder().username("elastic")
                .defaultsFromEnvironment(Map.of(EsConnection.ENV_PASSWORD, "env-pw", EsConnection.ENV_USERNAME, "other"))
                .build();

        assertThat(connection.username()).isEqualTo("elastic");
        assertThat(connection.password()).isEqualTo("env-pw");
    }

    @Test
    void usernameWithoutPasswordIsRejected() {
        assertThatThrownBy(() -> EsConnection.builder().username("elastic").defaultsFromEnvironment(Map.of()).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'elastic' has no password")
                .hasMessageContaining(EsConnection.ENV_PASSWORD);
    }

    @Test
    void basicAuthAndApiKeyTogetherAreRejected() {
        Map<String, String> env = Map.of(EsConnection.ENV_USERNAME, "u", EsConnection.ENV_PASSWORD, "p",
                EsConnection.ENV_API_KEY, "k");

        assertThatThrownBy(() -> EsConnection.builder().defaultsFromEnvironment(env).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("either a username/password or an API key")
                .hasMessageNotContaining("=k");
    }

    @Test
    void caCertificateWithoutHttpsUrlIsRejected() {
        assertThatThrownBy(() -> EsConnection.builder().urls("http://a:9200").caCertificate(CA_PEM).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no URL uses https");
    }

    @Test
    void missingOrNonPemCaCertificateIsRejectedNamingTheFile(@TempDir Path dir) throws IOException {
        Path missing = dir.resolve("nope.pem");
        Path notPem = Files.writeString(dir.resolve("ca.der"), "binary junk");

        assertThatThrownBy(() -> EsConnection.builder().caCertificate(missing))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("cannot be read");
        assertThatThrownBy(() -> EsConnection.builder().caCertificate(notPem))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(notPem.toString())
                .hasMessageContaining("not PEM");
    }

    @Test
    void badVerifyHostnameValueIsRejected() {
        assertThatThrownBy(() -> EsConnection.builder()
                .defaultsFromEnvironment(Map.of(EsConnection.ENV_VERIFY_HOSTNAME, "maybe")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'maybe'");
    }

    @Test
    void nonPositiveTimeoutIsRejected() {
        assertThatThrownBy(() -> EsConnection.builder().socketTimeout(Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("socketTimeout");
    }

    @Test
    void survivesJavaSerializationSoASinkCanShipIt() throws Exception {
        EsConnection original = EsConnection.builder()
                .urls("https://a:9200,https://b:9200").apiKey("key==").caCertificate(CA_PEM)
                .verifyHostname(false).socketTimeout(Duration.ofSeconds(7)).build();

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(original);
        }
        Object copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = in.readObject();
        }

        assertThat(copy).isEqualTo(original);
        assertThat(((EsConnection) copy).urls()).isEqualTo(List.of(URI.create("https://a:9200"),
                URI.create("https://b:9200")));
    }
}
