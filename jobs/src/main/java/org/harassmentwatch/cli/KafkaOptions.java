package org.harassmentwatch.cli;

import org.harassmentwatch.ingest.KafkaClientConfig;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Where Kafka is, and the client properties a real cluster needs. */
public class KafkaOptions {

    public static final String ENV_BOOTSTRAP = "HW_KAFKA_BOOTSTRAP";

    @Option(names = "--kafka", paramLabel = "HOST:PORT[,...]",
            description = "Kafka bootstrap servers (default: $" + ENV_BOOTSTRAP + ").")
    String bootstrap;

    @Option(names = "--kafka-property", paramLabel = "KEY=VALUE",
            description = "Kafka client property for the job's consumer, producers and admin client; repeatable "
                    + "(e.g. security.protocol=SASL_SSL, sasl.mechanism=PLAIN, sasl.jaas.config=..., "
                    + "ssl.truststore.location=...). Values of secret-looking keys are never printed; keep secrets off "
                    + "the command line with an @file of options.")
    List<String> properties = new ArrayList<>();

    KafkaClientConfig toConfig(Map<String, String> environment) {
        String servers = bootstrap != null ? bootstrap : environment.get(ENV_BOOTSTRAP);
        if (servers == null || servers.isBlank()) {
            throw new IllegalArgumentException("no Kafka bootstrap servers: give --kafka HOST:PORT or set " + ENV_BOOTSTRAP);
        }
        return KafkaClientConfig.parse(servers, properties);
    }
}
