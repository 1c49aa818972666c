package org.harassmentwatch.generate;

/**
 * Per-campaign yes/no choices of a variant (escalating, slow, copypasta, ...) made with a low-discrepancy
 * sequence instead of coin flips: among any run of consecutive campaign numbers, the count with the variant is
 * within 2 of the asked share for runs of up to ~40 campaigns and within 3-4 for hundreds. Independent flips can leave a dozen campaigns without, say, an escalating pair,
 * which makes per-variant recall unmeasurable. Each variant steps by a different irrational and starts at a
 * seed-derived offset, so variants do not line up with each other.
 */
final class Quotas {

    enum Variant { ESCALATING, TARGET_REPLIED, SLOW, COPYPASTA, NEW_ACCOUNTS, HASHTAG, SHARED_URL, HEAVY_OBFUSCATION }

    /** Irrationals from distinct quadratic fields (√5, √3, √13, √6, √7, √17, √10, √19) with small continued-fraction terms. */
    private static final double[] STEPS = {
            0.6180339887498949, 0.7320508075688772, 0.3027756377319946, 0.4494897427831779,
            0.6457513110645907, 0.5615528128088303, 0.1622776601683795, 0.358898943540674};

    private final double[] offsets = new double[Variant.values().length];

    Quotas(long seed) {
        for (int i = 0; i < offsets.length; i++) {
            offsets[i] = (Mix.mix64(seed + 0x632BE59BD9B4E019L * (i + 1)) >>> 11) * 0x1.0p-53;
        }
    }

    /** Whether campaign {@code number} (of its shape) gets the variant; about {@code share} of numbers do. */
    boolean pick(Variant variant, int number, double share) {
        double x = offsets[variant.ordinal()] + number * STEPS[variant.ordinal()];
        return x - Math.floor(x) < share;
    }
}
