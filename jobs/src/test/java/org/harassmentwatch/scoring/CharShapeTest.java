package org.harassmentwatch.scoring;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class CharShapeTest {

    private static final String ALPHABET = "ab z09 5.,@+-_é😂";

    @Test
    void findsAShapeExactlyWhenSomeSubstringFitsIt() {
        SplittableRandom random = new SplittableRandom(3);
        List<String> shapes = List.of("999", "+9", "9 a", "9a a", "9, a", "a9", "9aa", "w@w", "9.9", "9.9999", "a",
                "@", "é", "1a", "ww");
        for (int i = 0; i < 20_000; i++) {
            StringBuilder sb = new StringBuilder();
            int n = random.nextInt(30);
            for (int k = 0; k < n; k++) {
                sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            String text = sb.toString();
            int firstDigit = -1;
            int lastDigit = -1;
            for (int k = 0; k < text.length(); k++) {
                if (text.charAt(k) >= '0' && text.charAt(k) <= '9') {
                    firstDigit = firstDigit < 0 ? k : firstDigit;
                    lastDigit = k;
                }
            }
            char[] chars = (text + "padding").toCharArray(); // buffers are longer than the text
            for (String shape : shapes) {
                assertThat(new CharShape(shape).foundIn(chars, text.length(), firstDigit, lastDigit))
                        .as("%s in '%s'", shape, text).isEqualTo(naive(text, shape));
            }
        }
    }

    /** The definition: a = a-z, 9 = 0-9, w = either, anything else itself. */
    private static boolean naive(String text, String shape) {
        for (int i = 0; i + shape.length() <= text.length(); i++) {
            boolean fits = true;
            for (int k = 0; k < shape.length() && fits; k++) {
                char c = text.charAt(i + k);
                fits = switch (shape.charAt(k)) {
                    case 'a' -> c >= 'a' && c <= 'z';
                    case '9' -> c >= '0' && c <= '9';
                    case 'w' -> (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
                    default -> c == shape.charAt(k);
                };
            }
            if (fits) {
                return true;
            }
        }
        return false;
    }
}
