package org.harassmentwatch.stack;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;

class LocalStackBuilderTest {

    @Test
    void settingsThatTheStackDerivesFromItsPortsAreRefused() {
        assertThatThrownBy(() -> LocalStack.builder().elasticsearchSetting("http.port", "9200"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("elasticsearchSetting key http.port is managed by the local stack");
        assertThatThrownBy(() -> LocalStack.builder().kafkaSetting("listeners", "PLAINTEXT://:9092"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("kafkaSetting key listeners is managed by the local stack");
    }

    @Test
    void badValuesNameTheOptionAndTheValue() {
        assertThatThrownBy(() -> LocalStack.builder().elasticsearchHeap("lots"))
            .hasMessage("elasticsearchHeap must look like 512m or 1g, was lots");
        assertThatThrownBy(() -> LocalStack.builder().kafkaPort(70000))
            .hasMessage("kafkaPort must be 1..65535, was 70000");
        assertThatThrownBy(() -> LocalStack.builder().startupTimeout(Duration.ZERO))
            .hasMessage("startupTimeout must be positive, was PT0S");
        assertThatThrownBy(() -> LocalStack.builder().elasticsearchSetting("bad key", "x"))
            .hasMessage("elasticsearchSetting key must be a dotted setting name, was bad key");
    }

    @Test
    void aStackNeedsAFolderAndAService() {
        assertThatThrownBy(() -> LocalStack.builder().withKafka().build())
            .isInstanceOf(IllegalStateException.class).hasMessage("dataDir is required");
        assertThatThrownBy(() -> LocalStack.builder().dataDir(Path.of("/tmp/x")).build())
            .isInstanceOf(IllegalStateException.class).hasMessage("nothing to start: call withElasticsearch() and/or withKafka()");
    }

    @Test
    void urlOfAServiceThatIsNotPartOfTheStackIsAnError() {
        LocalStack kafkaOnly = LocalStack.builder().dataDir(Path.of("/tmp/x")).withKafka().build();

        assertThatThrownBy(kafkaOnly::elasticsearchUrl)
            .isInstanceOf(IllegalStateException.class)
            .hasMessage("Elasticsearch is not part of this local stack: add it with the builder");
    }
}
