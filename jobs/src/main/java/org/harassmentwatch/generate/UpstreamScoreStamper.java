package org.harassmentwatch.generate;

import java.util.SplittableRandom;

/**
 * Attaches upstream {@code scores} to the configured share of messages. Draws from its own random stream,
 * so switching scores on or off changes nothing else in the output.
 */
final class UpstreamScoreStamper {

    private final double share;
    private final SplittableRandom rng;

    UpstreamScoreStamper(double share, SplittableRandom rng) {
        this.share = share;
        this.rng = rng;
    }

    void stamp(MessageDraft d, ScoreProfile profile, boolean disguised) {
        if (share > 0 && rng.nextDouble() < share) {
            UpstreamScores.draw(profile, disguised, rng, d.scoreMillis);
            d.hasScores = true;
        }
    }
}
