package org.harassmentwatch.sink;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.http.Header;
import org.apache.http.HttpHeaders;
import org.apache.http.HttpHost;
import org.apache.http.conn.ssl.NoopHostnameVerifier;
import org.apache.http.message.BasicHeader;
import org.elasticsearch.client.RestClient;
import org.elasticsearch.client.RestClientBuilder;

/**
 * Builds the one {@link ElasticsearchClient} a process (or a Flink sink writer) uses, from an {@link EsConnection}:
 * elasticsearch-java 8.19 over the low-level {@link RestClient} ({@link RestClientTransport}; the
 * {@code Rest5ClientTransport} only exists from 9.0 on) with a Jackson mapper.
 *
 * <p>The client holds a connection pool and I/O threads: build it once, share it, and close it (which closes the
 * transport and the low-level client) when its owner shuts down. Never build one per request.
 */
public final class ElasticsearchClients {

    private static final Pattern PEM_CERTIFICATE = Pattern.compile(
            "-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\\s]+?)-----END CERTIFICATE-----");

    private ElasticsearchClients() {
    }

    /** A client whose mapper writes documents without null fields (strict mappings accept absent fields). */
    public static ElasticsearchClient create(EsConnection connection) {
        return create(connection, defaultObjectMapper());
    }

    /** A client that (de)serializes documents with the given Jackson mapper. */
    public static ElasticsearchClient create(EsConnection connection, ObjectMapper objectMapper) {
        Objects.requireNonNull(objectMapper, "objectMapper");
        RestClient restClient = restClient(connection);
        try {
            return new ElasticsearchClient(new RestClientTransport(restClient, new JacksonJsonpMapper(objectMapper)));
        } catch (RuntimeException e) {
            closeQuietly(restClient, e);
            throw e;
        }
    }

    /** The mapper {@link #create(EsConnection)} uses: no nulls, no indentation. */
    public static ObjectMapper defaultObjectMapper() {
        return new ObjectMapper()
                .setSerializationInclusion(JsonInclude.Include.NON_NULL)
                .disable(SerializationFeature.INDENT_OUTPUT);
    }

    static RestClient restClient(EsConnection connection) {
        Objects.requireNonNull(connection, "connection");
        HttpHost[] hosts = connection.urls().stream().map(ElasticsearchClients::httpHost).toArray(HttpHost[]::new);
        RestClientBuilder builder = RestClient.builder(hosts);
        Header authorization = authorizationHeader(connection);
        if (authorization != null) {
            // A default header authenticates preemptively: no 401 round trip on each new connection.
            builder.setDefaultHeaders(new Header[] {authorization});
        }
        int connectMillis = Math.toIntExact(connection.connectTimeout().toMillis());
        int socketMillis = Math.toIntExact(connection.socketTimeout().toMillis());
        builder.setRequestConfigCallback(config -> config
                .setConnectTimeout(connectMillis)
                .setSocketTimeout(socketMillis));
        SSLContext sslContext = connection.caCertificate() == null ? null : sslContext(connection.caCertificate());
        boolean verifyHostname = connection.verifyHostname();
        if (sslContext != null || !verifyHostname) {
            builder.setHttpClientConfigCallback(http -> {
                if (sslContext != null) {
                    http.setSSLContext(sslContext);
                }
                if (!verifyHostname) {
                    http.setSSLHostnameVerifier(NoopHostnameVerifier.INSTANCE);
                }
                return http;
            });
        }
        return builder.build();
    }

    static HttpHost httpHost(URI url) {
        String host = url.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1); // IPv6 literal
        }
        return new HttpHost(host, url.getPort(), url.getScheme().toLowerCase(Locale.ROOT));
    }

    /** The {@code Authorization} header for basic auth or an API key, or null without authentication. */
    static Header authorizationHeader(EsConnection connection) {
        if (connection.apiKey() != null) {
            return new BasicHeader(HttpHeaders.AUTHORIZATION, "ApiKey " + connection.apiKey());
        }
        if (connection.username() != null) {
            String credentials = connection.username() + ":" + connection.password();
            return new BasicHeader(HttpHeaders.AUTHORIZATION,
                    "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return null;
    }

    /**
     * An SSL context trusting exactly the certificates of the PEM (typically Elasticsearch's {@code http_ca.crt}),
     * not the JVM's default trust store.
     */
    static SSLContext sslContext(EsConnection.CaCertificate ca) {
        List<Certificate> certificates = parseCertificates(ca);
        try {
            KeyStore trustStore = KeyStore.getInstance(KeyStore.getDefaultType());
            trustStore.load(null, null);
            for (int i = 0; i < certificates.size(); i++) {
                trustStore.setCertificateEntry("hw-ca-" + i, certificates.get(i));
            }
            TrustManagerFactory trustManagers =
                    TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(trustStore);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trustManagers.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Cannot build a TLS context from CA certificate " + ca.source() + ": " + e, e);
        }
    }

    static List<Certificate> parseCertificates(EsConnection.CaCertificate ca) {
        List<Certificate> certificates = new ArrayList<>();
        Matcher block = PEM_CERTIFICATE.matcher(ca.pem());
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            while (block.find()) {
                byte[] der = Base64.getMimeDecoder().decode(block.group(1).replaceAll("\\s", ""));
                certificates.add(factory.generateCertificate(new ByteArrayInputStream(der)));
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "CA certificate " + ca.source() + " holds a certificate that cannot be parsed: " + e, e);
        }
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException("CA certificate " + ca.source()
                    + " holds no complete '-----BEGIN CERTIFICATE----- ... -----END CERTIFICATE-----' block");
        }
        return certificates;
    }

    private static void closeQuietly(RestClient restClient, RuntimeException cause) {
        try {
            restClient.close();
        } catch (IOException closeFailure) {
            cause.addSuppressed(closeFailure);
        }
    }
}
