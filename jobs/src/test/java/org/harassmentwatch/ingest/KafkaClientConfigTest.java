package org.harassmentwatch.ingest;

import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KafkaClientConfigTest {

    private static final List<String> SASL = List.of(
            "security.protocol=SASL_SSL",
            "sasl.mechanism=PLAIN",
            "sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u\" password=\"hunter2\";",
            "ssl.truststore.location=/etc/kafka/truststore.jks",
            "ssl.truststore.password=changeit");

    @Test
    void propertiesReachEveryClientWithTheBootstrapServers() {
        KafkaClientConfig c = KafkaClientConfig.parse("b1:9093,b2:9093", SASL);

        assertThat(c.toProperties())
                .containsEntry("bootstrap.servers", "b1:9093,b2:9093")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("ssl.truststore.password", "changeit")
                .hasSize(6);
    }

    @Test
    void secretsAreNeverPrinted() {
        String printed = KafkaClientConfig.parse("b1:9093", SASL).toString();

        assertThat(printed).doesNotContain("hunter2", "changeit")
                .contains("security.protocol=SASL_SSL", "sasl.mechanism=PLAIN", "sasl.jaas.config=****",
                        "ssl.truststore.password=****", "ssl.truststore.location=/etc/kafka/truststore.jks");
        assertThat(KafkaClientConfig.isSecret("key.deserializer")).isFalse();
        assertThat(KafkaClientConfig.isSecret("ssl.keystore.key")).isTrue();
        assertThat(KafkaClientConfig.isSecret("sasl.oauthbearer.token.endpoint.url")).isTrue();
    }

    @Test
    void malformedEntriesAreNamedWithoutTheirValue() {
        assertThatThrownBy(() -> KafkaClientConfig.parse("b:1", List.of("a=1", "sasl.jaas.config")))
                .hasMessage("Kafka property #2 is not key=value (key 'sasl.jaas.config' has no '=')");
        assertThatThrownBy(() -> KafkaClientConfig.parse("b:1", List.of("=secret")))
                .hasMessage("Kafka property #1 is not key=value");
        assertThatThrownBy(() -> KafkaClientConfig.parse("b:1", List.of("acks=1", "acks=all")))
                .hasMessage("Kafka property 'acks' is given twice");
        assertThatThrownBy(() -> KafkaClientConfig.parse("b:1", List.of("bootstrap.servers=c:1")))
                .hasMessageContaining("bootstrap.servers is set twice");
        assertThatThrownBy(() -> KafkaClientConfig.parse(" ", List.of()))
                .hasMessage("Kafka bootstrap servers are blank: give host:port[,host:port...]");
    }

    @Test
    void travelsWithTheJobGraph() throws Exception {
        KafkaClientConfig c = KafkaClientConfig.parse("b1:9093", SASL);
        assertThat(InstantiationUtil.clone(c)).isEqualTo(c);
    }
}
