package org.harassmentwatch.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.flink.types.PojoTestUtils;
import org.harassmentwatch.sink.Documents;
import org.harassmentwatch.sink.TemplateMappings;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The alert document fills the strict alerts mapping exactly, and Kafka carries the same JSON keyed by campaign. */
class AlertDocumentsTest {

    private static final Alert ALERT = new Alert("hwc-a:2", "hwc-a", 7, Alert.ESCALATED, "severity rose from high to critical (81/100)",
            "critical", 81, List.of("pile_on", "spree"), List.of("u1", "u2"), 12, 40L, "Pile-on: ...",
            TestCampaigns.T0, TestCampaigns.T0 + 2_500, Alert.kibanaQuery("hwc-a"));

    @Test
    void alertDocumentFitsTheStrictMappingAndFillsEveryField() throws Exception {
        JsonNode doc = new ObjectMapper().readTree(Documents.toJson(Documents.alert(ALERT)));

        assertThat(TemplateMappings.problems(doc, TemplateMappings.mappings("alerts"))).isEmpty();
        assertThat(TemplateMappings.documentLeafFields(doc))
                .containsExactlyElementsOf(TemplateMappings.mappedLeafFields(TemplateMappings.mappings("alerts")));
        assertThat(doc.get("created_at").asText()).isEqualTo("2026-01-05T10:00:00Z");
        assertThat(doc.get("emitted_at").asText()).isEqualTo("2026-01-05T10:00:02.500Z");
        assertThat(doc.get("severity").get("tier").asText()).isEqualTo("critical");
    }

    @Test
    void kafkaRecordIsKeyedByCampaignAndCarriesTheIndexDocument() {
        var record = new AlertOutputs.Serializer("alerts-topic").serialize(ALERT, null, 123L);

        assertThat(record.topic()).isEqualTo("alerts-topic");
        assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("hwc-a");
        assertThat(new String(record.value(), StandardCharsets.UTF_8)).isEqualTo(Documents.toJson(Documents.alert(ALERT)));
        assertThat(record.timestamp()).as("producer time, not event time").isNull();
        assertThat(record.partition()).isNull();
    }

    @Test
    void alertAndItsStateAreSerializedAsPojosWithoutKryo() {
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(Alert.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(AlertState.class);
    }
}
