package org.harassmentwatch.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.GetResponse;
import co.elastic.clients.elasticsearch.indices.IndexSettings;
import co.elastic.clients.json.JsonpUtils;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.harassmentwatch.sink.TemplateInstaller.Kind;
import org.harassmentwatch.sink.TemplateInstaller.Outcome;
import org.harassmentwatch.sink.TemplateInstaller.Result;
import org.harassmentwatch.stack.LocalStackExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * The templates on a real Elasticsearch 8.19 node: installed idempotently, a full sample document of each index
 * is accepted and read back unchanged, an undeclared field is rejected, and indexing adds no field to the mapping.
 *
 * <p>Runs on the local stack's node (shared by the test JVM), with its own prefix so it cannot collide with other
 * tests' {@code hw-} templates and indices.
 */
@ExtendWith(LocalStackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IndexTemplatesIT {

    private static final String PREFIX = "it-templates-";
    private static final ObjectMapper JSON = new ObjectMapper();

    private EsConnection connection;
    private ElasticsearchClient client;

    @BeforeAll
    void connectAndClean() throws IOException {
        connection = EsConnection.of(LocalStackExtension.elasticsearchUrl());
        client = ElasticsearchClients.create(connection);
        // A reused data directory may hold a previous run's state: start from nothing so "created" is provable.
        for (String family : TemplateMappings.FAMILIES) {
            client.indices().delete(d -> d.index(PREFIX + family).ignoreUnavailable(true));
            deleteIndexTemplateIfPresent(PREFIX + family);
        }
        deleteComponentTemplateIfPresent(PREFIX + "settings");
    }

    @AfterAll
    void close() throws IOException {
        if (client != null) {
            client.close();
        }
    }

    @Test
    @Order(1)
    void firstRunCreatesEveryTemplateAndSecondRunChangesNothing() throws IOException {
        List<Result> first = new TemplateInstaller(client, TemplateInstaller.loadBundled(PREFIX)).install();

        assertThat(first).extracting(r -> r.kind().label() + " " + r.name() + " " + r.outcome().label())
                .containsExactly(
                        "component_template it-templates-settings created",
                        "index_template it-templates-alerts created",
                        "index_template it-templates-campaigns created",
                        "index_template it-templates-dead-letters created",
                        "index_template it-templates-evidence created");

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = new CommandLine(new ApplyTemplatesCommand(Map.of()));
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        int exit = command.execute("--es", connection.urlList(), "--prefix", PREFIX);

        assertThat(err.toString()).isEmpty();
        assertThat(exit).isZero();
        assertThat(out.toString().lines().toList())
                .hasSize(6)
                .allSatisfy(line -> assertThat(line).containsAnyOf(" unchanged ", "5 templates:"))
                .last().isEqualTo("5 templates: 0 created, 0 updated, 5 unchanged");
    }

    @Test
    @Order(2)
    void templateChangedOnTheServerIsUpdatedBackOnce() throws IOException {
        client.cluster().putComponentTemplate(p -> p.name(PREFIX + "settings")
                .template(t -> t.settings(s -> s.numberOfShards("1").refreshInterval(r -> r.time("30s")))));

        List<Result> repaired = new TemplateInstaller(client, TemplateInstaller.loadBundled(PREFIX)).install();
        List<Result> again = new TemplateInstaller(client, TemplateInstaller.loadBundled(PREFIX)).install();

        assertThat(repaired.get(0).outcome()).isEqualTo(Outcome.UPDATED);
        assertThat(repaired.get(0).detail()).contains("refresh_interval", "_meta");
        assertThat(repaired.subList(1, repaired.size())).extracting(Result::outcome).containsOnly(Outcome.UNCHANGED);
        assertThat(again).extracting(Result::outcome).containsOnly(Outcome.UNCHANGED);
    }

    @Test
    @Order(3)
    void writeIndicesAreCreatedFromTheTemplatesOnce() throws IOException {
        TemplateInstaller installer = new TemplateInstaller(client, TemplateInstaller.loadBundled(PREFIX));

        List<Result> created = installer.ensureIndices(0);
        List<Result> again = installer.ensureIndices(0);

        assertThat(created).extracting(Result::name).containsExactly(
                PREFIX + "alerts", PREFIX + "campaigns", PREFIX + "dead-letters", PREFIX + "evidence");
        assertThat(created).allSatisfy(r -> {
            assertThat(r.kind()).isEqualTo(Kind.INDEX);
            assertThat(r.outcome()).isEqualTo(Outcome.CREATED);
            assertThat(r.detail()).isEqualTo("mapping template_version 1");
        });
        assertThat(again).extracting(Result::outcome).containsOnly(Outcome.UNCHANGED);

        IndexSettings settings = client.indices().getSettings(g -> g.index(PREFIX + "campaigns"))
                .get(PREFIX + "campaigns").settings().index();
        assertThat(settings.numberOfShards()).isEqualTo("1");
        assertThat(settings.numberOfReplicas()).isEqualTo("0");
        assertThat(settings.refreshInterval().time()).isEqualTo("1s");
    }

    static List<String> families() {
        return TemplateMappings.FAMILIES;
    }

    @ParameterizedTest
    @MethodSource("families")
    @Order(4)
    void sampleDocumentIsIndexedAndReadBackUnchanged(String family) throws IOException {
        JsonNode sample = TemplateMappings.sampleDocument(family);
        String index = PREFIX + family;
        String id = documentId(family, sample);

        client.index(i -> {
            i.index(index).id(id).document(sample).refresh(Refresh.WaitFor);
            if (family.equals("campaigns")) {
                i.version(sample.get("version").asLong()).versionType(VersionType.External);
            }
            return i;
        });
        GetResponse<ObjectNode> stored = client.get(g -> g.index(index).id(id), ObjectNode.class);

        assertThat(stored.found()).isTrue();
        assertThat(stored.source()).isEqualTo(sample);
        long hits = client.count(c -> c.index(index)).count();
        assertThat(hits).isEqualTo(1);
    }

    @Test
    @Order(5)
    void olderCampaignVersionIsRefusedByExternalVersioning() throws IOException {
        ObjectNode older = TemplateMappings.sampleDocument("campaigns").deepCopy();
        long version = older.get("version").asLong() - 1;
        older.put("version", version);

        // In bulk (as the sink writes) a stale version is a per-item error, not an exception.
        BulkResponse response = client.bulk(b -> b.operations(o -> o.index(i -> i
                .index(PREFIX + "campaigns").id(older.get("campaign_id").asText())
                .document(older).version(version).versionType(VersionType.External))));

        assertThat(response.errors()).isTrue();
        assertThat(response.items().get(0).status()).isEqualTo(409);
        assertThat(response.items().get(0).error().type()).isEqualTo("version_conflict_engine_exception");
        GetResponse<ObjectNode> stored = client.get(g -> g.index(PREFIX + "campaigns")
                .id(older.get("campaign_id").asText()), ObjectNode.class);
        assertThat(stored.version()).isEqualTo(version + 1);
    }

    @ParameterizedTest
    @MethodSource("families")
    @Order(6)
    void undeclaredFieldIsRejectedAtTopLevelAndInsideObjects(String family) {
        ObjectNode topLevel = TemplateMappings.sampleDocument(family).deepCopy();
        topLevel.put("unexpected_field", "x");

        assertStrictRejection(family, topLevel, "unexpected_field");

        ObjectNode inner = TemplateMappings.sampleDocument(family).deepCopy();
        String objectField = firstObjectField(inner);
        if (objectField != null) {
            ((ObjectNode) inner.get(objectField)).put("unexpected_inner", 1);
            assertStrictRejection(family, inner, "unexpected_inner");
        }
    }

    @ParameterizedTest
    @MethodSource("families")
    @Order(7)
    void mappingHoldsEveryFieldOfTheSampleAndNothingDynamic(String family) throws IOException {
        String index = PREFIX + family;
        JsonNode mapping = JSON.readTree(JsonpUtils.toJsonString(
                client.indices().getMapping(g -> g.index(index)).get(index).mappings(), client._jsonpMapper()));

        assertThat(mapping.path("dynamic").asText()).isEqualTo("strict");
        assertThat(TemplateMappings.mappedLeafFields(mapping))
                .containsAll(TemplateMappings.documentLeafFields(TemplateMappings.sampleDocument(family)))
                .as("indexing added no field the template does not declare")
                .containsExactlyElementsOf(TemplateMappings.mappedLeafFields(TemplateMappings.mappings(family)));
    }

    @Test
    @Order(8)
    void templateElasticsearchRefusesIsReportedWithItsFile(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("index-template.hw-broken.json"), """
                {"index_patterns": ["hw-broken"], "priority": 200,
                 "template": {"mappings": {"properties": {"x": {"type": "no_such_type"}}}}}
                """);
        TemplateInstaller installer = new TemplateInstaller(client, TemplateInstaller.loadDirectory(dir, PREFIX));

        assertThatThrownBy(installer::install)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Elasticsearch refused index_template " + PREFIX + "broken (from " + file + ")")
                .hasMessageContaining("no_such_type");
        deleteIndexTemplateIfPresent(PREFIX + "broken");
    }

    private void assertStrictRejection(String family, ObjectNode document, String field) {
        assertThatThrownBy(() -> client.index(i -> i.index(PREFIX + family).id("strict-check").document(document)))
                .isInstanceOfSatisfying(ElasticsearchException.class, e -> {
                    assertThat(e.error().type()).isEqualTo("strict_dynamic_mapping_exception");
                    assertThat(e.error().reason()).contains(field);
                });
    }

    private static String firstObjectField(ObjectNode document) {
        var fields = document.fields();
        while (fields.hasNext()) {
            var field = fields.next();
            if (field.getValue().isObject()) {
                return field.getKey();
            }
        }
        return null;
    }

    /** The ids the job uses (see index-templates/README.md). */
    private static String documentId(String family, JsonNode document) {
        return switch (family) {
            case "campaigns" -> document.get("campaign_id").asText();
            case "evidence" -> document.get("message_id").asText() + "|" + document.get("campaign_id").asText();
            case "alerts" -> document.get("alert_id").asText();
            case "dead-letters" -> "sample-dead-letter";
            default -> throw new IllegalArgumentException("unknown family " + family);
        };
    }

    private void deleteIndexTemplateIfPresent(String name) throws IOException {
        try {
            client.indices().deleteIndexTemplate(d -> d.name(name));
        } catch (ElasticsearchException e) {
            if (e.status() != 404) {
                throw e;
            }
        }
    }

    private void deleteComponentTemplateIfPresent(String name) throws IOException {
        try {
            client.cluster().deleteComponentTemplate(d -> d.name(name));
        } catch (ElasticsearchException e) {
            if (e.status() != 404) {
                throw e;
            }
        }
    }

}
