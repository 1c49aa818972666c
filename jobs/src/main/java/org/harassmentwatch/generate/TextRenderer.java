package org.harassmentwatch.generate;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Turns a {@link TextKind} into message text: picks a template and fillers, addresses the target,
 * and optionally disguises a cue word or applies copypasta edits. Reuses its buffers: one per thread.
 */
final class TextRenderer {

    private static final String[] COPYPASTA_SUFFIXES = {" 😂", " lol", " fr", " 💀", " 🤡", " !!!", " smh", " 🙄"};
    private static final String[] COPYPASTA_PREFIXES = {"lmao ", "fr ", "honestly ", "lol "};
    private static final String[] COPYPASTA_ENDINGS = {"", "!", "!!", ".", "!!!"};

    private final TextCatalog catalog;
    private int[] cueStarts = new int[8];
    private int[] cueEnds = new int[8];
    private int cueCount;
    private boolean targetRendered;

    TextRenderer(TextCatalog catalog) {
        this.catalog = catalog;
    }

    /**
     * Renders into {@code out} (cleared first).
     *
     * @param choice      draws the template and fillers; copypasta passes a generator seeded by the campaign so
     *                    every copy starts from the same words
     * @param edits       draws obfuscation and copypasta edits (the same generator as {@code choice} otherwise)
     * @param handle      the addressed account as {@code @id}, used for the {target} slot
     * @param mustMention prefix the handle when the template does not name the target (mentions must)
     * @return whether a cue word was disguised
     */
    boolean render(TextKind kind, SplittableRandom choice, SplittableRandom edits, String handle,
                   boolean mustMention, boolean obfuscate, boolean copypasta, StringBuilder out) {
        out.setLength(0);
        cueCount = 0;
        targetRendered = false;
        append(catalog.pick(kind, choice), choice, handle, out);
        if (mustMention && !targetRendered && handle != null) {
            out.insert(0, handle).insert(handle.length(), ' ');
            shiftCues(0, handle.length() + 1);
        }
        boolean disguised = false;
        if (obfuscate && cueCount > 0) {
            int span = edits.nextInt(cueCount);
            Obfuscator.apply(out, cueStarts[span], cueEnds[span], edits);
            disguised = true;
        }
        if (copypasta) {
            copypastaEdits(out, edits);
        }
        return disguised;
    }

    private void append(TextCatalog.Template template, SplittableRandom rng, String handle, StringBuilder out) {
        for (TextCatalog.Part part : template.parts()) {
            switch (part.type()) {
                case LITERAL -> out.append(part.text());
                case CUE_START -> {
                    ensureCueCapacity();
                    cueStarts[cueCount] = out.length();
                }
                case CUE_END -> cueEnds[cueCount++] = out.length();
                case SLOT -> appendSlot(part.text(), rng, handle, out);
            }
        }
    }

    private void appendSlot(String slot, SplittableRandom rng, String handle, StringBuilder out) {
        switch (slot) {
            case "target" -> {
                out.append(handle == null ? "you" : handle);
                targetRendered = handle != null;
            }
            case "num" -> out.append(1 + rng.nextInt(199));
            case "phone" -> {
                out.append("07700 900");
                int tail = rng.nextInt(1000);
                out.append((char) ('0' + tail / 100)).append((char) ('0' + tail / 10 % 10)).append((char) ('0' + tail % 10));
            }
            default -> append(catalog.pickFiller(slot, rng), rng, handle, out);
        }
    }

    /** Near-identical copies: the same words with a different tail, lead-in or ending. */
    private static void copypastaEdits(StringBuilder out, SplittableRandom rng) {
        if (rng.nextInt(100) < 30) {
            int end = out.length();
            while (end > 0 && ".!?".indexOf(out.charAt(end - 1)) >= 0) {
                end--;
            }
            out.setLength(end);
            out.append(COPYPASTA_ENDINGS[rng.nextInt(COPYPASTA_ENDINGS.length)]);
        }
        if (rng.nextInt(100) < 35) {
            out.append(COPYPASTA_SUFFIXES[rng.nextInt(COPYPASTA_SUFFIXES.length)]);
        }
        if (rng.nextInt(100) < 20) {
            out.insert(0, COPYPASTA_PREFIXES[rng.nextInt(COPYPASTA_PREFIXES.length)]);
        }
    }

    private void shiftCues(int from, int by) {
        for (int i = 0; i < cueCount; i++) {
            if (cueStarts[i] >= from) {
                cueStarts[i] += by;
                cueEnds[i] += by;
            }
        }
    }

    private void ensureCueCapacity() {
        if (cueCount == cueStarts.length) {
            cueStarts = Arrays.copyOf(cueStarts, cueCount * 2);
            cueEnds = Arrays.copyOf(cueEnds, cueCount * 2);
        }
    }
}
