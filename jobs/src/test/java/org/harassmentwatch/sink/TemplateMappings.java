package org.harassmentwatch.sink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Test helper: checks a document against an index template's mapping without Elasticsearch, so tests of the code
 * that builds documents can prove each field is declared (the mappings are {@code dynamic: strict}) and holds a
 * value of the declared type. {@code IndexTemplatesIT} checks the same documents against a real node.
 *
 * <p>Families: {@code campaigns}, {@code evidence}, {@code alerts}, {@code dead-letters}; the sample documents are
 * {@code sample-docs/FAMILY.json} on the test classpath.
 */
public final class TemplateMappings {

    public static final List<String> FAMILIES = List.of("campaigns", "evidence", "alerts", "dead-letters");

    private static final ObjectMapper JSON = new ObjectMapper();

    private TemplateMappings() {
    }

    /** The bundled index template of a family ({@code index-templates/index-template.hw-FAMILY.json}). */
    public static JsonNode indexTemplate(String family) {
        return readResource(TemplateInstaller.RESOURCE_DIR + "/" + TemplateInstaller.INDEX_FILE_PREFIX
                + TemplateInstaller.DEFAULT_PREFIX + family + TemplateInstaller.FILE_SUFFIX);
    }

    /** {@code template.mappings} of a family's index template. */
    public static JsonNode mappings(String family) {
        return indexTemplate(family).path("template").path("mappings");
    }

    /** The sample document of a family: every field filled, realistic values. */
    public static JsonNode sampleDocument(String family) {
        return readResource("sample-docs/" + family + ".json");
    }

    /**
     * Everything Elasticsearch would reject or map differently: fields the mapping does not declare, and values
     * whose JSON type does not fit the declared field type. Empty when the document fits.
     */
    public static List<String> problems(JsonNode document, JsonNode mappings) {
        List<String> problems = new ArrayList<>();
        checkObject("", document, mappings.path("properties"), problems);
        return problems;
    }

    /** Leaf fields (dotted paths) the mapping declares. */
    public static Set<String> mappedLeafFields(JsonNode mappings) {
        Set<String> fields = new TreeSet<>();
        collectMapped("", mappings.path("properties"), fields);
        return fields;
    }

    /** Leaf fields (dotted paths) a document holds; array elements share their array's path. */
    public static Set<String> documentLeafFields(JsonNode document) {
        Set<String> fields = new TreeSet<>();
        collectDocument("", document, fields);
        return fields;
    }

    private static void checkObject(String prefix, JsonNode object, JsonNode properties, List<String> problems) {
        Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String path = prefix + field.getKey();
            JsonNode mapping = properties.get(field.getKey());
            if (mapping == null) {
                problems.add(path + ": not declared in the mapping (dynamic: strict rejects the document)");
                continue;
            }
            checkValue(path, field.getValue(), mapping, problems);
        }
    }

    private static void checkValue(String path, JsonNode value, JsonNode mapping, List<String> problems) {
        if (value.isNull()) {
            return; // null is "no value" for every field type
        }
        if (value.isArray()) {
            for (JsonNode element : value) {
                checkValue(path, element, mapping, problems);
            }
            return;
        }
        String type = mapping.path("type").asText(mapping.has("properties") ? "object" : "");
        boolean fits = switch (type) {
            case "object", "nested" -> value.isObject();
            case "keyword", "text" -> value.isTextual();
            case "long", "integer", "short", "byte" -> value.isIntegralNumber();
            case "float", "double", "half_float" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            case "date" -> value.isTextual() || value.isIntegralNumber();
            default -> false;
        };
        if (!fits) {
            problems.add(path + ": " + (type.isEmpty() ? "untyped" : type) + " field holds " + value);
        } else if (value.isObject()) {
            checkObject(path + ".", value, mapping.path("properties"), problems);
        }
    }

    private static void collectMapped(String prefix, JsonNode properties, Set<String> out) {
        properties.fields().forEachRemaining(field -> {
            JsonNode children = field.getValue().get("properties");
            if (children != null) {
                collectMapped(prefix + field.getKey() + ".", children, out);
            } else {
                out.add(prefix + field.getKey());
            }
        });
    }

    private static void collectDocument(String path, JsonNode value, Set<String> out) {
        if (value.isObject()) {
            value.fields().forEachRemaining(field ->
                    collectDocument(path.isEmpty() ? field.getKey() : path + "." + field.getKey(), field.getValue(), out));
        } else if (value.isArray()) {
            value.forEach(element -> collectDocument(path, element, out));
        } else {
            out.add(path);
        }
    }

    private static JsonNode readResource(String resource) {
        try (InputStream in = TemplateMappings.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("No resource " + resource + " on the test classpath");
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }
}
