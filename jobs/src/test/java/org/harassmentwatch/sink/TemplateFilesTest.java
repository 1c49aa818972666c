package org.harassmentwatch.sink;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.cluster.ComponentTemplateNode;
import co.elastic.clients.elasticsearch.indices.IndexTemplate;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The template files themselves: complete, parseable by the client, strict, and free of features the bare local
 * node (no analysis-common, mapper-extras, ILM) lacks, so they install on it and on a full cluster alike.
 */
class TemplateFilesTest {

    /** The repository folder (tests run in the jobs module). */
    static final Path TEMPLATES_DIR = Path.of("../index-templates");

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Field types the bare node has (mapper-extras types like scaled_float or wildcard are not in it). */
    private static final Set<String> PORTABLE_TYPES = Set.of(
            "keyword", "text", "date", "long", "integer", "float", "double", "boolean", "nested", "object");
    /** Analyzers built into the server (analysis-common, e.g. "english", is missing on the bare node). */
    private static final Set<String> PORTABLE_ANALYZERS = Set.of("standard", "simple", "whitespace", "stop");

    @Test
    void bundledListNamesExactlyTheTemplateFilesOfTheFolder() throws IOException {
        List<String> inFolder;
        try (Stream<Path> files = Files.list(TEMPLATES_DIR)) {
            inFolder = files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList();
        }

        assertThat(TemplateInstaller.BUNDLED_FILES).containsExactlyInAnyOrderElementsOf(inFolder);
    }

    @Test
    void classpathCopyIsTheFolder() {
        assertThat(TemplateInstaller.loadBundled("hw-"))
                .extracting(TemplateInstaller.Template::json)
                .containsExactlyElementsOf(TemplateInstaller.loadDirectory(TEMPLATES_DIR, "hw-").stream()
                        .map(TemplateInstaller.Template::json).toList());
    }

    @Test
    void everyTemplateParsesIntoTheClientsTypedModel() {
        for (TemplateInstaller.Template template : TemplateInstaller.loadBundled("hw-")) {
            if (template.kind() == TemplateInstaller.Kind.COMPONENT_TEMPLATE) {
                ComponentTemplateNode node = ComponentTemplateNode.of(b -> b.withJson(new StringReader(template.json())));
                assertThat(node.template().settings()).as(template.name()).isNotEmpty();
            } else {
                IndexTemplate index = IndexTemplate.of(b -> b.withJson(new StringReader(template.json())));
                assertThat(index.template().mappings().properties()).as(template.name()).isNotEmpty();
            }
        }
    }

    @Test
    void everyIndexTemplateIsStrictVersionedAndPrioritised() throws IOException {
        List<JsonNode> indexTemplates = indexTemplateFiles();
        assertThat(indexTemplates).hasSize(4);
        for (JsonNode template : indexTemplates) {
            String name = template.path("_file").asText();
            JsonNode mappings = template.path("template").path("mappings");
            assertThat(mappings.path("dynamic").asText()).as(name + " dynamic").isEqualTo("strict");
            assertThat(template.path("priority").asInt()).as(name + " priority").isGreaterThan(100);
            assertThat(template.path("version").isIntegralNumber()).as(name + " version").isTrue();
            assertThat(template.path("_meta").path("template_version").isIntegralNumber())
                    .as(name + " _meta.template_version").isTrue();
            assertThat(mappings.path("_meta").path("template_version"))
                    .as(name + " mapping _meta.template_version matches the template's")
                    .isEqualTo(template.path("_meta").path("template_version"));
            assertThat(template.path("composed_of")).as(name).containsExactly(JSON.getNodeFactory().textNode("hw-settings"));
        }
    }

    @Test
    void indexPatternsAreTheWriteIndexAndItsDashedVariants() throws IOException {
        for (JsonNode template : indexTemplateFiles()) {
            String templateName = template.path("_file").asText()
                    .replace(TemplateInstaller.INDEX_FILE_PREFIX, "").replace(".json", "");
            assertThat(template.path("index_patterns")).extracting(JsonNode::asText)
                    .containsExactly(templateName, templateName + "-*");
        }
    }

    @Test
    void mappingsUseOnlyTypesAndAnalyzersTheBareNodeHas() throws IOException {
        for (JsonNode template : indexTemplateFiles()) {
            List<String> unportable = new ArrayList<>();
            checkPortable("", template.path("template").path("mappings").path("properties"), unportable);
            assertThat(unportable).as(template.path("_file").asText()).isEmpty();
        }
    }

    @Test
    void sharedSettingsLeaveReplicasToTheClusterAndNeedNoIlm() throws IOException {
        JsonNode settings = JSON.readTree(TEMPLATES_DIR.resolve("component-template.hw-settings.json").toFile())
                .path("template").path("settings").path("index");

        assertThat(settings.path("number_of_shards").asInt()).isEqualTo(1);
        assertThat(settings.path("refresh_interval").asText()).isEqualTo("1s");
        assertThat(settings.path("mapping").path("total_fields").path("limit").asInt()).isBetween(200, 2000);
        assertThat(settings.has("number_of_replicas")).isFalse();
        assertThat(settings.has("lifecycle")).isFalse();
    }

    @Test
    void optionalIlmPolicyIsNotInstalledByDefault() {
        assertThat(Files.isRegularFile(TEMPLATES_DIR.resolve("optional/ilm-policy.hw-dead-letters.json"))).isTrue();
        assertThat(TemplateInstaller.BUNDLED_FILES).noneMatch(f -> f.contains("ilm"));
    }

    private static void checkPortable(String prefix, JsonNode properties, List<String> unportable) {
        properties.fields().forEachRemaining(field -> {
            String path = prefix + field.getKey();
            JsonNode mapping = field.getValue();
            String type = mapping.path("type").asText("object");
            if (!PORTABLE_TYPES.contains(type)) {
                unportable.add(path + " type " + type);
            }
            for (String analyzerKey : List.of("analyzer", "search_analyzer")) {
                if (mapping.has(analyzerKey) && !PORTABLE_ANALYZERS.contains(mapping.get(analyzerKey).asText())) {
                    unportable.add(path + " " + analyzerKey + " " + mapping.get(analyzerKey).asText());
                }
            }
            if (mapping.has("properties")) {
                checkPortable(path + ".", mapping.get("properties"), unportable);
            }
        });
    }

    private static List<JsonNode> indexTemplateFiles() throws IOException {
        List<JsonNode> templates = new ArrayList<>();
        try (Stream<Path> files = Files.list(TEMPLATES_DIR)) {
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString();
                if (name.startsWith(TemplateInstaller.INDEX_FILE_PREFIX)) {
                    com.fasterxml.jackson.databind.node.ObjectNode template =
                            (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(file.toFile());
                    template.put("_file", name);
                    templates.add(template);
                }
            }
        }
        return templates;
    }
}
