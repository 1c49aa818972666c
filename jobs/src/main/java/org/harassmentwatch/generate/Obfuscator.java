package org.harassmentwatch.generate;

import java.util.SplittableRandom;

/**
 * Disguises one abusive word the way evaders do: leetspeak ({@code 1d10t}), separators ({@code k.i.l.l}),
 * spacing ({@code k i l l}), stretching ({@code stuuupid}) and fullwidth letters ({@code ｉｄｉｏｔ}).
 * Every form can be undone by normalisation (NFKC, digit-to-letter, joining single letters, squeezing
 * repeats), which is what a lexicon scorer with evasion handling is expected to do.
 */
final class Obfuscator {

    enum Style { LEET, SEPARATED, SPACED, STRETCHED, FULLWIDTH }

    private static final char[] SEPARATORS = {'.', '.', '-', '*'};

    private Obfuscator() {
    }

    /**
     * Rewrites the first word of at least three letters in {@code text[start, end)} (or the whole span if none).
     *
     * @return the change in text length
     */
    static int apply(StringBuilder text, int start, int end, SplittableRandom rng) {
        int wordStart = -1;
        int wordEnd = -1;
        int i = start;
        while (i < end) {
            if (isAsciiLetter(text.charAt(i))) {
                int j = i;
                while (j < end && isAsciiLetter(text.charAt(j))) {
                    j++;
                }
                if (j - i >= 3) {
                    wordStart = i;
                    wordEnd = j;
                    break;
                }
                i = j;
            } else {
                i++;
            }
        }
        if (wordStart < 0) {
            wordStart = start;
            wordEnd = end;
        }
        String word = text.substring(wordStart, wordEnd);
        Style style = pickStyle(rng);
        if (style == Style.SPACED && besideSingleLetter(text, wordStart, wordEnd)) {
            // "a p a t h e t i c" would read as "apathetic": keep the disguise unambiguous.
            style = Style.SEPARATED;
        }
        String disguised = disguise(word, style, rng);
        text.replace(wordStart, wordEnd, disguised);
        return disguised.length() - word.length();
    }

    static Style pickStyle(SplittableRandom rng) {
        int roll = rng.nextInt(100);
        if (roll < 30) {
            return Style.LEET;
        } else if (roll < 50) {
            return Style.SEPARATED;
        } else if (roll < 65) {
            return Style.SPACED;
        } else if (roll < 85) {
            return Style.STRETCHED;
        }
        return Style.FULLWIDTH;
    }

    static String disguise(String word, Style style, SplittableRandom rng) {
        return switch (style) {
            case LEET -> leet(word, rng);
            case SEPARATED -> separated(word, SEPARATORS[rng.nextInt(SEPARATORS.length)]);
            case SPACED -> separated(word, ' ');
            case STRETCHED -> stretched(word, rng);
            case FULLWIDTH -> fullwidth(word);
        };
    }

    private static String leet(String word, SplittableRandom rng) {
        StringBuilder out = new StringBuilder(word.length());
        boolean changed = false;
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            char replacement = leetFor(c, rng);
            if (replacement != c && rng.nextInt(4) != 0) {
                out.append(replacement);
                changed = true;
            } else {
                out.append(c);
            }
        }
        if (!changed) {
            // Nothing leetable was replaced (e.g. "dumb"): stretch instead, so the word is always disguised.
            return stretched(word, rng);
        }
        return out.toString();
    }

    private static char leetFor(char c, SplittableRandom rng) {
        return switch (Character.toLowerCase(c)) {
            case 'a' -> '4';
            case 'e' -> '3';
            case 'i' -> '1';
            case 'o' -> '0';
            case 's' -> rng.nextBoolean() ? '5' : '$';
            case 't' -> '7';
            default -> c;
        };
    }

    private static String separated(String word, char separator) {
        StringBuilder out = new StringBuilder(word.length() * 2);
        for (int i = 0; i < word.length(); i++) {
            if (i > 0) {
                out.append(separator);
            }
            out.append(word.charAt(i));
        }
        return out.toString();
    }

    private static String stretched(String word, SplittableRandom rng) {
        int at = -1;
        int vowels = 0;
        for (int i = 0; i < word.length(); i++) {
            if ("aeiouAEIOU".indexOf(word.charAt(i)) >= 0 && rng.nextInt(++vowels) == 0) {
                at = i; // reservoir pick: a uniformly chosen vowel
            }
        }
        if (at < 0) {
            at = word.length() - 1;
        }
        int extra = 2 + rng.nextInt(3);
        StringBuilder out = new StringBuilder(word.length() + extra);
        out.append(word, 0, at + 1);
        for (int k = 0; k < extra; k++) {
            out.append(word.charAt(at));
        }
        out.append(word, at + 1, word.length());
        return out.toString();
    }

    private static String fullwidth(String word) {
        StringBuilder out = new StringBuilder(word.length());
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (c >= 'a' && c <= 'z') {
                out.append((char) (0xFF41 + (c - 'a')));
            } else if (c >= 'A' && c <= 'Z') {
                out.append((char) (0xFF21 + (c - 'A')));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Whether a one-letter word sits right before or after {@code text[start, end)} ("a", "I", "u"). */
    private static boolean besideSingleLetter(StringBuilder text, int start, int end) {
        boolean before = start >= 2 && text.charAt(start - 1) == ' ' && Character.isLetterOrDigit(text.charAt(start - 2))
                && (start == 2 || !Character.isLetterOrDigit(text.charAt(start - 3)));
        boolean after = end + 1 < text.length() && text.charAt(end) == ' ' && Character.isLetterOrDigit(text.charAt(end + 1))
                && (end + 2 == text.length() || !Character.isLetterOrDigit(text.charAt(end + 2)));
        return before || after;
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
