package org.harassmentwatch.sink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** The sample documents fill every mapped field with a value of the right type, and nothing else. */
class SampleDocumentsTest {

    static Iterable<String> families() {
        return TemplateMappings.FAMILIES;
    }

    @ParameterizedTest
    @MethodSource("families")
    void sampleFitsItsMapping(String family) {
        assertThat(TemplateMappings.problems(TemplateMappings.sampleDocument(family), TemplateMappings.mappings(family)))
                .isEmpty();
    }

    @ParameterizedTest
    @MethodSource("families")
    void sampleFillsEveryMappedField(String family) {
        assertThat(TemplateMappings.documentLeafFields(TemplateMappings.sampleDocument(family)))
                .containsExactlyElementsOf(TemplateMappings.mappedLeafFields(TemplateMappings.mappings(family)));
    }

    @Test
    void undeclaredFieldAndWrongTypeAreReported() {
        ObjectNode alert = (ObjectNode) TemplateMappings.sampleDocument("alerts").deepCopy();
        alert.put("alert_typo", "created");
        ((ObjectNode) alert.get("severity")).put("score", "high");
        alert.putArray("targets").add(42);
        alert.set("kinds", new ObjectMapper().createObjectNode().put("x", 1));

        assertThat(TemplateMappings.problems(alert, TemplateMappings.mappings("alerts"))).containsExactlyInAnyOrder(
                "alert_typo: not declared in the mapping (dynamic: strict rejects the document)",
                "severity.score: integer field holds \"high\"",
                "targets: keyword field holds 42",
                "kinds: keyword field holds {\"x\":1}");
    }

    @Test
    void leafFieldsFollowObjectsAndArrays() {
        JsonNode campaign = TemplateMappings.sampleDocument("campaigns");

        assertThat(TemplateMappings.documentLeafFields(campaign))
                .contains("legal_elements.provision", "incidents.detected_at", "coordination.shared_urls", "kinds")
                .doesNotContain("legal_elements", "incidents");
    }
}
