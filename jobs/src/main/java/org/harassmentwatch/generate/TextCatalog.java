package org.harassmentwatch.generate;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Pattern;

/**
 * Message templates and fillers, parsed once from {@code generator/templates.txt} (format described there).
 * Immutable after loading, so one catalogue can be shared.
 */
final class TextCatalog {

    static final String RESOURCE = "/generator/templates.txt";

    /** {@code [cues]} or {@code [group.name]}; a template such as {@code [kys] {target}} is not a header. */
    private static final Pattern SECTION_HEADER = Pattern.compile("\\[(cues|[a-z_]+\\.[a-z_]+)]");

    /** Slots the renderer fills itself rather than from a {@code [fill.*]} section. */
    static final List<String> BUILT_IN_SLOTS = List.of("target", "num", "phone");

    private final Map<TextKind, Template[]> templates = new EnumMap<>(TextKind.class);
    private final Map<String, Template[]> fillers = new LinkedHashMap<>();
    private final List<String> cues;

    private TextCatalog(Map<String, List<String>> sections) {
        List<String> cueLines = sections.get("cues");
        if (cueLines == null || cueLines.isEmpty()) {
            throw new IllegalStateException(RESOURCE + ": section [cues] is missing or empty");
        }
        this.cues = List.copyOf(cueLines);
        for (Map.Entry<String, List<String>> section : sections.entrySet()) {
            if (section.getKey().startsWith("fill.")) {
                fillers.put(section.getKey().substring(5), parseAll(section.getKey(), section.getValue()));
            }
        }
        for (TextKind kind : TextKind.values()) {
            List<String> lines = sections.get(kind.section());
            if (lines == null || lines.isEmpty()) {
                throw new IllegalStateException(RESOURCE + ": section [" + kind.section() + "] is missing or empty");
            }
            templates.put(kind, parseAll(kind.section(), lines));
        }
        validateSlots();
        for (TextKind kind : TextKind.values()) {
            if (kind.needsCue()) {
                for (Template template : templates.get(kind)) {
                    if (!guaranteesCue(template)) {
                        throw new IllegalStateException(RESOURCE + ": template in [" + kind.section()
                                + "] has no [cue] span: " + template.source());
                    }
                }
            }
        }
    }

    static TextCatalog load() {
        try (InputStream in = TextCatalog.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " not found on the classpath");
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    private static TextCatalog parse(BufferedReader reader) throws IOException {
        Map<String, List<String>> sections = new LinkedHashMap<>();
        List<String> current = null;
        String line;
        int lineNumber = 0;
        while ((line = reader.readLine()) != null) {
            lineNumber++;
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            if (SECTION_HEADER.matcher(trimmed).matches()) {
                String name = trimmed.substring(1, trimmed.length() - 1);
                if (sections.containsKey(name)) {
                    throw new IllegalStateException(RESOURCE + ":" + lineNumber + ": duplicate section [" + name + "]");
                }
                current = new ArrayList<>();
                sections.put(name, current);
            } else if (current == null) {
                throw new IllegalStateException(RESOURCE + ":" + lineNumber + ": text before the first section");
            } else {
                current.add(trimmed);
            }
        }
        return new TextCatalog(sections);
    }

    private static Template[] parseAll(String section, List<String> lines) {
        Template[] parsed = new Template[lines.size()];
        for (int i = 0; i < parsed.length; i++) {
            parsed[i] = Template.parse(section, lines.get(i));
        }
        return parsed;
    }

    private void validateSlots() {
        List<Template> all = new ArrayList<>();
        templates.values().forEach(ts -> Collections.addAll(all, ts));
        fillers.values().forEach(ts -> Collections.addAll(all, ts));
        for (Template template : all) {
            for (Part part : template.parts()) {
                if (part.type() == PartType.SLOT && !BUILT_IN_SLOTS.contains(part.text())
                        && !fillers.containsKey(part.text())) {
                    throw new IllegalStateException(RESOURCE + ": slot {" + part.text()
                            + "} has no [fill." + part.text() + "] section, in: " + template.source());
                }
            }
        }
    }

    /** A cue span appears directly, or through a slot whose every filler has one. */
    private boolean guaranteesCue(Template template) {
        for (Part part : template.parts()) {
            if (part.type() == PartType.CUE_START) {
                return true;
            }
            if (part.type() == PartType.SLOT && fillers.containsKey(part.text())) {
                boolean all = true;
                for (Template filler : fillers.get(part.text())) {
                    all &= guaranteesCue(filler);
                }
                if (all) {
                    return true;
                }
            }
        }
        return false;
    }

    Template pick(TextKind kind, SplittableRandom rng) {
        Template[] options = templates.get(kind);
        return options[rng.nextInt(options.length)];
    }

    Template pickFiller(String slot, SplittableRandom rng) {
        Template[] options = fillers.get(slot);
        return options[rng.nextInt(options.length)];
    }

    List<Template> templates(TextKind kind) {
        return List.of(templates.get(kind));
    }

    /** Entries of a {@code [fill.*]} section, as plain text of their templates. */
    List<String> fillerEntries(String slot) {
        Template[] options = fillers.get(slot);
        if (options == null) {
            throw new IllegalArgumentException("no filler section [fill." + slot + "]");
        }
        List<String> out = new ArrayList<>();
        for (Template template : options) {
            out.add(template.source());
        }
        return out;
    }

    /** Phrases that mark abuse (lower case, as written in the resource). */
    List<String> cues() {
        return cues;
    }

    enum PartType { LITERAL, SLOT, CUE_START, CUE_END }

    record Part(PartType type, String text) {
    }

    /** One template line split into literal text, slots and cue-span markers. */
    record Template(String source, Part[] parts, boolean hasTargetSlot) {

        static Template parse(String section, String line) {
            List<Part> parts = new ArrayList<>();
            StringBuilder literal = new StringBuilder();
            boolean inCue = false;
            boolean hasTarget = false;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (c == '{') {
                    int close = line.indexOf('}', i);
                    if (close < 0) {
                        throw new IllegalStateException(RESOURCE + ": unclosed '{' in [" + section + "]: " + line);
                    }
                    flush(literal, parts);
                    String slot = line.substring(i + 1, close);
                    hasTarget |= slot.equals("target");
                    parts.add(new Part(PartType.SLOT, slot));
                    i = close;
                } else if (c == '[') {
                    if (inCue) {
                        throw new IllegalStateException(RESOURCE + ": nested '[' in [" + section + "]: " + line);
                    }
                    flush(literal, parts);
                    parts.add(new Part(PartType.CUE_START, ""));
                    inCue = true;
                } else if (c == ']') {
                    if (!inCue) {
                        throw new IllegalStateException(RESOURCE + ": unopened ']' in [" + section + "]: " + line);
                    }
                    flush(literal, parts);
                    parts.add(new Part(PartType.CUE_END, ""));
                    inCue = false;
                } else {
                    literal.append(c);
                }
            }
            if (inCue) {
                throw new IllegalStateException(RESOURCE + ": unclosed '[' in [" + section + "]: " + line);
            }
            flush(literal, parts);
            return new Template(line, parts.toArray(new Part[0]), hasTarget);
        }

        private static void flush(StringBuilder literal, List<Part> parts) {
            if (literal.length() > 0) {
                parts.add(new Part(PartType.LITERAL, literal.toString()));
                literal.setLength(0);
            }
        }
    }
}
