package org.harassmentwatch.generate;

/**
 * What an upstream toxicity classifier would make of a kind of text: mean probabilities for
 * toxicity, severe_toxicity, identity_attack, insult, profanity, threat, sexually_explicit.
 * Profiles follow the <em>text</em>, not the truth: banter and heated insults score like insults,
 * look-alikes raise false threat scores, doxxing mostly slips past.
 */
enum ScoreProfile {
    CLEAN(0.03, 0.005, 0.01, 0.02, 0.01, 0.01, 0.01),
    LOOKALIKE(0.22, 0.02, 0.02, 0.08, 0.06, 0.30, 0.06),
    PROFANE(0.70, 0.15, 0.02, 0.15, 0.90, 0.02, 0.10),
    TEASE(0.60, 0.05, 0.02, 0.70, 0.15, 0.02, 0.02),
    INSULT(0.88, 0.30, 0.05, 0.85, 0.30, 0.05, 0.03),
    THREAT(0.80, 0.55, 0.05, 0.35, 0.15, 0.85, 0.02),
    IDENTITY_ATTACK(0.85, 0.40, 0.80, 0.60, 0.10, 0.10, 0.03),
    SEXUAL(0.80, 0.40, 0.05, 0.45, 0.45, 0.05, 0.85),
    SELF_HARM(0.80, 0.50, 0.03, 0.45, 0.10, 0.45, 0.02),
    DOXXING(0.30, 0.10, 0.02, 0.10, 0.02, 0.35, 0.02);

    /** Attribute names in output order. */
    static final String[] ATTRIBUTES = {
            "toxicity", "severe_toxicity", "identity_attack", "insult", "profanity", "threat", "sexually_explicit"};

    private final double[] means;

    ScoreProfile(double... means) {
        this.means = means;
    }

    double mean(int attribute) {
        return means[attribute];
    }

    /** Whether a classifier would call this text harmful at all (drives the obfuscation and miss discounts). */
    boolean harmful() {
        return this != CLEAN && this != LOOKALIKE && this != PROFANE;
    }
}
