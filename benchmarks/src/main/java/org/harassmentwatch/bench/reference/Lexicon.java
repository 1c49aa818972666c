package org.harassmentwatch.bench.reference;

import org.harassmentwatch.scoring.AbuseScores;
import org.harassmentwatch.scoring.Category;
import org.harassmentwatch.scoring.EvidenceSpan;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The compiled form of one lexicon version: the four resource files under {@code lexicons/} (see README.md
 * there) turned into a normaliser, a phrase trie over token ids, word classes, guards and gated regexes.
 * Everything is built once and never changes, so one instance can serve any number of threads.
 */
final class Lexicon implements Serializable {
    private static final long serialVersionUID = 1L;

    static final String DEFAULT_VERSION = "v1";
    static final String RESOURCE_DIR = "lexicons/";

    static final int FLAG_NEAR_2P = 1;
    static final int FLAG_OBJECT = 2;
    static final int FLAG_START = 4;

    private static final int MAX_VARIANTS_PER_PHRASE = 64;
    private static final int MAX_TEMPLATE_EXPANSIONS = 400;
    private static final Pattern TEMPLATE = Pattern.compile("\\{([a-z0-9_]+)}");
    private static final Pattern PREFILTER_DIGITS = Pattern.compile("digits>=(\\d+)");

    /** A lexicon line (or guard phrase, whose category is null), after template expansion. */
    record Entry(Category category, String term, double weight, int flags, int guardMask) implements Serializable {
        boolean isGuard() {
            return category == null;
        }

        boolean has(int flag) {
            return (flags & flag) != 0;
        }
    }

    /** A regex rule run on the folded text when its cheap prefilter passes. */
    record PatternRule(Category category, String name, double weight, int flags, int minDigits,
                       boolean[] requiredWordSet, char requiredChar, String[][] requiredShapes, Pattern pattern)
            implements Serializable {
        boolean has(int flag) {
            return (flags & flag) != 0;
        }
    }

    final String version;
    final String contentSha256;
    final TextNormalizer normalizer;
    final Entry[] entries;
    /** Trie edges: (node << 32 | tokenId) → child node; node 0 is the root. */
    final LongIntMap trieEdges;
    /** Entry indices ending at each trie node (null when none). */
    final int[][] trieTerminals;
    final boolean[] filler;
    final boolean[] article;
    final boolean[] secondPerson;
    final boolean[] imperative;
    final boolean[] vocativeLead;
    /** Per category ordinal: prefix token-id sequences, each stored last token first. */
    final int[][][] prefixGuards;
    final PatternRule[] patterns;
    /** Softener words (normalised, whole tokens) and symbols (emoji, matched in the original text). */
    final java.util.Set<String> softenerWords;
    final String[] softenerSymbols;
    /** Categories a softener scales, and by how much (one factor for the whole file: the last one given). */
    final int softenerMask;
    final double softenerFactor;

    private Lexicon(String version, String contentSha256, TextNormalizer normalizer, Entry[] entries,
                    LongIntMap trieEdges, int[][] trieTerminals, boolean[] filler, boolean[] article,
                    boolean[] secondPerson, boolean[] imperative, boolean[] vocativeLead, int[][][] prefixGuards,
                    PatternRule[] patterns, java.util.Set<String> softenerWords, String[] softenerSymbols,
                    int softenerMask, double softenerFactor) {
        this.softenerWords = softenerWords;
        this.softenerSymbols = softenerSymbols;
        this.softenerMask = softenerMask;
        this.softenerFactor = softenerFactor;
        this.version = version;
        this.contentSha256 = contentSha256;
        this.normalizer = normalizer;
        this.entries = entries;
        this.trieEdges = trieEdges;
        this.trieTerminals = trieTerminals;
        this.filler = filler;
        this.article = article;
        this.secondPerson = secondPerson;
        this.imperative = imperative;
        this.vocativeLead = vocativeLead;
        this.prefixGuards = prefixGuards;
        this.patterns = patterns;
    }

    TextNormalizer normalizer() {
        return normalizer;
    }

    int child(int node, int tokenId) {
        return trieEdges.get(((long) node << 32) | tokenId);
    }

    static Lexicon loadDefault() {
        return load(DEFAULT_VERSION);
    }

    /** Loads {@code lexicons/{normalization,lexicon,guards,patterns}-VERSION.tsv} from the classpath. */
    static Lexicon load(String fileVersion) {
        if (fileVersion == null || !fileVersion.matches("v[0-9]+")) {
            throw new IllegalArgumentException("lexicon version must look like 'v1' but was '" + fileVersion + "'");
        }
        Map<String, String> files = new LinkedHashMap<>();
        for (String kind : List.of("normalization", "lexicon", "guards", "patterns")) {
            String name = kind + "-" + fileVersion + ".tsv";
            files.put(name, readResource(RESOURCE_DIR + name));
        }
        return compile(fileVersion, files);
    }

    private static String readResource(String path) {
        ClassLoader cl = Lexicon.class.getClassLoader();
        try (InputStream in = cl.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("lexicon resource '" + path + "' not found on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read lexicon resource '" + path + "': " + e.getMessage(), e);
        }
    }

    /**
     * Compiles a lexicon from file contents keyed by file name ({@code normalization-V.tsv},
     * {@code lexicon-V.tsv}, {@code guards-V.tsv}, {@code patterns-V.tsv}).
     */
    static Lexicon compile(String fileVersion, Map<String, String> files) {
        return new Compiler(fileVersion, files).compile();
    }

    private static final class Compiler {
        private final String fileVersion;
        private final Map<String, String> files;

        private final Map<String, List<String>> synonyms = new LinkedHashMap<>();
        private final Map<String, List<String>> wordClasses = new LinkedHashMap<>();
        private final List<String[][]> variants = new ArrayList<>();
        private final Map<String, List<String>> sets = new LinkedHashMap<>();
        private TextNormalizer bootstrap;

        private final List<Entry> entries = new ArrayList<>();
        private final List<List<List<String>>> entryPhrases = new ArrayList<>();
        private final List<Category> prefixCategories = new ArrayList<>();
        private final List<Integer> prefixMasks = new ArrayList<>();
        private final List<String> softenerWords = new ArrayList<>();
        private final List<String> softenerSymbols = new ArrayList<>();
        private int softenerMask;
        private double softenerFactor = 1.0;
        private final List<List<String>> prefixPhrases = new ArrayList<>();
        private final List<Object[]> rawPatterns = new ArrayList<>();

        Compiler(String fileVersion, Map<String, String> files) {
            this.fileVersion = fileVersion;
            this.files = files;
        }

        Lexicon compile() {
            parseNormalization(file("normalization"));
            bootstrap = new TextNormalizer(List.of(), synonyms);
            parseLexicon(file("lexicon"));
            parseGuards(file("guards"));
            parsePatterns(file("patterns"));

            TextNormalizer normalizer = new TextNormalizer(vocabularyInPreferenceOrder(), synonyms);
            int vocabSize = normalizer.vocabularySize();

            // phrase trie
            Map<Long, Integer> edges = new LinkedHashMap<>();
            List<List<Integer>> terminals = new ArrayList<>();
            terminals.add(null);
            for (int e = 0; e < entries.size(); e++) {
                for (List<String> phrase : entryPhrases.get(e)) {
                    int node = 0;
                    for (String token : phrase) {
                        long key = ((long) node << 32) | normalizer.wordId(token);
                        Integer child = edges.get(key);
                        if (child == null) {
                            child = terminals.size();
                            terminals.add(null);
                            edges.put(key, child);
                        }
                        node = child;
                    }
                    addTerminal(terminals, node, e);
                }
            }
            long[] keys = new long[edges.size()];
            int[] values = new int[edges.size()];
            int i = 0;
            for (var edge : edges.entrySet()) {
                keys[i] = edge.getKey();
                values[i++] = edge.getValue();
            }
            int[][] terminalArrays = new int[terminals.size()][];
            for (int node = 0; node < terminals.size(); node++) {
                List<Integer> t = terminals.get(node);
                terminalArrays[node] = t == null ? null : t.stream().mapToInt(Integer::intValue).toArray();
            }

            // prefix guards, stored reversed for matching backwards from a match's first token
            List<List<int[]>> prefixes = new ArrayList<>();
            for (int c = 0; c < Category.values().length; c++) {
                prefixes.add(new ArrayList<>());
            }
            for (int p = 0; p < prefixPhrases.size(); p++) {
                List<String> phrase = prefixPhrases.get(p);
                int[] reversed = new int[phrase.size()];
                for (int k = 0; k < phrase.size(); k++) {
                    reversed[k] = normalizer.wordId(phrase.get(phrase.size() - 1 - k));
                }
                for (Category c : Category.values()) {
                    if ((prefixMasks.get(p) & (1 << c.ordinal())) != 0) {
                        prefixes.get(c.ordinal()).add(reversed);
                    }
                }
            }
            int[][][] prefixGuards = new int[Category.values().length][][];
            for (int c = 0; c < prefixGuards.length; c++) {
                prefixGuards[c] = prefixes.get(c).toArray(int[][]::new);
            }

            PatternRule[] patterns = new PatternRule[rawPatterns.size()];
            for (int p = 0; p < patterns.length; p++) {
                patterns[p] = buildPattern(rawPatterns.get(p), normalizer, vocabSize);
            }

            return new Lexicon("lexicon-" + fileVersion, sha256(), normalizer, entries.toArray(Entry[]::new),
                    LongIntMap.of(keys, values, keys.length), terminalArrays,
                    wordClass("filler", normalizer), wordClass("article", normalizer),
                    wordClass("second_person", normalizer), wordClass("imperative", normalizer),
                    wordClass("vocative_lead", normalizer), prefixGuards, patterns,
                    softenerWords.stream().map(w -> normalizer.normalize(w).text().trim())
                            .collect(java.util.stream.Collectors.toUnmodifiableSet()), softenerSymbols.toArray(String[]::new), softenerMask,
                    softenerFactor);
        }

        /** Same phrase twice in one category keeps the heavier entry; other categories (and guards) stack. */
        private void addTerminal(List<List<Integer>> terminals, int node, int entryIndex) {
            List<Integer> list = terminals.get(node);
            if (list == null) {
                list = new ArrayList<>();
                terminals.set(node, list);
            }
            Entry entry = entries.get(entryIndex);
            for (int k = 0; k < list.size(); k++) {
                Entry other = entries.get(list.get(k));
                if (other.category() == entry.category() && !entry.isGuard()) {
                    if (entry.weight() > other.weight()) {
                        list.set(k, entryIndex);
                    }
                    return;
                }
                if (list.get(k) == entryIndex) {
                    return;
                }
            }
            list.add(entryIndex);
        }

        private String file(String kind) {
            String name = kind + "-" + fileVersion + ".tsv";
            String content = files.get(name);
            if (content == null) {
                throw new IllegalArgumentException("lexicon " + fileVersion + " is missing file '" + name + "'");
            }
            return content;
        }

        // ---- normalization ----

        private void parseNormalization(String content) {
            String name = "normalization-" + fileVersion + ".tsv";
            forEachLine(name, content, (line, fields) -> {
                String kind = fields[0];
                switch (kind) {
                    case "synonym" -> {
                        requireFields(name, line, fields, 3, "synonym<TAB>typed form<TAB>canonical tokens");
                        String key = fields[1].toLowerCase(Locale.ROOT);
                        List<String> to = List.of(fields[2].toLowerCase(Locale.ROOT).trim().split(" +"));
                        if (synonyms.putIfAbsent(key, to) != null) {
                            throw error(name, line, "synonym '" + key + "' is defined twice");
                        }
                    }
                    case "filler", "article", "second_person", "imperative", "vocative_lead" -> {
                        requireFields(name, line, fields, 2, kind + "<TAB>word");
                        wordClasses.computeIfAbsent(kind, k -> new ArrayList<>())
                                .add(fields[1].toLowerCase(Locale.ROOT));
                    }
                    case "variant" -> {
                        requireFields(name, line, fields, 3, "variant<TAB>phrase<TAB>replacement phrase");
                        variants.add(new String[][] {
                            fields[1].toLowerCase(Locale.ROOT).split(" +"),
                            fields[2].toLowerCase(Locale.ROOT).split(" +")});
                    }
                    case "set" -> {
                        requireFields(name, line, fields, 3, "set<TAB>name<TAB>member");
                        if (!fields[1].matches("[a-z0-9_]+")) {
                            throw error(name, line, "set name must match [a-z0-9_]+ but was '" + fields[1] + "'");
                        }
                        sets.computeIfAbsent(fields[1], k -> new ArrayList<>())
                                .add(fields[2].toLowerCase(Locale.ROOT));
                    }
                    default -> throw error(name, line, "unknown kind '" + kind
                            + "' (expected synonym, filler, article, second_person, imperative, vocative_lead,"
                            + " variant or set)");
                }
            });
            for (var e : wordClasses.entrySet()) {
                for (String w : e.getValue()) {
                    if (w.contains(" ")) {
                        throw new IllegalArgumentException(name + ": " + e.getKey() + " '" + w
                                + "' must be a single word");
                    }
                }
            }
        }

        private boolean[] wordClass(String kind, TextNormalizer normalizer) {
            boolean[] member = new boolean[normalizer.vocabularySize()];
            for (String w : wordClasses.getOrDefault(kind, List.of())) {
                member[normalizer.wordId(w)] = true;
            }
            return member;
        }

        // ---- lexicon ----

        private void parseLexicon(String content) {
            String name = "lexicon-" + fileVersion + ".tsv";
            forEachLine(name, content, (line, fields) -> {
                requireFields(name, line, fields, 4, "category<TAB>term<TAB>weight<TAB>flags");
                Category category = category(name, line, fields[0]);
                double weight = weight(name, line, fields[2]);
                int flags = flags(name, line, fields[3]);
                for (String term : expandTemplates(name, line, fields[1].toLowerCase(Locale.ROOT).trim())) {
                    entries.add(new Entry(category, term, weight, flags, 0));
                    entryPhrases.add(phraseVariants(name, line, term));
                }
            });
        }

        private void parseGuards(String content) {
            String name = "guards-" + fileVersion + ".tsv";
            forEachLine(name, content, (line, fields) -> {
                requireFields(name, line, fields, "soften".equals(fields[0]) ? 4 : 3,
                        "phrase|prefix<TAB>words<TAB>categories (* for all), or soften<TAB>word<TAB>categories<TAB>factor");
                int mask = categoryMask(name, line, fields[2]);
                for (String term : expandTemplates(name, line, fields[1].toLowerCase(Locale.ROOT).trim())) {
                    switch (fields[0]) {
                        case "phrase" -> {
                            entries.add(new Entry(null, term, 0, 0, mask));
                            entryPhrases.add(phraseVariants(name, line, term));
                        }
                        case "prefix" -> {
                            for (List<String> phrase : phraseVariants(name, line, term)) {
                                prefixPhrases.add(phrase);
                                prefixMasks.add(mask);
                            }
                        }
                        case "soften" -> {
                            double factor = Double.parseDouble(fields[3].trim());
                            if (!(factor > 0 && factor <= 1)) {
                                throw error(name, line, "soften factor must be in (0, 1] but was '" + fields[3] + "'");
                            }
                            softenerFactor = factor;
                            softenerMask |= mask;
                            if (term.chars().anyMatch(Character::isLetter)) {
                                softenerWords.add(term); // normalised once the normaliser exists
                            } else {
                                softenerSymbols.add(fields[1].trim());
                            }
                        }
                        default -> throw error(name, line, "guard kind must be 'phrase', 'prefix' or 'soften' but was '"
                                + fields[0] + "'");
                    }
                }
            });
        }

        private void parsePatterns(String content) {
            String name = "patterns-" + fileVersion + ".tsv";
            forEachLine(name, content, (line, fields) -> {
                requireFields(name, line, fields, 6, "category<TAB>name<TAB>weight<TAB>flags<TAB>prefilter<TAB>regex");
                Category category = category(name, line, fields[0]);
                double weight = weight(name, line, fields[2]);
                int flags = flags(name, line, fields[3]);
                Pattern pattern;
                try {
                    pattern = Pattern.compile(fields[5]);
                } catch (PatternSyntaxException e) {
                    throw error(name, line, "regex of pattern '" + fields[1] + "' does not compile: "
                            + e.getDescription());
                }
                int minDigits = 0;
                String requiredSet = null;
                char requiredChar = 0;
                List<String[]> requiredShapes = new ArrayList<>();
                if (!fields[4].equals("-")) {
                    for (String part : fields[4].split("&")) {
                        Matcher digits = PREFILTER_DIGITS.matcher(part);
                        if (digits.matches()) {
                            minDigits = Integer.parseInt(digits.group(1));
                        } else if (part.startsWith("set:") && sets.containsKey(part.substring(4))) {
                            requiredSet = part.substring(4);
                        } else if (part.startsWith("char:") && part.length() == 6 && part.charAt(5) < 128) {
                            requiredChar = part.charAt(5);
                        } else if (part.startsWith("shape:") && part.length() > 6) {
                            requiredShapes.add(part.substring(6).split("\\|"));
                        } else {
                            throw error(name, line, "prefilter part '" + part + "' must be digits>=N, set:NAME (a set"
                                    + " of the normalization file), char:C (ASCII), shape:S or -");
                        }
                    }
                }
                rawPatterns.add(new Object[] {category, fields[1], weight, flags, minDigits, requiredSet,
                    requiredChar, requiredShapes.isEmpty() ? null : requiredShapes.toArray(String[][]::new), pattern});
            });
        }

        private PatternRule buildPattern(Object[] raw, TextNormalizer normalizer, int vocabSize) {
            boolean[] set = null;
            if (raw[5] != null) {
                set = new boolean[vocabSize];
                for (String member : sets.get((String) raw[5])) {
                    for (String token : bootstrap.normalize(member).tokens()) {
                        set[normalizer.wordId(token)] = true;
                    }
                }
            }
            return new PatternRule((Category) raw[0], (String) raw[1], (Double) raw[2], (Integer) raw[3],
                    (Integer) raw[4], set, (Character) raw[6], (String[][]) raw[7], (Pattern) raw[8]);
        }

        // ---- phrases ----

        private List<String> expandTemplates(String file, int line, String term) {
            List<String> out = new ArrayList<>();
            out.add(term);
            while (true) {
                List<String> next = new ArrayList<>();
                boolean expanded = false;
                for (String t : out) {
                    Matcher m = TEMPLATE.matcher(t);
                    if (!m.find()) {
                        next.add(t);
                        continue;
                    }
                    expanded = true;
                    List<String> members = sets.get(m.group(1));
                    if (members == null) {
                        throw error(file, line, "template {" + m.group(1) + "} names no set of the normalization file");
                    }
                    for (String member : members) {
                        next.add(t.substring(0, m.start()) + member + t.substring(m.end()));
                    }
                }
                if (next.size() > MAX_TEMPLATE_EXPANSIONS) {
                    throw error(file, line, "template expands to more than " + MAX_TEMPLATE_EXPANSIONS + " phrases");
                }
                out = next;
                if (!expanded) {
                    return out;
                }
            }
        }

        /** The phrase's canonical tokens plus every variant the normalization file's variant rules produce. */
        private List<List<String>> phraseVariants(String file, int line, String term) {
            List<String> base = bootstrap.normalize(term).tokens();
            if (base.isEmpty()) {
                throw error(file, line, "term '" + term + "' has no words");
            }
            LinkedHashSet<List<String>> all = new LinkedHashSet<>();
            List<List<String>> queue = new ArrayList<>();
            all.add(List.copyOf(base));
            queue.add(List.copyOf(base));
            for (int q = 0; q < queue.size() && all.size() < MAX_VARIANTS_PER_PHRASE; q++) {
                List<String> phrase = queue.get(q);
                for (String[][] variant : variants) {
                    String[] from = variant[0];
                    for (int at = 0; at + from.length <= phrase.size(); at++) {
                        if (!Arrays.equals(from, phrase.subList(at, at + from.length).toArray())) {
                            continue;
                        }
                        List<String> replaced = new ArrayList<>(phrase.subList(0, at));
                        replaced.addAll(Arrays.asList(variant[1]));
                        replaced.addAll(phrase.subList(at + from.length, phrase.size()));
                        if (all.size() < MAX_VARIANTS_PER_PHRASE && all.add(List.copyOf(replaced))) {
                            queue.add(List.copyOf(replaced));
                        }
                    }
                }
            }
            return new ArrayList<>(all);
        }

        /**
         * Profanity words first, so a censored form that fits several words ("s**t") reads as the swear word;
         * then every other word in file order.
         */
        private List<String> vocabularyInPreferenceOrder() {
            LinkedHashSet<String> words = new LinkedHashSet<>();
            for (int e = 0; e < entries.size(); e++) {
                if (entries.get(e).category() == Category.PROFANITY) {
                    entryPhrases.get(e).forEach(words::addAll);
                }
            }
            entryPhrases.forEach(phrases -> phrases.forEach(words::addAll));
            prefixPhrases.forEach(words::addAll);
            wordClasses.values().forEach(words::addAll);
            for (List<String> members : sets.values()) {
                for (String member : members) {
                    words.addAll(bootstrap.normalize(member).tokens());
                }
            }
            synonyms.values().forEach(words::addAll);
            return new ArrayList<>(words);
        }

        // ---- fields ----

        private static Category category(String file, int line, String field) {
            for (Category c : Category.values()) {
                if (c.field().equals(field)) {
                    return c;
                }
            }
            throw error(file, line, "category must be one of " + Arrays.stream(Category.values())
                    .map(Category::field).toList() + " but was '" + field + "'");
        }

        private static int categoryMask(String file, int line, String field) {
            if (field.equals("*")) {
                return (1 << Category.values().length) - 1;
            }
            int mask = 0;
            for (String part : field.split(",")) {
                mask |= 1 << category(file, line, part.trim()).ordinal();
            }
            return mask;
        }

        private static double weight(String file, int line, String field) {
            double w;
            try {
                w = Double.parseDouble(field);
            } catch (NumberFormatException e) {
                throw error(file, line, "weight must be a number in (0, 1] but was '" + field + "'");
            }
            if (!(w > 0 && w <= 1)) {
                throw error(file, line, "weight must be in (0, 1] but was " + field);
            }
            return w;
        }

        private static int flags(String file, int line, String field) {
            if (field.equals("-")) {
                return 0;
            }
            int flags = 0;
            for (String flag : field.split(",")) {
                flags |= switch (flag.trim()) {
                    case "near2p" -> FLAG_NEAR_2P;
                    case "object" -> FLAG_OBJECT;
                    case "start" -> FLAG_START;
                    default -> throw error(file, line, "flag must be near2p, object, start or - but was '"
                            + flag + "'");
                };
            }
            return flags;
        }

        private interface LineHandler {
            void handle(int line, String[] fields);
        }

        /** Tab-separated lines; blank lines and lines starting with '#' are skipped; runs of tabs count as one. */
        private static void forEachLine(String file, String content, LineHandler handler) {
            String[] lines = content.split("\r?\n", -1);
            for (int i = 0; i < lines.length; i++) {
                String l = lines[i];
                if (l.isBlank() || l.stripLeading().startsWith("#")) {
                    continue;
                }
                String[] fields = l.strip().split("\t+");
                for (int k = 0; k < fields.length; k++) {
                    fields[k] = fields[k].strip();
                }
                handler.handle(i + 1, fields);
            }
        }

        private static void requireFields(String file, int line, String[] fields, int count, String layout) {
            if (fields.length != count) {
                throw error(file, line, "expected " + count + " tab-separated fields (" + layout + ") but found "
                        + fields.length);
            }
        }

        private static IllegalArgumentException error(String file, int line, String problem) {
            return new IllegalArgumentException(file + ":" + line + ": " + problem);
        }

        private String sha256() {
            try {
                MessageDigest md = MessageDigest.getInstance("SHA-256");
                for (var e : new java.util.TreeMap<>(files).entrySet()) {
                    md.update(e.getKey().getBytes(StandardCharsets.UTF_8));
                    md.update((byte) 0);
                    md.update(e.getValue().getBytes(StandardCharsets.UTF_8));
                    md.update((byte) 0);
                }
                return HexFormat.of().formatHex(md.digest());
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is not available", e);
            }
        }
    }
}
