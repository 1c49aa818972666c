package org.harassmentwatch.sink;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.ErrorCause;
import co.elastic.clients.elasticsearch.cluster.ComponentTemplate;
import co.elastic.clients.elasticsearch.cluster.ComponentTemplateNode;
import co.elastic.clients.elasticsearch.cluster.GetComponentTemplateResponse;
import co.elastic.clients.elasticsearch.indices.GetIndexTemplateResponse;
import co.elastic.clients.elasticsearch.indices.GetMappingResponse;
import co.elastic.clients.elasticsearch.indices.IndexTemplate;
import co.elastic.clients.elasticsearch.indices.get_index_template.IndexTemplateItem;
import co.elastic.clients.elasticsearch.indices.get_mapping.IndexMappingRecord;
import co.elastic.clients.json.JsonData;
import co.elastic.clients.json.JsonpSerializable;
import co.elastic.clients.json.JsonpUtils;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.elasticsearch.client.ResponseException;

/**
 * Installs the harassment-watch component and index templates, idempotently: each template is read back first
 * (GET) and only written (PUT) when what is there differs from what would be written. Every call reports, per
 * template, whether it was {@code created}, {@code updated} or {@code unchanged}.
 *
 * <p>The templates are the plain JSON files of {@code index-templates/} (also usable with curl), bundled in the jar
 * under {@value #RESOURCE_DIR}/ or read from a directory. They use the default prefix {@value #DEFAULT_PREFIX};
 * {@link #load} rewrites it to the configured prefix in template names, index patterns and {@code composed_of}.
 *
 * <p>Comparison: both the wanted and the existing template go through the client's typed model
 * ({@link ComponentTemplateNode} / {@link IndexTemplate}) and back to JSON, so representation details (settings
 * returned as strings, default-valued fields) are the same on both sides and only real differences count.
 */
public final class TemplateInstaller {

    public static final String DEFAULT_PREFIX = "hw-";
    /** Classpath folder holding the bundled template files. */
    public static final String RESOURCE_DIR = "index-templates";
    static final String COMPONENT_FILE_PREFIX = "component-template.";
    static final String INDEX_FILE_PREFIX = "index-template.";
    static final String FILE_SUFFIX = ".json";

    /** The bundled files; the jar cannot be listed reliably, so they are named here (a test checks the folder). */
    public static final List<String> BUNDLED_FILES = List.of(
            "component-template.hw-settings.json",
            "index-template.hw-alerts.json",
            "index-template.hw-campaigns.json",
            "index-template.hw-dead-letters.json",
            "index-template.hw-evidence.json");

    /** Lower-case, starts with a letter or digit: whatever follows must still form a valid index name. */
    private static final Pattern VALID_PREFIX = Pattern.compile("[a-z0-9][a-z0-9._-]{0,99}");

    /** Fields Elasticsearch adds on its own (8.19 / 9.x template timestamps): never a reason to rewrite. */
    private static final Set<String> SERVER_MANAGED_FIELDS = Set.of(
            "created_date", "created_date_millis", "modified_date", "modified_date_millis");

    private static final int MAX_REPORTED_DIFFERENCES = 5;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a template file installs. */
    public enum Kind {
        COMPONENT_TEMPLATE, INDEX_TEMPLATE, INDEX;

        /** {@code component_template}, {@code index_template}, {@code index}: as printed. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public enum Outcome {
        CREATED, UPDATED, UNCHANGED;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One template, prefix already applied.
     *
     * @param kind    component or index template
     * @param name    template name, e.g. {@code hw-campaigns}
     * @param json    the request body, as sent to {@code PUT _component_template/NAME} or {@code _index_template/NAME}
     * @param origin  file or resource it came from, for messages
     * @param version {@code _meta.template_version} of the file, or null
     */
    public record Template(Kind kind, String name, String json, String origin, Long version) {
        public Template {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(json, "json");
            Objects.requireNonNull(origin, "origin");
            if (kind == Kind.INDEX) {
                throw new IllegalArgumentException("a template is a component or an index template, not " + kind);
            }
        }
    }

    /**
     * What happened to one template or index.
     *
     * @param detail  human-readable: the template version, and for {@code updated} the first differing fields
     */
    public record Result(Kind kind, String name, Outcome outcome, String detail) {
    }

    private final ElasticsearchClient client;
    private final List<Template> templates;

    /**
     * @param client    the caller's client; not closed here
     * @param templates templates to install, e.g. from {@link #loadBundled(String)}
     */
    public TemplateInstaller(ElasticsearchClient client, List<Template> templates) {
        this.client = Objects.requireNonNull(client, "client");
        this.templates = installOrder(templates);
    }

    public List<Template> templates() {
        return templates;
    }

    // ---------------------------------------------------------------- loading

    /** The templates bundled in the jar, with the given prefix. */
    public static List<Template> loadBundled(String prefix) {
        checkPrefix(prefix);
        List<Template> loaded = new ArrayList<>();
        ClassLoader loader = TemplateInstaller.class.getClassLoader();
        for (String file : BUNDLED_FILES) {
            String resource = RESOURCE_DIR + "/" + file;
            try (InputStream in = loader.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("Bundled template " + resource + " is missing from the classpath"
                            + " (the jobs jar copies ../index-templates/*.json as resources)");
                }
                loaded.add(parse(file, new String(in.readAllBytes(), StandardCharsets.UTF_8), "classpath:" + resource,
                        prefix));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read bundled template " + resource, e);
            }
        }
        return installOrder(loaded);
    }

    /**
     * Every {@code component-template.NAME.json} and {@code index-template.NAME.json} file directly in
     * {@code directory}; other {@code .json} files are an error (a misnamed template would silently not be installed).
     */
    public static List<Template> loadDirectory(Path directory, String prefix) {
        checkPrefix(prefix);
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException("Templates directory " + directory + " does not exist or is not a directory");
        }
        List<Template> loaded = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String fileName = file.getFileName().toString();
                if (!fileName.endsWith(FILE_SUFFIX)) {
                    continue; // README.md and friends
                }
                loaded.add(parse(fileName, Files.readString(file, StandardCharsets.UTF_8), file.toString(), prefix));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read templates directory " + directory, e);
        }
        if (loaded.isEmpty()) {
            throw new IllegalArgumentException("Templates directory " + directory + " holds no "
                    + COMPONENT_FILE_PREFIX + "*.json or " + INDEX_FILE_PREFIX + "*.json file");
        }
        return installOrder(loaded);
    }

    /** {@link #loadDirectory} when a directory is given, else {@link #loadBundled}. */
    public static List<Template> load(Path directoryOrNull, String prefix) {
        return directoryOrNull == null ? loadBundled(prefix) : loadDirectory(directoryOrNull, prefix);
    }

    /** Parses one template file and applies the prefix; the kind and name come from the file name. */
    static Template parse(String fileName, String json, String origin, String prefix) {
        Kind kind;
        String baseName;
        if (fileName.startsWith(COMPONENT_FILE_PREFIX) && fileName.endsWith(FILE_SUFFIX)) {
            kind = Kind.COMPONENT_TEMPLATE;
            baseName = fileName.substring(COMPONENT_FILE_PREFIX.length(), fileName.length() - FILE_SUFFIX.length());
        } else if (fileName.startsWith(INDEX_FILE_PREFIX) && fileName.endsWith(FILE_SUFFIX)) {
            kind = Kind.INDEX_TEMPLATE;
            baseName = fileName.substring(INDEX_FILE_PREFIX.length(), fileName.length() - FILE_SUFFIX.length());
        } else {
            throw new IllegalArgumentException("Template file " + origin + ": name must be "
                    + COMPONENT_FILE_PREFIX + "NAME.json or " + INDEX_FILE_PREFIX + "NAME.json");
        }
        if (baseName.isEmpty()) {
            throw new IllegalArgumentException("Template file " + origin + ": the template name is empty");
        }
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Template file " + origin + " is not valid JSON: "
                    + e.getOriginalMessage() + " at line " + e.getLocation().getLineNr(), e);
        }
        if (!(root instanceof ObjectNode body)) {
            throw new IllegalArgumentException("Template file " + origin + " must hold a JSON object");
        }
        if (kind == Kind.INDEX_TEMPLATE) {
            requireStringArray(body, "index_patterns", origin, false);
            prefixStrings(body, "index_patterns", prefix);
            if (body.has("composed_of")) {
                requireStringArray(body, "composed_of", origin, true);
                prefixStrings(body, "composed_of", prefix);
            } else {
                // Same meaning as absent; the client's typed model requires the field, and Elasticsearch returns it.
                body.putArray("composed_of");
            }
        }
        checkFitsTypedModel(kind, body.toString(), origin);
        JsonNode version = body.path("_meta").path("template_version");
        return new Template(kind, withPrefix(baseName, prefix), body.toString(), origin,
                version.canConvertToLong() ? version.asLong() : null);
    }

    /** The installer compares through the client's typed model: a body it cannot read fails here, at load time. */
    private static void checkFitsTypedModel(Kind kind, String json, String origin) {
        try {
            if (kind == Kind.COMPONENT_TEMPLATE) {
                ComponentTemplateNode.of(b -> b.withJson(new StringReader(json)));
            } else {
                IndexTemplate.of(b -> b.withJson(new StringReader(json)));
            }
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Template file " + origin + " is not a valid " + kind.label()
                    + " body: " + e.getMessage(), e);
        }
    }

    /** Replaces a leading {@value #DEFAULT_PREFIX} with {@code prefix}; other names are left alone. */
    public static String withPrefix(String name, String prefix) {
        checkPrefix(prefix);
        return name.startsWith(DEFAULT_PREFIX) ? prefix + name.substring(DEFAULT_PREFIX.length()) : name;
    }

    static void checkPrefix(String prefix) {
        if (prefix == null || !VALID_PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("Index prefix '" + prefix + "' is invalid: use 1-100 lower-case"
                    + " letters, digits, '.', '_' or '-', starting with a letter or digit (e.g. 'hw-')");
        }
    }

    private static void requireStringArray(ObjectNode body, String field, String origin, boolean mayBeEmpty) {
        JsonNode node = body.get(field);
        if (!(node instanceof ArrayNode array) || (array.isEmpty() && !mayBeEmpty)) {
            throw new IllegalArgumentException("Template file " + origin + ": '" + field + "' must be "
                    + (mayBeEmpty ? "an " : "a non-empty ") + "array of strings, got " + node);
        }
        for (JsonNode element : array) {
            if (!element.isTextual()) {
                throw new IllegalArgumentException("Template file " + origin + ": '" + field
                        + "' must hold strings only, got " + element);
            }
        }
    }

    private static void prefixStrings(ObjectNode body, String field, String prefix) {
        ArrayNode array = (ArrayNode) body.get(field);
        for (int i = 0; i < array.size(); i++) {
            array.set(i, TextNode.valueOf(withPrefix(array.get(i).asText(), prefix)));
        }
    }

    /** Component templates first (index templates refer to them), each group by name. */
    private static List<Template> installOrder(List<Template> templates) {
        Objects.requireNonNull(templates, "templates");
        List<Template> sorted = templates.stream()
                .sorted(Comparator.comparing(Template::kind).thenComparing(Template::name))
                .toList();
        for (int i = 1; i < sorted.size(); i++) {
            Template previous = sorted.get(i - 1);
            Template current = sorted.get(i);
            if (previous.kind() == current.kind() && previous.name().equals(current.name())) {
                throw new IllegalArgumentException("Two " + current.kind().label() + "s named " + current.name()
                        + ": " + previous.origin() + " and " + current.origin());
            }
        }
        return sorted;
    }

    // ---------------------------------------------------------------- installing

    /** Installs component templates, then index templates; one result per template, in that order. */
    public List<Result> install() throws IOException {
        List<Result> results = new ArrayList<>(templates.size());
        for (Template template : templates) {
            try {
                results.add(template.kind() == Kind.COMPONENT_TEMPLATE
                        ? installComponentTemplate(template)
                        : installIndexTemplate(template));
            } catch (ElasticsearchException | ResponseException e) {
                throw refused(template.kind().label() + " " + template.name() + " (from " + template.origin() + ")", e);
            }
        }
        return results;
    }

    private Result installComponentTemplate(Template template) throws IOException {
        ComponentTemplateNode wanted = ComponentTemplateNode.of(b -> b.withJson(new StringReader(template.json())));
        Optional<ComponentTemplateNode> existing = existingComponentTemplate(template.name());
        List<String> differences = existing.map(current -> differences(wanted, current)).orElse(List.of());
        if (existing.isPresent() && differences.isEmpty()) {
            return result(template, Outcome.UNCHANGED, differences);
        }
        client.cluster().putComponentTemplate(b -> b.name(template.name()).withJson(new StringReader(template.json())));
        return result(template, existing.isPresent() ? Outcome.UPDATED : Outcome.CREATED, differences);
    }

    private Result installIndexTemplate(Template template) throws IOException {
        IndexTemplate wanted = IndexTemplate.of(b -> b.withJson(new StringReader(template.json())));
        Optional<IndexTemplate> existing = existingIndexTemplate(template.name());
        List<String> differences = existing.map(current -> differences(wanted, current)).orElse(List.of());
        if (existing.isPresent() && differences.isEmpty()) {
            return result(template, Outcome.UNCHANGED, differences);
        }
        client.indices().putIndexTemplate(b -> b.name(template.name()).withJson(new StringReader(template.json())));
        return result(template, existing.isPresent() ? Outcome.UPDATED : Outcome.CREATED, differences);
    }

    private Optional<ComponentTemplateNode> existingComponentTemplate(String name) throws IOException {
        try {
            GetComponentTemplateResponse response = client.cluster().getComponentTemplate(b -> b.name(name));
            return response.componentTemplates().stream()
                    .filter(t -> t.name().equals(name))
                    .map(ComponentTemplate::componentTemplate)
                    .findFirst();
        } catch (ElasticsearchException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private Optional<IndexTemplate> existingIndexTemplate(String name) throws IOException {
        try {
            GetIndexTemplateResponse response = client.indices().getIndexTemplate(b -> b.name(name));
            return response.indexTemplates().stream()
                    .filter(t -> t.name().equals(name))
                    .map(IndexTemplateItem::indexTemplate)
                    .findFirst();
        } catch (ElasticsearchException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static Result result(Template template, Outcome outcome, List<String> differences) {
        StringBuilder detail = new StringBuilder();
        if (template.version() != null) {
            detail.append("template_version ").append(template.version());
        }
        if (!differences.isEmpty()) {
            if (!detail.isEmpty()) {
                detail.append("; ");
            }
            detail.append("changed: ").append(String.join(", ", differences.subList(0,
                    Math.min(differences.size(), MAX_REPORTED_DIFFERENCES))));
            if (differences.size() > MAX_REPORTED_DIFFERENCES) {
                detail.append(" and ").append(differences.size() - MAX_REPORTED_DIFFERENCES).append(" more");
            }
        }
        return new Result(template.kind(), template.name(), outcome, detail.toString());
    }

    /** Paths (dotted) where the two templates differ, in sorted order; empty when they are the same. */
    List<String> differences(JsonpSerializable wanted, JsonpSerializable existing) {
        JsonNode wantedTree = toTree(wanted);
        JsonNode existingTree = toTree(existing);
        if (wantedTree instanceof ObjectNode wantedObject && existingTree instanceof ObjectNode existingObject) {
            SERVER_MANAGED_FIELDS.forEach(wantedObject::remove);
            SERVER_MANAGED_FIELDS.forEach(existingObject::remove);
        }
        List<String> differences = new ArrayList<>();
        collectDifferences("", wantedTree, existingTree, differences);
        return differences;
    }

    private JsonNode toTree(JsonpSerializable value) {
        try {
            return JSON.readTree(JsonpUtils.toJsonString(value, client._jsonpMapper()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot re-read the client's own JSON for " + value, e);
        }
    }

    static void collectDifferences(String path, JsonNode wanted, JsonNode existing, List<String> out) {
        if (wanted instanceof ObjectNode wantedObject && existing instanceof ObjectNode existingObject) {
            Set<String> keys = new TreeSet<>();
            wantedObject.fieldNames().forEachRemaining(keys::add);
            existingObject.fieldNames().forEachRemaining(keys::add);
            for (String key : keys) {
                collectDifferences(path.isEmpty() ? key : path + "." + key,
                        wantedObject.path(key), existingObject.path(key), out);
            }
        } else if (!Objects.equals(wanted, existing)) {
            out.add(path.isEmpty() ? "(whole template)" : path);
        }
    }

    // ---------------------------------------------------------------- indices

    /**
     * Creates the write index of each index template (named like the template, e.g. {@code hw-campaigns}) if it
     * does not exist, with the cluster's default replica count. Run after {@link #install()}.
     */
    public List<Result> ensureIndices() throws IOException {
        return ensureIndices(null);
    }

    /**
     * As {@link #ensureIndices()}, with {@code numberOfReplicas} set on indices created now (0 on a single node keeps
     * health green); existing indices are not changed.
     */
    public List<Result> ensureIndices(Integer numberOfReplicas) throws IOException {
        if (numberOfReplicas != null && numberOfReplicas < 0) {
            throw new IllegalArgumentException("numberOfReplicas must be >= 0, got " + numberOfReplicas);
        }
        List<Result> results = new ArrayList<>();
        for (Template template : templates) {
            if (template.kind() == Kind.INDEX_TEMPLATE) {
                try {
                    results.add(ensureIndex(template.name(), numberOfReplicas));
                } catch (ElasticsearchException | ResponseException e) {
                    throw refused("index " + template.name(), e);
                }
            }
        }
        return results;
    }

    private Result ensureIndex(String index, Integer numberOfReplicas) throws IOException {
        if (!client.indices().exists(b -> b.index(index)).value()) {
            try {
                client.indices().create(b -> {
                    b.index(index);
                    if (numberOfReplicas != null) {
                        b.settings(s -> s.numberOfReplicas(String.valueOf(numberOfReplicas)));
                    }
                    return b;
                });
                return new Result(Kind.INDEX, index, Outcome.CREATED, describeMapping(index));
            } catch (ElasticsearchException e) {
                if (!"resource_already_exists_exception".equals(e.error().type())) {
                    throw e;
                }
                // Created concurrently by someone else: same end state as "it was there".
            }
        }
        return new Result(Kind.INDEX, index, Outcome.UNCHANGED, describeMapping(index));
    }

    /**
     * An error answer, with what was being installed. elasticsearch-java 8.19 over the low-level client turns only
     * 400/401/403/404/405 into {@link ElasticsearchException}; other statuses (409, 429, 5xx) arrive as the low-level
     * {@link ResponseException}, which is an {@link IOException} but not a connection problem.
     */
    private static IllegalStateException refused(String what, Exception e) {
        StringBuilder answer = new StringBuilder();
        if (e instanceof ResponseException response) {
            answer.append("HTTP ").append(response.getResponse().getStatusLine().getStatusCode()).append(' ')
                    .append(e.getMessage());
        } else {
            answer.append(e.getMessage());
            // The top-level reason is often generic ("template after composition is invalid"); the cause names
            // the field and the problem.
            ErrorCause cause = ((ElasticsearchException) e).error().causedBy();
            for (int depth = 0; cause != null && depth < 5; depth++, cause = cause.causedBy()) {
                answer.append("; caused by [").append(cause.type()).append("] ").append(cause.reason());
            }
        }
        return new IllegalStateException("Elasticsearch refused " + what + ": " + answer, e);
    }

    /** Says which template version an index's mapping came from, or that it did not come from ours. */
    private String describeMapping(String index) throws IOException {
        GetMappingResponse response = client.indices().getMapping(b -> b.index(index));
        Iterator<Map.Entry<String, IndexMappingRecord>> entries = response.result().entrySet().iterator();
        if (!entries.hasNext()) {
            return "no mapping returned";
        }
        Map<String, JsonData> meta = entries.next().getValue().mappings().meta();
        JsonData version = meta == null ? null : meta.get("template_version");
        return version == null
                ? "WARNING: mapping has no _meta.template_version: the index was not created from a"
                        + " harassment-watch template (created before the templates were installed?)"
                : "mapping template_version " + version.toJson();
    }
}
