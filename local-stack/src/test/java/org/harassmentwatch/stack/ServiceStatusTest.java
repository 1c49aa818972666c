package org.harassmentwatch.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

class ServiceStatusTest {

    @Test
    void endpointLineIsWhatTheCliPrintsAfterUp() {
        ServiceStatus es = new ServiceStatus("Elasticsearch", "http://127.0.0.1:9200", 12, true, "green", OptionalLong.of(300 * 1024));

        assertThat(es.endpointLine()).isEqualTo("Elasticsearch: http://127.0.0.1:9200");
        assertThat(es.statusLine()).isEqualTo("Elasticsearch: http://127.0.0.1:9200 (pid 12, green, RSS 300 MB)");
        assertThat(es.healthy()).isTrue();
    }

    @Test
    void redClusterOrDeadBrokerIsNotHealthy() {
        assertThat(new ServiceStatus("Elasticsearch", "http://127.0.0.1:9200", 12, true, "red", OptionalLong.empty()).healthy()).isFalse();
        ServiceStatus kafka = ServiceStatus.stopped("Kafka", "127.0.0.1:9092");
        assertThat(kafka.healthy()).isFalse();
        assertThat(kafka.statusLine()).isEqualTo("Kafka: not running");
    }
}
