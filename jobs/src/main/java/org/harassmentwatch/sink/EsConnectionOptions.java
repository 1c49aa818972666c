package org.harassmentwatch.sink;

import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Map;

/**
 * Elasticsearch connection options shared by every command that talks to a cluster. Each falls back to its
 * {@code HW_ES_*} environment variable, so secrets need not appear on a command line.
 */
public class EsConnectionOptions {

    @Option(names = "--es", paramLabel = "URL[,URL...]",
            description = "Elasticsearch node URLs, comma-separated (default: $HW_ES_URLS, else http://localhost:9200).")
    String urls;

    @Option(names = "--username", paramLabel = "USER", description = "Basic-auth user (default: $HW_ES_USERNAME).")
    String username;

    @Option(names = "--password", paramLabel = "PASSWORD", arity = "0..1", interactive = true,
            description = "Basic-auth password; prompted for when given without a value (default: $HW_ES_PASSWORD).")
    char[] password;

    @Option(names = "--api-key", paramLabel = "KEY", arity = "0..1", interactive = true,
            description = "API key (base64 id:key); prompted for when given without a value (default: $HW_ES_API_KEY).")
    char[] apiKey;

    @Option(names = "--ca-cert", paramLabel = "PEM",
            description = "CA certificate (PEM) to trust for https URLs (default: $HW_ES_CA_CERT).")
    Path caCert;

    @Option(names = "--no-verify-hostname",
            description = "Accept a server certificate issued for another host name (test nodes only).")
    boolean noVerifyHostname;

    /** Options first, then {@code HW_ES_*} from {@code environment}. */
    public EsConnection toConnection(Map<String, String> environment) {
        EsConnection.Builder builder = EsConnection.builder()
                .urls(urls)
                .username(username)
                .password(password == null ? null : new String(password))
                .caCertificate(caCert);
        if (apiKey != null) {
            builder.apiKey(new String(apiKey));
        }
        if (noVerifyHostname) {
            builder.verifyHostname(false);
        }
        return builder.defaultsFromEnvironment(environment).build();
    }

    public boolean urlsGiven() {
        return urls != null;
    }
}
