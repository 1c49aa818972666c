package org.harassmentwatch.ingest;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * How to reach a Kafka cluster: bootstrap servers plus any client properties a real cluster needs (SASL, TLS),
 * applied alike to the job's consumer, its producers and the admin client that creates topics. Serializable, so
 * sources and sinks carry it to the task managers.
 *
 * <p>{@link #toString()} masks the values of properties that may hold secrets (passwords, JAAS configs, tokens,
 * keys and inline certificates): safe to print and log.
 *
 * @param bootstrapServers {@code host:port[,host:port...]}
 * @param properties       extra client properties, sorted by key
 */
public record KafkaClientConfig(String bootstrapServers, Map<String, String> properties) implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final String MASK = "****";
    private static final List<String> SECRET_MARKERS =
            List.of("password", "jaas", "secret", "token", "credential", "key", "certificate");

    public KafkaClientConfig {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("Kafka bootstrap servers are " + (bootstrapServers == null ? "missing" : "blank")
                    + ": give host:port[,host:port...]");
        }
        bootstrapServers = bootstrapServers.trim();
        properties = new TreeMap<>(Objects.requireNonNull(properties, "properties"));
        if (properties.containsKey("bootstrap.servers")) {
            throw new IllegalArgumentException("Kafka property bootstrap.servers is set twice: give it as the bootstrap "
                    + "servers, not as an extra property");
        }
    }

    public static KafkaClientConfig of(String bootstrapServers) {
        return new KafkaClientConfig(bootstrapServers, Map.of());
    }

    /**
     * Bootstrap servers plus {@code key=value} entries (as given to {@code --kafka-property}). A bad entry is named by
     * its position and key only: its value may be a secret.
     */
    public static KafkaClientConfig parse(String bootstrapServers, List<String> keyValues) {
        Map<String, String> properties = new TreeMap<>();
        int position = 0;
        for (String entry : keyValues == null ? List.<String>of() : keyValues) {
            position++;
            int eq = entry.indexOf('=');
            String key = eq < 0 ? entry.trim() : entry.substring(0, eq).trim();
            if (eq <= 0 || key.isEmpty()) {
                throw new IllegalArgumentException("Kafka property #" + position + " is not key=value"
                        + (key.isEmpty() ? "" : " (key '" + key + "' has no '=')"));
            }
            if (properties.put(key, entry.substring(eq + 1)) != null) {
                throw new IllegalArgumentException("Kafka property '" + key + "' is given twice");
            }
        }
        return new KafkaClientConfig(bootstrapServers, properties);
    }

    /** Bootstrap servers and the extra properties, for a consumer, producer or admin client. */
    public Properties toProperties() {
        Properties p = new Properties();
        p.putAll(properties);
        p.put("bootstrap.servers", bootstrapServers);
        return p;
    }

    /** Whether a property's value is masked when printed. */
    public static boolean isSecret(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        if (k.endsWith("serializer") || k.endsWith("deserializer")) {
            return false;
        }
        for (String marker : SECRET_MARKERS) {
            if (k.contains(marker)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        StringJoiner p = new StringJoiner(", ", "{", "}");
        properties.forEach((k, v) -> p.add(k + "=" + (isSecret(k) ? MASK : v)));
        return "KafkaClientConfig[bootstrapServers=" + bootstrapServers + ", properties=" + p + "]";
    }
}
