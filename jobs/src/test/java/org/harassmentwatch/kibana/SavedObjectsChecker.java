package org.harassmentwatch.kibana;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks Kibana saved objects (an {@code _import} NDJSON file) against the Elasticsearch index templates without
 * Kibana: every reference resolves to an object of the file, and every field a saved object names (data view time
 * field, field formats and labels; saved-search KQL, sort and columns; visualization KQL and aggregation fields)
 * exists in the template of its data view with a type that use needs. A template change that drops, renames or
 * retypes a field the analysts' objects use therefore fails the build.
 */
final class SavedObjectsChecker {

    /** Oldest Kibana the file must import into: objects may not claim a newer migration version. */
    static final String OLDEST_KIBANA = "8.0.0";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> TYPES = Set.of("index-pattern", "search", "visualization", "dashboard");
    private static final Set<String> NUMERIC = Set.of("long", "integer", "short", "byte", "double", "float",
            "half_float", "scaled_float", "unsigned_long");
    private static final Pattern QUOTED = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");
    private static final Pattern KQL_FIELD = Pattern.compile("(?<![\\w.@])([A-Za-z_@][\\w.@-]*)\\s*(<=|>=|<|>|:)");

    /** A mapped field: its type, whether it is searchable and aggregatable, and the nested object it is in. */
    record Field(String type, boolean indexed, boolean docValues, String nestedIn) {
        boolean sortable() {
            return docValues && !type.equals("text") && !type.equals("object") && !type.equals("nested")
                    && nestedIn == null;
        }
    }

    /** A template family: the index patterns it applies to and its fields by dotted path. */
    record Family(String name, List<String> indexPatterns, Map<String, Field> fields) {
    }

    private final Map<String, Family> families;
    private final List<String> problems = new ArrayList<>();

    private SavedObjectsChecker(Map<String, Family> families) {
        this.families = families;
    }

    /** Everything wrong with {@code objects}, each naming the object and the field or reference; empty when sound. */
    static List<String> problems(List<JsonNode> objects, Map<String, Family> families) {
        SavedObjectsChecker checker = new SavedObjectsChecker(families);
        checker.check(objects);
        return checker.problems;
    }

    /** A family from an index template file's JSON. */
    static Family family(String name, JsonNode indexTemplate) {
        List<String> patterns = new ArrayList<>();
        indexTemplate.path("index_patterns").forEach(p -> patterns.add(p.asText()));
        Map<String, Field> fields = new TreeMap<>();
        collect("", indexTemplate.path("template").path("mappings").path("properties"), null, fields);
        return new Family(name, patterns, fields);
    }

    private static void collect(String prefix, JsonNode properties, String nestedIn, Map<String, Field> out) {
        Iterator<Map.Entry<String, JsonNode>> it = properties.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String path = prefix + e.getKey();
            JsonNode m = e.getValue();
            String type = m.path("type").asText(m.has("properties") ? "object" : "");
            out.put(path, new Field(type, m.path("index").asBoolean(true),
                    !type.equals("text") && m.path("doc_values").asBoolean(true), nestedIn));
            if (m.has("properties")) {
                collect(path + ".", m.path("properties"), type.equals("nested") ? path : nestedIn, out);
            }
        }
    }

    /** Field names a KQL query uses, with the operator after each ({@code :}, {@code <}, {@code >=}, ...). */
    static Map<String, Set<String>> kqlFields(String kql) {
        Matcher m = KQL_FIELD.matcher(QUOTED.matcher(kql).replaceAll("\"\""));
        Map<String, Set<String>> fields = new LinkedHashMap<>();
        while (m.find()) {
            fields.computeIfAbsent(m.group(1), k -> new TreeSet<>()).add(m.group(2));
        }
        return fields;
    }

    private void check(List<JsonNode> objects) {
        Map<String, JsonNode> byKey = new LinkedHashMap<>();
        for (JsonNode o : objects) {
            String key = key(o.path("type").asText(), o.path("id").asText());
            if (!TYPES.contains(o.path("type").asText())) {
                problem(key, "type is not one of " + new TreeSet<>(TYPES));
            }
            if (o.path("id").asText().isEmpty() || !o.path("attributes").hasNonNull("title")) {
                problem(key, "has no id or no attributes.title");
            }
            if (byKey.put(key, o) != null) {
                problem(key, "appears twice");
            }
            checkVersions(key, o);
        }
        for (JsonNode o : objects) {
            String key = key(o.path("type").asText(), o.path("id").asText());
            checkReferences(key, o, byKey);
            switch (o.path("type").asText()) {
                case "index-pattern" -> checkDataView(key, o);
                case "search" -> checkSearch(key, o, byKey);
                case "visualization" -> checkVisualization(key, o, byKey);
                case "dashboard" -> checkDashboard(key, o);
                default -> { }
            }
        }
    }

    private void checkVersions(String key, JsonNode o) {
        List<String> versions = new ArrayList<>();
        versions.add(o.path("coreMigrationVersion").asText(""));
        o.path("migrationVersion").forEach(v -> versions.add(v.asText()));
        if (o.has("typeMigrationVersion")) {
            versions.add(o.path("typeMigrationVersion").asText());
        }
        if (!o.has("migrationVersion") && !o.has("typeMigrationVersion")) {
            problem(key, "has no migrationVersion: Kibana would not know which migrations to run");
        }
        for (String v : versions) {
            if (v.isEmpty() || compareVersions(v, OLDEST_KIBANA) > 0) {
                problem(key, "claims version '" + v + "': Kibana older than that refuses it; keep <= " + OLDEST_KIBANA);
            }
        }
    }

    private void checkReferences(String key, JsonNode o, Map<String, JsonNode> byKey) {
        Set<String> names = new TreeSet<>();
        for (JsonNode r : o.path("references")) {
            String target = key(r.path("type").asText(), r.path("id").asText());
            if (!byKey.containsKey(target)) {
                problem(key, "reference '" + r.path("name").asText() + "' points to " + target
                        + ", which is not in the file");
            }
            if (!names.add(r.path("name").asText())) {
                problem(key, "has two references named '" + r.path("name").asText() + "'");
            }
        }
        Set<String> used = new TreeSet<>();
        JsonNode source = searchSource(key, o);
        if (source != null) {
            if (source.has("index")) {
                problem(key, "searchSourceJSON names its data view by id instead of indexRefName");
            }
            if (source.has("indexRefName")) {
                used.add(source.path("indexRefName").asText());
            }
        }
        if ("dashboard".equals(o.path("type").asText())) {
            for (JsonNode panel : parse(key, "panelsJSON", o.path("attributes").path("panelsJSON").asText("[]"))) {
                String name = panel.path("panelIndex").asText() + ":" + panel.path("panelRefName").asText();
                used.add(name);
                if (!panel.hasNonNull("type")) {
                    problem(key, "panel " + panel.path("panelIndex").asText() + " has no type");
                }
            }
        }
        for (String name : used) {
            if (!names.contains(name)) {
                problem(key, "uses reference '" + name + "', which its references do not define");
            }
        }
        for (String name : names) {
            if (!used.contains(name)) {
                problem(key, "defines reference '" + name + "' but never uses it");
            }
        }
    }

    private void checkDataView(String key, JsonNode o) {
        Family family = familyOf(key, o.path("attributes").path("title").asText());
        if (family == null) {
            return;
        }
        JsonNode a = o.path("attributes");
        String timeField = a.path("timeFieldName").asText("");
        if (!timeField.isEmpty()) {
            expectType(key, family, "time", timeField, Set.of("date", "date_nanos"));
        }
        JsonNode formats = parse(key, "fieldFormatMap", a.path("fieldFormatMap").asText("{}"));
        formats.fields().forEachRemaining(e -> {
            String format = e.getValue().path("id").asText();
            Set<String> types = switch (format) {
                case "number", "percent", "bytes", "duration", "currency" -> NUMERIC;
                case "date", "relative_date" -> Set.of("date", "date_nanos");
                case "boolean" -> Set.of("boolean");
                case "url", "string", "color", "truncate" -> Set.of("keyword", "text");
                default -> Set.of();
            };
            if (types.isEmpty()) {
                problem(key, "field format '" + format + "' of " + e.getKey() + " is not one this check knows");
            } else {
                expectType(key, family, format + " format", e.getKey(), types);
            }
        });
        parse(key, "fieldAttrs", a.path("fieldAttrs").asText("{}")).fieldNames()
                .forEachRemaining(f -> field(key, family, "field label", f));
    }

    private void checkSearch(String key, JsonNode o, Map<String, JsonNode> byKey) {
        Family family = familyOfSource(key, o, byKey);
        if (family == null) {
            return;
        }
        checkKql(key, family, o);
        for (JsonNode column : o.path("attributes").path("columns")) {
            Field f = field(key, family, "column", column.asText());
            if (f != null && f.nestedIn() != null) {
                problem(key, "column " + column.asText() + " is inside nested " + f.nestedIn());
            }
        }
        for (JsonNode sort : o.path("attributes").path("sort")) {
            String name = sort.path(0).asText();
            Field f = field(key, family, "sort", name);
            if (f != null && !f.sortable()) {
                problem(key, "sort on " + name + " (" + f.type() + ") is not possible: Elasticsearch sorts only on "
                        + "fields with doc values outside nested objects");
            }
            if (!Set.of("asc", "desc").contains(sort.path(1).asText())) {
                problem(key, "sort direction of " + name + " is '" + sort.path(1).asText() + "'");
            }
        }
    }

    private void checkVisualization(String key, JsonNode o, Map<String, JsonNode> byKey) {
        JsonNode vis = parse(key, "visState", o.path("attributes").path("visState").asText("{}"));
        if (!vis.path("title").asText().equals(o.path("attributes").path("title").asText())) {
            problem(key, "visState title differs from the object's title");
        }
        JsonNode aggs = vis.path("aggs");
        if (aggs.isEmpty()) {
            return; // markdown and other panels without data
        }
        Family family = familyOfSource(key, o, byKey);
        if (family == null) {
            return;
        }
        checkKql(key, family, o);
        Set<String> ids = new TreeSet<>();
        aggs.forEach(agg -> ids.add(agg.path("id").asText()));
        for (JsonNode agg : aggs) {
            String type = agg.path("type").asText();
            String name = agg.path("params").path("field").asText("");
            if (type.equals("count")) {
                continue;
            }
            Field f = field(key, family, type + " aggregation", name);
            if (f == null) {
                continue;
            }
            if (f.nestedIn() != null || !f.docValues()) {
                problem(key, type + " aggregation on " + name + " (" + f.type() + (f.nestedIn() == null ? "" :
                        ", in nested " + f.nestedIn()) + ") is not possible: it needs doc values outside nested objects");
                continue;
            }
            Set<String> allowed = switch (type) {
                case "date_histogram" -> Set.of("date", "date_nanos");
                case "avg", "sum", "min", "max", "median", "percentiles", "histogram", "std_dev" -> NUMERIC;
                case "terms", "significant_terms", "cardinality", "top_hits", "rare_terms" -> null; // any aggregatable
                default -> Set.of();
            };
            if (allowed != null && allowed.isEmpty()) {
                problem(key, "aggregation type '" + type + "' is not one this check knows");
            } else if (allowed != null && !allowed.contains(f.type())) {
                problem(key, type + " aggregation on " + name + " needs " + allowed + ", the template maps "
                        + f.type());
            }
            if (type.equals("terms") && !agg.path("params").path("orderBy").asText().equals("_key")
                    && !ids.contains(agg.path("params").path("orderBy").asText())) {
                problem(key, "terms on " + name + " is ordered by agg '" + agg.path("params").path("orderBy").asText()
                        + "', which the visualization does not have");
            }
        }
    }

    private void checkDashboard(String key, JsonNode o) {
        JsonNode source = searchSource(key, o);
        if (source != null && !source.path("query").path("query").asText("").isEmpty()) {
            problem(key, "a dashboard-wide query applies to every data view; put queries on the panels");
        }
    }

    private void checkKql(String key, Family family, JsonNode o) {
        JsonNode source = searchSource(key, o);
        if (source == null) {
            return;
        }
        JsonNode query = source.path("query");
        if (!"kuery".equals(query.path("language").asText())) {
            problem(key, "query language is '" + query.path("language").asText() + "', expected kuery");
            return;
        }
        kqlFields(query.path("query").asText("")).forEach((name, operators) -> {
            Field f = field(key, family, "query", name);
            if (f == null) {
                return;
            }
            if (!f.indexed()) {
                problem(key, "query on " + name + ": the template does not index it (index: false)");
            }
            if (f.nestedIn() != null || f.type().equals("nested") || f.type().equals("object")) {
                problem(key, "query on " + name + " (" + f.type() + ") needs nested/object syntax");
            }
            boolean range = operators.stream().anyMatch(op -> !op.equals(":"));
            if (range && !NUMERIC.contains(f.type()) && !f.type().startsWith("date")) {
                problem(key, "range query on " + name + " needs a number or date field, the template maps " + f.type());
            }
        });
    }

    private Family familyOfSource(String key, JsonNode o, Map<String, JsonNode> byKey) {
        JsonNode source = searchSource(key, o);
        if (source == null) {
            problem(key, "has no searchSourceJSON");
            return null;
        }
        String refName = source.path("indexRefName").asText("");
        for (JsonNode r : o.path("references")) {
            if (r.path("name").asText().equals(refName) && "index-pattern".equals(r.path("type").asText())) {
                JsonNode dataView = byKey.get(key("index-pattern", r.path("id").asText()));
                return dataView == null ? null : familyOf(key, dataView.path("attributes").path("title").asText());
            }
        }
        problem(key, "has no data view (no index-pattern reference named '" + refName + "')");
        return null;
    }

    /** The one template family whose indices a data view title matches. */
    private Family familyOf(String key, String title) {
        List<Family> matched = new ArrayList<>();
        for (Family f : families.values()) {
            boolean hit = false;
            for (String titlePart : title.split(",")) {
                for (String pattern : f.indexPatterns()) {
                    if (overlaps(titlePart.trim(), pattern)) {
                        hit = true;
                    }
                }
            }
            if (hit) {
                matched.add(f);
            }
        }
        if (matched.size() != 1) {
            problem(key, "data view title '" + title + "' matches the indices of " + matched.size()
                    + " template families " + matched.stream().map(Family::name).toList() + "; expected exactly one");
            return null;
        }
        return matched.get(0);
    }

    /** Whether index pattern {@code a} can match an index that template pattern {@code b} also matches. */
    static boolean overlaps(String a, String b) {
        String pa = a.endsWith("*") ? a.substring(0, a.length() - 1) : a;
        String pb = b.endsWith("*") ? b.substring(0, b.length() - 1) : b;
        if (a.endsWith("*") && b.endsWith("*")) {
            return pa.startsWith(pb) || pb.startsWith(pa);
        }
        if (a.endsWith("*")) {
            return pb.startsWith(pa);
        }
        if (b.endsWith("*")) {
            return pa.startsWith(pb);
        }
        return pa.equals(pb);
    }

    private Field field(String key, Family family, String use, String name) {
        Field f = family.fields().get(name);
        if (f == null) {
            problem(key, use + " field '" + name + "' is not in the " + family.name() + " template");
        }
        return f;
    }

    private void expectType(String key, Family family, String use, String name, Set<String> types) {
        Field f = field(key, family, use, name);
        if (f != null && !types.contains(f.type())) {
            problem(key, use + " field '" + name + "' needs " + new TreeSet<>(types) + ", the " + family.name()
                    + " template maps " + f.type());
        }
    }

    private JsonNode searchSource(String key, JsonNode o) {
        JsonNode text = o.path("attributes").path("kibanaSavedObjectMeta").path("searchSourceJSON");
        return text.isTextual() ? parse(key, "searchSourceJSON", text.asText()) : null;
    }

    private JsonNode parse(String key, String what, String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            problem(key, what + " is not valid JSON: " + e.getOriginalMessage());
            return JSON.createObjectNode();
        }
    }

    private static int compareVersions(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int xi = i < x.length ? Integer.parseInt(x[i]) : 0;
            int yi = i < y.length ? Integer.parseInt(y[i]) : 0;
            if (xi != yi) {
                return Integer.compare(xi, yi);
            }
        }
        return 0;
    }

    private static String key(String type, String id) {
        return type + "/" + id;
    }

    private void problem(String key, String detail) {
        problems.add(key + ": " + detail);
    }
}
