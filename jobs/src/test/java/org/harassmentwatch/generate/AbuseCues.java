package org.harassmentwatch.generate;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Test oracle: undoes the generator's evasions (fullwidth, separators, spacing, leetspeak, stretching) and looks
 * for the catalogue's abuse cue phrases on word boundaries. Independent of the generator's own code paths.
 */
final class AbuseCues {

    /**
     * Three or more single characters joined by one repeated separator: "k.i.l.l", "k i l l", "s-l-u-t"
     * (one separator throughout, so the article in "a p.a.t.h.e.t.i.c" is not swallowed).
     */
    private static final Pattern SPELLED_OUT = Pattern.compile(
            "(?<![\\p{L}\\p{N}$])[\\p{L}\\p{N}$]([.\\-*_ ])(?:[\\p{L}\\p{N}$]\\1)+[\\p{L}\\p{N}$](?![\\p{L}\\p{N}$])");
    private static final Pattern NOT_A_WORD = Pattern.compile("[^a-z' ]+");
    private static final Pattern REPEATS = Pattern.compile("([a-z])\\1+");
    private static final Pattern SPACES = Pattern.compile(" {2,}");

    private final List<String> cues = new ArrayList<>();

    AbuseCues(List<String> cuePhrases) {
        for (String cue : cuePhrases) {
            cues.add(" " + squeeze(cue.toLowerCase(Locale.ROOT)) + " ");
        }
    }

    static String normalize(String text) {
        String s = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        s = SPELLED_OUT.matcher(s).replaceAll(m -> m.group().replaceAll("[.\\-*_ ]", ""));
        StringBuilder unleet = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            unleet.append(switch (c) {
                case '0' -> 'o';
                case '1' -> 'i';
                case '3' -> 'e';
                case '4' -> 'a';
                case '5', '$' -> 's';
                case '7' -> 't';
                default -> c;
            });
        }
        s = NOT_A_WORD.matcher(unleet).replaceAll(" ");
        return SPACES.matcher(squeeze(s)).replaceAll(" ").strip();
    }

    private static String squeeze(String s) {
        return REPEATS.matcher(s).replaceAll("$1");
    }

    /** The first cue phrase found in the text after normalisation, or null. */
    String find(String text) {
        String normalized = " " + normalize(text) + " ";
        for (String cue : cues) {
            if (normalized.contains(cue)) {
                return cue.strip();
            }
        }
        return null;
    }
}
