package org.harassmentwatch.bench.reference;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Folds one code point at a time: Unicode NFKC (fullwidth, mathematical and circled letters, ligatures),
 * lower case, diacritics and other combining marks removed, zero-width and other format characters removed,
 * look-alike Cyrillic/Greek/IPA letters mapped to the Latin letter they imitate, typographic apostrophes to
 * {@code '}, every kind of space and control character to {@code ' '}.
 *
 * <p>Folding per code point (rather than the whole string) keeps an exact offset map back to the original:
 * every folded char comes from exactly one original code point. The Basic Multilingual Plane is precomputed
 * once per JVM (class initialisation is thread-safe), and so are the few supplementary ranges that fold
 * (mathematical bold letters and the like, used to dodge filters).
 */
final class CharFolding {
    /** Folded form of each BMP char, or null when the char folds to itself. */
    private static final String[] BMP = buildBmpTable();

    private CharFolding() {
    }

    /**
     * Supplementary ranges that fold to something else: mathematical alphanumerics (U+1D400..1D7FF), enclosed
     * alphanumerics (U+1F100..1F1FF), tags and variation selectors (U+E0000..E01EF). Everything else above the
     * BMP (emoji above all) folds to itself, so the hot path never calls the JDK normaliser.
     */
    private static final int[][] SUPPLEMENTARY_RANGES = {{0x1D400, 0x1D7FF}, {0x1F100, 0x1F1FF}, {0xE0000, 0xE01EF}};
    private static final String[][] SUPPLEMENTARY = buildSupplementaryTables();

    /** The folded form of a non-ASCII code point, or null when it folds to itself. */
    static String fold(int codePoint) {
        if (codePoint < 0x10000) {
            return BMP[codePoint];
        }
        for (int r = 0; r < SUPPLEMENTARY_RANGES.length; r++) {
            int[] range = SUPPLEMENTARY_RANGES[r];
            if (codePoint >= range[0] && codePoint <= range[1]) {
                return SUPPLEMENTARY[r][codePoint - range[0]];
            }
        }
        return null;
    }

    private static String[][] buildSupplementaryTables() {
        String[][] tables = new String[SUPPLEMENTARY_RANGES.length][];
        for (int r = 0; r < tables.length; r++) {
            int[] range = SUPPLEMENTARY_RANGES[r];
            tables[r] = new String[range[1] - range[0] + 1];
            for (int cp = range[0]; cp <= range[1]; cp++) {
                String original = new String(Character.toChars(cp));
                String folded = foldSlow(original);
                tables[r][cp - range[0]] = folded.equals(original) ? null : folded;
            }
        }
        return tables;
    }

    private static String[] buildBmpTable() {
        String[] table = new String[0x10000];
        for (int c = 0; c < 0x10000; c++) {
            if (Character.isSurrogate((char) c)) {
                continue;
            }
            String original = String.valueOf((char) c);
            String folded = foldSlow(original);
            if (!folded.equals(original)) {
                table[c] = folded;
            }
        }
        return table;
    }

    private static String foldSlow(String s) {
        int first = s.codePointAt(0);
        if (isApostrophe(first)) {
            return "'";
        }
        String t = Normalizer.normalize(s, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        t = Normalizer.normalize(t, Normalizer.Form.NFD);
        StringBuilder out = new StringBuilder(t.length());
        for (int i = 0; i < t.length(); ) {
            int cp = t.codePointAt(i);
            i += Character.charCount(cp);
            int type = Character.getType(cp);
            if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK || type == Character.FORMAT) {
                continue;
            }
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp) || type == Character.CONTROL) {
                out.append(' ');
                continue;
            }
            if (isApostrophe(cp)) {
                out.append('\'');
                continue;
            }
            char latin = confusable(cp);
            if (latin != 0) {
                out.append(latin);
            } else {
                out.appendCodePoint(cp);
            }
        }
        return out.toString();
    }

    private static boolean isApostrophe(int cp) {
        return cp == 0x2019 || cp == 0x2018 || cp == 0x02BC || cp == 0x02B9 || cp == 0x00B4 || cp == 0x2032
                || cp == 0xFF07;
    }

    /** Lower-case letters from other scripts that render like a Latin letter; 0 when none. */
    private static char confusable(int cp) {
        return switch (cp) {
            // Cyrillic
            case 0x0430 -> 'a'; // а
            case 0x0432 -> 'b'; // в (small-caps B look)
            case 0x0435, 0x0451, 0x0454 -> 'e'; // е ё є
            case 0x043A -> 'k'; // к
            case 0x043C -> 'm'; // м
            case 0x043D -> 'h'; // н
            case 0x043E -> 'o'; // о
            case 0x0440 -> 'p'; // р
            case 0x0441 -> 'c'; // с
            case 0x0442 -> 't'; // т
            case 0x0443, 0x045E -> 'y'; // у ў
            case 0x0445 -> 'x'; // х
            case 0x0455 -> 's'; // ѕ
            case 0x0456, 0x0457 -> 'i'; // і ї
            case 0x0458 -> 'j'; // ј
            case 0x04BB -> 'h'; // һ
            case 0x04CF -> 'l'; // ӏ
            case 0x0501 -> 'd'; // ԁ
            case 0x051B -> 'q'; // ԛ
            case 0x051D -> 'w'; // ԝ
            // Greek
            case 0x03B1 -> 'a'; // α
            case 0x03B2 -> 'b'; // β
            case 0x03B3 -> 'y'; // γ
            case 0x03B5 -> 'e'; // ε
            case 0x03B7 -> 'n'; // η
            case 0x03B9 -> 'i'; // ι
            case 0x03BA -> 'k'; // κ
            case 0x03BD -> 'v'; // ν
            case 0x03BF -> 'o'; // ο
            case 0x03C1 -> 'p'; // ρ
            case 0x03C4 -> 't'; // τ
            case 0x03C5 -> 'u'; // υ
            case 0x03C7 -> 'x'; // χ
            case 0x03C9 -> 'w'; // ω
            // IPA / small capitals / other Latin look-alikes
            case 0x0131 -> 'i'; // ı dotless i
            case 0x0251 -> 'a'; // ɑ
            case 0x0261 -> 'g'; // ɡ
            case 0x026A -> 'i'; // ɪ
            case 0x0274 -> 'n'; // ɴ
            case 0x0280 -> 'r'; // ʀ
            case 0x028F -> 'y'; // ʏ
            case 0x029F -> 'l'; // ʟ
            case 0x1D00 -> 'a'; // ᴀ
            case 0x1D04 -> 'c'; // ᴄ
            case 0x1D05 -> 'd'; // ᴅ
            case 0x1D07 -> 'e'; // ᴇ
            case 0x1D0A -> 'j'; // ᴊ
            case 0x1D0B -> 'k'; // ᴋ
            case 0x1D0D -> 'm'; // ᴍ
            case 0x1D0F -> 'o'; // ᴏ
            case 0x1D18 -> 'p'; // ᴘ
            case 0x1D1B -> 't'; // ᴛ
            case 0x1D1C -> 'u'; // ᴜ
            case 0x1D20 -> 'v'; // ᴠ
            case 0x1D21 -> 'w'; // ᴡ
            case 0x1D22 -> 'z'; // ᴢ
            case 0x0299 -> 'b'; // ʙ
            case 0x0262 -> 'g'; // ɢ
            case 0x029C -> 'h'; // ʜ
            case 0xA731 -> 's'; // ꜱ
            case 0xA730 -> 'f'; // ꜰ
            case 0x00F8 -> 'o'; // ø (not decomposed by NFD)
            case 0x0142 -> 'l'; // ł
            case 0x0111 -> 'd'; // đ
            case 0x0127 -> 'h'; // ħ
            case 0x00DF -> 's'; // ß is used as a stylised B/S; mapping to 's' only matters for lexicon words
            default -> 0;
        };
    }
}
