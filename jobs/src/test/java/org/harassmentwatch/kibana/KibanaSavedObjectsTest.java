package org.harassmentwatch.kibana;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kibana saved objects in {@code kibana/} against the index templates in {@code index-templates/}: Kibana
 * cannot run here, so the import file is checked structurally (see {@link SavedObjectsChecker}).
 */
class KibanaSavedObjectsTest {

    static final Path NDJSON = Path.of("../kibana/harassment-watch.ndjson");
    static final Path TEMPLATES = Path.of("../index-templates");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> FAMILIES = List.of("campaigns", "evidence", "alerts", "dead-letters");

    static List<JsonNode> savedObjects() throws IOException {
        List<JsonNode> objects = new ArrayList<>();
        for (String line : Files.readAllLines(NDJSON, StandardCharsets.UTF_8)) {
            assertThat(line).as("an NDJSON line").isNotBlank();
            objects.add(JSON.readTree(line));
        }
        return objects;
    }

    static Map<String, SavedObjectsChecker.Family> families() throws IOException {
        Map<String, SavedObjectsChecker.Family> families = new LinkedHashMap<>();
        for (String family : FAMILIES) {
            families.put(family, SavedObjectsChecker.family(family, template(family)));
        }
        return families;
    }

    static JsonNode template(String family) throws IOException {
        return JSON.readTree(TEMPLATES.resolve("index-template.hw-" + family + ".json").toFile());
    }

    @Test
    void everyReferenceResolvesAndEveryFieldExistsInTheTemplatesWithACompatibleType() throws IOException {
        assertThat(SavedObjectsChecker.problems(savedObjects(), families())).isEmpty();
    }

    @Test
    void theFileHoldsTheDataViewsSearchesVisualizationsAndDashboardAnalystsNeed() throws IOException {
        Map<String, Set<String>> idsByType = new LinkedHashMap<>();
        for (JsonNode o : savedObjects()) {
            idsByType.computeIfAbsent(o.path("type").asText(), k -> new TreeSet<>()).add(o.path("id").asText());
        }
        assertThat(idsByType.get("index-pattern")).containsExactlyInAnyOrder("hw-campaigns", "hw-campaigns-first-seen",
                "hw-evidence", "hw-alerts", "hw-dead-letters");
        assertThat(idsByType.get("search")).containsExactlyInAnyOrder("hw-search-critical-high-24h",
                "hw-search-threats", "hw-search-pile-ons-by-target", "hw-search-persistent-pairs-30d",
                "hw-search-account-campaigns", "hw-search-account-messages", "hw-search-account-alerts");
        assertThat(idsByType.get("visualization")).hasSize(9);
        assertThat(idsByType.get("dashboard")).containsExactly("hw-dashboard-overview");
        JsonNode dashboard = byId("hw-dashboard-overview");
        List<String> panels = new ArrayList<>();
        dashboard.path("references").forEach(r -> panels.add(r.path("id").asText()));
        assertThat(panels).containsExactlyInAnyOrderElementsOf(idsByType.get("visualization"));
    }

    @Test
    void searchesSayWhatTheirTitlesPromise() throws IOException {
        assertThat(query("hw-search-critical-high-24h")).isEqualTo("severity.tier:(critical or high) and not status:merged");
        assertThat(byId("hw-search-critical-high-24h").path("attributes").path("timeRange").path("from").asText())
                .isEqualTo("now-24h");
        assertThat(query("hw-search-threats")).startsWith("category_counts.threat > 0");
        assertThat(query("hw-search-pile-ons-by-target")).startsWith("kinds:pile_on");
        assertThat(byId("hw-search-pile-ons-by-target").path("attributes").path("sort").get(0).get(0).asText())
                .isEqualTo("targets");
        assertThat(query("hw-search-persistent-pairs-30d")).startsWith("kinds:persistent_pair");
        assertThat(byId("hw-search-persistent-pairs-30d").path("attributes").path("timeRange").path("from").asText())
                .isEqualTo("now-30d");
        assertThat(query("hw-search-account-campaigns")).isEqualTo("senders:\"ACCOUNT_ID\" or targets:\"ACCOUNT_ID\"");
        assertThat(query("hw-search-account-messages")).isEqualTo("sender_id:\"ACCOUNT_ID\" or target_ids:\"ACCOUNT_ID\"");
    }

    @Test
    void onlyDataViewTitlesStartWithTheIndexPrefixSoTheImportScriptCanReplaceIt() throws IOException {
        for (JsonNode o : savedObjects()) {
            boolean prefixed = o.path("attributes").path("title").asText().startsWith("hw-");
            assertThat(prefixed).as(o.path("id").asText()).isEqualTo(o.path("type").asText().equals("index-pattern"));
        }
    }

    @Test
    void aTemplateChangeThatDropsOrRetypesAFieldInUseIsCaught() throws IOException {
        Map<String, SavedObjectsChecker.Family> families = families();
        ObjectNode campaigns = (ObjectNode) template("campaigns").deepCopy();
        ObjectNode properties = (ObjectNode) campaigns.path("template").path("mappings").path("properties");
        properties.remove("first_seen");
        ((ObjectNode) properties.path("severity").path("properties").path("tier")).put("type", "text");
        ((ObjectNode) properties.path("category_counts").path("properties").path("threat")).put("type", "keyword");
        families.put("campaigns", SavedObjectsChecker.family("campaigns", campaigns));

        List<String> problems = SavedObjectsChecker.problems(savedObjects(), families);

        assertThat(problems).contains(
                "index-pattern/hw-campaigns-first-seen: time field 'first_seen' is not in the campaigns template",
                "visualization/hw-vis-campaigns-by-kind: date_histogram aggregation field 'first_seen' is not in the "
                        + "campaigns template",
                "search/hw-search-threats: column field 'first_seen' is not in the campaigns template",
                "visualization/hw-vis-campaigns-by-severity: terms aggregation on severity.tier (text) is not possible:"
                        + " it needs doc values outside nested objects",
                "search/hw-search-threats: range query on category_counts.threat needs a number or date field, the "
                        + "template maps keyword");
    }

    @Test
    void aDanglingReferenceAndAnUndefinedReferenceNameAreCaught() throws IOException {
        List<JsonNode> objects = new ArrayList<>(savedObjects());
        objects.removeIf(o -> o.path("id").asText().equals("hw-alerts"));
        ObjectNode dashboard = (ObjectNode) objects.stream()
                .filter(o -> o.path("id").asText().equals("hw-dashboard-overview")).findFirst().orElseThrow();
        ((com.fasterxml.jackson.databind.node.ArrayNode) dashboard.path("references")).remove(0);

        List<String> problems = SavedObjectsChecker.problems(objects, families());

        assertThat(problems).contains(
                "search/hw-search-account-alerts: reference 'kibanaSavedObjectMeta.searchSourceJSON.index' points to "
                        + "index-pattern/hw-alerts, which is not in the file",
                "dashboard/hw-dashboard-overview: uses reference 'p1:panel_p1', which its references do not define");
    }

    @Test
    void aNewerMigrationVersionThanTheOldestKibana8IsCaught() throws IOException {
        List<JsonNode> objects = new ArrayList<>(savedObjects());
        ObjectNode search = (ObjectNode) objects.get(6);
        search.put("coreMigrationVersion", "8.8.0");

        assertThat(SavedObjectsChecker.problems(objects, families())).singleElement().asString()
                .endsWith("claims version '8.8.0': Kibana older than that refuses it; keep <= 8.0.0");
    }

    @Test
    void kqlFieldsAreFoundOutsideQuotedValuesWithTheirOperators() {
        assertThat(SavedObjectsChecker.kqlFields(
                "severity.tier:(critical or high) and not status:merged and category_counts.threat >= 2 "
                        + "or text:\"a: b > c\" or scores.abuse<0.5"))
                .containsOnlyKeys("severity.tier", "status", "category_counts.threat", "text", "scores.abuse")
                .containsEntry("category_counts.threat", Set.of(">="))
                .containsEntry("scores.abuse", Set.of("<"));
    }

    @Test
    void dataViewTitlesMatchExactlyOneTemplateFamily() {
        assertThat(SavedObjectsChecker.overlaps("hw-campaigns*", "hw-campaigns-*")).isTrue();
        assertThat(SavedObjectsChecker.overlaps("hw-campaigns*", "hw-evidence")).isFalse();
        assertThat(SavedObjectsChecker.overlaps("hw-*", "hw-evidence")).isTrue();
    }

    private static JsonNode byId(String id) throws IOException {
        return savedObjects().stream().filter(o -> o.path("id").asText().equals(id)).findFirst().orElseThrow();
    }

    private static String query(String id) throws IOException {
        return JSON.readTree(byId(id).path("attributes").path("kibanaSavedObjectMeta").path("searchSourceJSON")
                .asText()).path("query").path("query").asText();
    }
}
