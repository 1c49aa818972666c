package org.harassmentwatch.generate;

import java.util.SplittableRandom;

/**
 * Noisy upstream-classifier probabilities for a message, as a platform might attach them. They follow the
 * text's {@link ScoreProfile} (so banter scores like an insult and look-alikes raise threat scores), drop
 * sharply when a cue word is disguised (classifiers are easy to evade), and miss some abuse outright:
 * a detector cannot read the truth from them.
 */
final class UpstreamScores {

    static final int COUNT = ScoreProfile.ATTRIBUTES.length;

    private UpstreamScores() {
    }

    /** Fills {@code millis} with the seven scores in thousandths (0..1000). */
    static void draw(ScoreProfile profile, boolean disguised, SplittableRandom rng, int[] millis) {
        double damping = 1.0;
        if (profile.harmful()) {
            if (disguised) {
                damping = 0.2 + 0.4 * rng.nextDouble();
            } else if (rng.nextInt(100) < 10) {
                damping = 0.25 + 0.3 * rng.nextDouble(); // an outright miss
            }
        }
        for (int i = 0; i < COUNT; i++) {
            double mean = profile.mean(i);
            double value = mean * damping + spread(mean) * approximateGaussian(rng);
            millis[i] = (int) Math.round(Math.max(0.0, Math.min(1.0, value)) * 1000.0);
        }
    }

    private static double spread(double mean) {
        return 0.02 + 0.12 * Math.min(mean, 1.0 - mean);
    }

    /** Irwin-Hall sum of four uniforms, scaled to unit variance: plain arithmetic, so bit-for-bit repeatable. */
    private static double approximateGaussian(SplittableRandom rng) {
        double sum = rng.nextDouble() + rng.nextDouble() + rng.nextDouble() + rng.nextDouble();
        return (sum - 2.0) * 1.7320508075688772;
    }

    /** Formats thousandths as a JSON number with three decimals, e.g. {@code 0.050}. */
    static void format(int millis, char[] out) {
        out[0] = (char) ('0' + millis / 1000);
        out[1] = '.';
        out[2] = (char) ('0' + millis / 100 % 10);
        out[3] = (char) ('0' + millis / 10 % 10);
        out[4] = (char) ('0' + millis % 10);
    }
}
