package org.harassmentwatch.sink;

import java.io.IOException;
import java.io.Serializable;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Where and how to reach Elasticsearch: one or more node URLs, optional basic auth or API key, optional CA
 * certificate for HTTPS. Serializable so a Flink sink can carry it to the task managers, which build their own
 * client from it; the CA certificate travels as PEM text, so task managers need no local copy of the file.
 *
 * <p>{@link #toString()} never prints the password or the API key.
 *
 * @param urls            node URLs, {@code http://} or {@code https://}, no path, no credentials
 * @param username        basic-auth user, or null
 * @param password        basic-auth password, or null (required with {@code username})
 * @param apiKey          API key (the base64 {@code id:key} value Elasticsearch returns as "encoded"), or null
 * @param caCertificate   CA certificate(s) to trust for HTTPS, or null to use the JVM's trust store
 * @param verifyHostname  whether the server certificate must match the host name (turn off only for test nodes
 *                        whose certificate names another host)
 * @param connectTimeout  TCP connect timeout
 * @param socketTimeout   time to wait for a response
 */
public record EsConnection(
        List<URI> urls,
        String username,
        String password,
        String apiKey,
        CaCertificate caCertificate,
        boolean verifyHostname,
        Duration connectTimeout,
        Duration socketTimeout) implements Serializable {

    private static final long serialVersionUID = 1L;

    public static final String ENV_URLS = "HW_ES_URLS";
    public static final String ENV_USERNAME = "HW_ES_USERNAME";
    public static final String ENV_PASSWORD = "HW_ES_PASSWORD";
    public static final String ENV_API_KEY = "HW_ES_API_KEY";
    public static final String ENV_CA_CERT = "HW_ES_CA_CERT";
    public static final String ENV_VERIFY_HOSTNAME = "HW_ES_VERIFY_HOSTNAME";

    public static final String DEFAULT_URLS = "http://localhost:9200";
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_SOCKET_TIMEOUT = Duration.ofSeconds(60);

    private static final String MASK = "****";

    public EsConnection {
        Objects.requireNonNull(urls, "urls");
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("Elasticsearch URLs: at least one URL is required");
        }
        urls = List.copyOf(urls);
        urls.forEach(EsConnection::checkUrl);
        if (username != null && username.isBlank()) {
            throw new IllegalArgumentException("Elasticsearch username is blank");
        }
        if (apiKey != null && apiKey.isBlank()) {
            throw new IllegalArgumentException("Elasticsearch API key is blank");
        }
        if (username != null && apiKey != null) {
            throw new IllegalArgumentException(
                    "Elasticsearch: give either a username/password or an API key, not both (username '"
                            + username + "' and an API key were given)");
        }
        if (username != null && password == null) {
            throw new IllegalArgumentException(
                    "Elasticsearch username '" + username + "' has no password (set " + ENV_PASSWORD + ")");
        }
        if (password != null && username == null) {
            throw new IllegalArgumentException("Elasticsearch password given without a username");
        }
        if (caCertificate != null && urls.stream().noneMatch(EsConnection::isHttps)) {
            throw new IllegalArgumentException("Elasticsearch CA certificate " + caCertificate.source()
                    + " was given but no URL uses https: " + urls);
        }
        connectTimeout = positive(connectTimeout, "connectTimeout");
        socketTimeout = positive(socketTimeout, "socketTimeout");
    }

    /** A connection to the given comma-separated URLs, without auth, default timeouts. */
    public static EsConnection of(String commaSeparatedUrls) {
        return builder().urls(commaSeparatedUrls).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Whether any authentication is configured. */
    public boolean hasAuthentication() {
        return username != null || apiKey != null;
    }

    /** The URLs as written on a command line: {@code http://a:9200,https://b:9200}. */
    public String urlList() {
        return String.join(",", urls.stream().map(URI::toString).toList());
    }

    /** Secrets masked: safe to log. */
    @Override
    public String toString() {
        return "EsConnection[urls=" + urlList()
                + ", username=" + username
                + ", password=" + (password == null ? null : MASK)
                + ", apiKey=" + (apiKey == null ? null : MASK)
                + ", caCertificate=" + (caCertificate == null ? null : caCertificate.source())
                + ", verifyHostname=" + verifyHostname
                + ", connectTimeout=" + connectTimeout
                + ", socketTimeout=" + socketTimeout + "]";
    }

    /**
     * Parses {@code http://a:9200,https://b:9200}: entries are trimmed, empty entries skipped. A URL without a port
     * uses its scheme's default port (80/443), as curl would.
     */
    public static List<URI> parseUrls(String commaSeparatedUrls) {
        Objects.requireNonNull(commaSeparatedUrls, "commaSeparatedUrls");
        List<URI> urls = new ArrayList<>();
        for (String part : commaSeparatedUrls.split(",")) {
            String url = part.trim();
            if (url.isEmpty()) {
                continue;
            }
            URI uri;
            try {
                uri = new URI(url);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("Elasticsearch URL '" + url + "' is not a URL: " + e.getReason());
            }
            checkUrl(uri);
            urls.add(uri);
        }
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("Elasticsearch URLs '" + commaSeparatedUrls + "' contain no URL");
        }
        return urls;
    }

    private static void checkUrl(URI uri) {
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw new IllegalArgumentException(
                    "Elasticsearch URL '" + uri + "' must start with http:// or https://");
        }
        if (uri.getRawUserInfo() != null) {
            // Never echo the URL: it holds the credentials.
            throw new IllegalArgumentException("Elasticsearch URL for host " + uri.getHost()
                    + " contains credentials; pass them with --username/" + ENV_USERNAME + " and "
                    + ENV_PASSWORD + " instead");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("Elasticsearch URL '" + uri + "' has no host");
        }
        if (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/")) {
            throw new IllegalArgumentException(
                    "Elasticsearch URL '" + uri + "' has a path; only scheme://host:port is supported");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException(
                    "Elasticsearch URL '" + uri + "' has a query or fragment; only scheme://host:port is supported");
        }
    }

    private static boolean isHttps(URI uri) {
        return "https".equalsIgnoreCase(uri.getScheme());
    }

    private static Duration positive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("Elasticsearch " + name + " must be positive, got " + value);
        }
        return value;
    }

    /**
     * Trusted CA certificate(s) in PEM form.
     *
     * @param source where they were read from (a file path), for messages
     * @param pem    the PEM text: one or more {@code -----BEGIN CERTIFICATE-----} blocks
     */
    public record CaCertificate(String source, String pem) implements Serializable {
        private static final long serialVersionUID = 1L;

        public CaCertificate {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(pem, "pem");
            if (!pem.contains("-----BEGIN CERTIFICATE-----")) {
                throw new IllegalArgumentException(
                        "CA certificate " + source + " is not PEM: no '-----BEGIN CERTIFICATE-----' line");
            }
        }

        /** Reads a PEM file now, so a missing file fails at start-up, not on the first request. */
        public static CaCertificate read(Path file) {
            try {
                return new CaCertificate(file.toString(), Files.readString(file, StandardCharsets.US_ASCII));
            } catch (IOException e) {
                throw new IllegalArgumentException("CA certificate " + file + " cannot be read: " + e, e);
            }
        }

        @Override
        public String toString() {
            return "CaCertificate[" + source + "]";
        }
    }

    /**
     * Collects options; values not set explicitly can be filled from the environment with
     * {@link #defaultsFromEnvironment(Map)}. Explicit values always win.
     */
    public static final class Builder {
        private List<URI> urls;
        private String username;
        private String password;
        private String apiKey;
        private CaCertificate caCertificate;
        private Boolean verifyHostname;
        private Duration connectTimeout;
        private Duration socketTimeout;

        private Builder() {
        }

        public Builder urls(String commaSeparatedUrls) {
            this.urls = commaSeparatedUrls == null ? null : parseUrls(commaSeparatedUrls);
            return this;
        }

        public Builder urls(List<URI> urls) {
            this.urls = urls == null ? null : List.copyOf(urls);
            return this;
        }

        public Builder username(String username) {
            this.username = username;
            return this;
        }

        public Builder password(String password) {
            this.password = password;
            return this;
        }

        public Builder apiKey(String apiKey) {
            this.apiKey = apiKey;
            return this;
        }

        public Builder caCertificate(Path pemFile) {
            this.caCertificate = pemFile == null ? null : CaCertificate.read(pemFile);
            return this;
        }

        public Builder caCertificate(CaCertificate caCertificate) {
            this.caCertificate = caCertificate;
            return this;
        }

        public Builder verifyHostname(Boolean verifyHostname) {
            this.verifyHostname = verifyHostname;
            return this;
        }

        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        public Builder socketTimeout(Duration socketTimeout) {
            this.socketTimeout = socketTimeout;
            return this;
        }

        /**
         * Fills what was not set explicitly from {@code HW_ES_*} variables. Authentication is taken from the
         * environment only when none was given explicitly, except the password, which completes an explicit
         * username (so {@code --username elastic} plus {@code HW_ES_PASSWORD} works without the password on the
         * command line).
         */
        public Builder defaultsFromEnvironment(Map<String, String> env) {
            if (urls == null && present(env, ENV_URLS)) {
                urls = parseUrls(env.get(ENV_URLS));
            }
            boolean explicitAuth = username != null || password != null || apiKey != null;
            if (!explicitAuth) {
                username = presentOrNull(env, ENV_USERNAME);
                password = presentOrNull(env, ENV_PASSWORD);
                apiKey = presentOrNull(env, ENV_API_KEY);
            } else if (username != null && password == null) {
                password = presentOrNull(env, ENV_PASSWORD);
            }
            if (caCertificate == null && present(env, ENV_CA_CERT)) {
                caCertificate = CaCertificate.read(Path.of(env.get(ENV_CA_CERT).trim()));
            }
            if (verifyHostname == null && present(env, ENV_VERIFY_HOSTNAME)) {
                verifyHostname = parseBoolean(env.get(ENV_VERIFY_HOSTNAME).trim());
            }
            return this;
        }

        public EsConnection build() {
            return new EsConnection(
                    urls == null ? parseUrls(DEFAULT_URLS) : urls,
                    username,
                    password,
                    apiKey,
                    caCertificate,
                    verifyHostname == null || verifyHostname,
                    connectTimeout == null ? DEFAULT_CONNECT_TIMEOUT : connectTimeout,
                    socketTimeout == null ? DEFAULT_SOCKET_TIMEOUT : socketTimeout);
        }

        private static boolean present(Map<String, String> env, String name) {
            String value = env.get(name);
            return value != null && !value.isBlank();
        }

        private static String presentOrNull(Map<String, String> env, String name) {
            return present(env, name) ? env.get(name) : null;
        }

        private static boolean parseBoolean(String value) {
            return switch (value.toLowerCase(Locale.ROOT)) {
                case "true", "yes", "1" -> true;
                case "false", "no", "0" -> false;
                default -> throw new IllegalArgumentException(
                        ENV_VERIFY_HOSTNAME + " must be true or false, got '" + value + "'");
            };
        }
    }
}
