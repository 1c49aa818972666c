package org.harassmentwatch.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.harassmentwatch.sink.TemplateInstaller.Kind;
import org.harassmentwatch.sink.TemplateInstaller.Template;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class TemplateInstallerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void defaultPrefixKeepsTheNamesOfTheFiles() {
        assertThat(TemplateInstaller.loadBundled("hw-"))
                .extracting(t -> t.kind().label() + " " + t.name())
                .containsExactly(
                        "component_template hw-settings",
                        "index_template hw-alerts",
                        "index_template hw-campaigns",
                        "index_template hw-dead-letters",
                        "index_template hw-evidence");
    }

    @Test
    void prefixIsRewrittenInNamesPatternsAndComposedOf() throws IOException {
        Template campaigns = find(TemplateInstaller.loadBundled("acme-prod."), "acme-prod.campaigns");
        JsonNode body = JSON.readTree(campaigns.json());

        assertThat(body.path("index_patterns")).extracting(JsonNode::asText)
                .containsExactly("acme-prod.campaigns", "acme-prod.campaigns-*");
        assertThat(body.path("composed_of")).extracting(JsonNode::asText).containsExactly("acme-prod.settings");
        assertThat(TemplateInstaller.loadBundled("acme-prod.")).extracting(Template::name)
                .containsExactly("acme-prod.settings", "acme-prod.alerts", "acme-prod.campaigns",
                        "acme-prod.dead-letters", "acme-prod.evidence");
    }

    @Test
    void prefixRewritingTouchesNothingElse() throws IOException {
        List<Template> standard = TemplateInstaller.loadBundled("hw-");
        List<Template> prefixed = TemplateInstaller.loadBundled("x-");
        for (int i = 0; i < standard.size(); i++) {
            ObjectNode expected = (ObjectNode) JSON.readTree(standard.get(i).json());
            ObjectNode actual = (ObjectNode) JSON.readTree(prefixed.get(i).json());
            expected.remove(List.of("index_patterns", "composed_of"));
            actual.remove(List.of("index_patterns", "composed_of"));

            assertThat(actual).as(standard.get(i).name()).isEqualTo(expected);
            assertThat(prefixed.get(i).version()).isEqualTo(standard.get(i).version()).isEqualTo(1L);
        }
    }

    @Test
    void namesWithoutTheDefaultPrefixAreLeftAlone() {
        assertThat(TemplateInstaller.withPrefix("hw-campaigns", "ops-")).isEqualTo("ops-campaigns");
        assertThat(TemplateInstaller.withPrefix("my-ilm-settings", "ops-")).isEqualTo("my-ilm-settings");
        assertThat(TemplateInstaller.withPrefix("xhw-campaigns", "ops-")).isEqualTo("xhw-campaigns");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"HW-", "-hw", "_hw", "hw*", "h w", "hw,", "a/b"})
    void invalidPrefixIsRejected(String prefix) {
        assertThatThrownBy(() -> TemplateInstaller.loadBundled(prefix))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Index prefix '" + prefix + "' is invalid");
    }

    @Test
    void directoryLoadingIgnoresNonJsonFilesAndSubfolders(@TempDir Path dir) throws IOException {
        copy("component-template.hw-settings.json", dir);
        copy("index-template.hw-alerts.json", dir);
        Files.writeString(dir.resolve("README.md"), "# notes");
        Files.createDirectory(dir.resolve("optional"));
        Files.writeString(dir.resolve("optional/ilm-policy.x.json"), "{}");

        assertThat(TemplateInstaller.loadDirectory(dir, "hw-")).extracting(Template::name)
                .containsExactly("hw-settings", "hw-alerts");
    }

    @Test
    void misnamedJsonFileIsRejectedNamingIt(@TempDir Path dir) throws IOException {
        copy("index-template.hw-alerts.json", dir);
        Path misnamed = Files.writeString(dir.resolve("alerts-template.json"), "{}");

        assertThatThrownBy(() -> TemplateInstaller.loadDirectory(dir, "hw-"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(misnamed.toString())
                .hasMessageContaining("index-template.NAME.json");
    }

    @Test
    void invalidJsonIsRejectedWithFileAndLine(@TempDir Path dir) throws IOException {
        Path broken = Files.writeString(dir.resolve("index-template.hw-x.json"), "{\n  \"index_patterns\": [\"a\"],\n  oops\n}");

        assertThatThrownBy(() -> TemplateInstaller.loadDirectory(dir, "hw-"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(broken.toString())
                .hasMessageContaining("not valid JSON")
                .hasMessageContaining("line 3");
    }

    @Test
    void indexTemplateWithoutPatternsIsRejected(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("index-template.hw-x.json"), "{\"index_patterns\": []}");

        assertThatThrownBy(() -> TemplateInstaller.loadDirectory(dir, "hw-"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'index_patterns' must be a non-empty array of strings");
    }

    @Test
    void composedOfMustBeAnArrayAndDefaultsToEmpty(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("index-template.hw-x.json"), "{\"index_patterns\": [\"hw-x\"]}");

        assertThat(JSON.readTree(TemplateInstaller.loadDirectory(dir, "hw-").get(0).json()).path("composed_of"))
                .isEmpty();

        Files.writeString(dir.resolve("index-template.hw-x.json"),
                "{\"index_patterns\": [\"hw-x\"], \"composed_of\": \"hw-settings\"}");
        assertThatThrownBy(() -> TemplateInstaller.loadDirectory(dir, "hw-"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'composed_of' must be an array of strings, got \"hw-settings\"");
    }

    @Test
    void bodyTheClientCannotModelIsRejectedAtLoadTime(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("index-template.hw-x.json"),
                "{\"index_patterns\": [\"hw-x\"], \"priority\": \"high\"}");

        assertThatThrownBy(() -> TemplateInstaller.loadDirectory(dir, "hw-"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(file + " is not a valid index_template body");
    }

    @Test
    void emptyOrMissingDirectoryIsRejected(@TempDir Path dir) {
        assertThatThrownBy(() -> TemplateInstaller.loadDirectory(dir, "hw-"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("holds no component-template.*.json or index-template.*.json");
        assertThatThrownBy(() -> TemplateInstaller.loadDirectory(dir.resolve("absent"), "hw-"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not exist");
    }

    @Test
    void differencesNameTheChangedLeaves() throws IOException {
        JsonNode wanted = JSON.readTree("{\"priority\":200,\"template\":{\"mappings\":{\"properties\":"
                + "{\"a\":{\"type\":\"keyword\"},\"b\":{\"type\":\"long\"}}}}}");
        JsonNode existing = JSON.readTree("{\"priority\":100,\"template\":{\"mappings\":{\"properties\":"
                + "{\"a\":{\"type\":\"text\"},\"b\":{\"type\":\"long\"},\"c\":{\"type\":\"long\"}}}}}");
        List<String> differences = new ArrayList<>();

        TemplateInstaller.collectDifferences("", wanted, existing, differences);

        assertThat(differences).containsExactly(
                "priority", "template.mappings.properties.a.type", "template.mappings.properties.c");
    }

    @Test
    void identicalTreesHaveNoDifferences() throws IOException {
        JsonNode tree = JSON.readTree(TemplateInstaller.loadBundled("hw-").get(2).json());
        List<String> differences = new ArrayList<>();

        TemplateInstaller.collectDifferences("", tree, tree.deepCopy(), differences);

        assertThat(differences).isEmpty();
    }

    @Test
    void aTemplateIsAComponentOrIndexTemplateNotAnIndex() {
        assertThatThrownBy(() -> new Template(Kind.INDEX, "hw-x", "{}", "test", null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static Template find(List<Template> templates, String name) {
        return templates.stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }

    private static void copy(String file, Path dir) throws IOException {
        Files.copy(TemplateFilesTest.TEMPLATES_DIR.resolve(file), dir.resolve(file));
    }
}
