package org.harassmentwatch.scoring;

import java.util.List;

/**
 * Scores of one message, each 0..1, after combining the built-in scorer with upstream classifier scores.
 *
 * @param threat           threat of violence/death/serious harm
 * @param identityAttack   attack on a protected characteristic
 * @param insult           insult aimed at a person
 * @param sexualHarassment unwanted sexual content aimed at a person
 * @param selfHarm         encouragement of self-harm or suicide ("kys")
 * @param doxxing          disclosure of, or threat to disclose, personal data (address, phone, "I know where you live")
 * @param profanity        swearing, aimed or not
 * @param directedness     how much the message is addressed at its target (second person, vocative, reply)
 * @param abuse            overall directed abuse: the strongest harmful category weighted by directedness;
 *                         profanity alone never makes a message abusive
 * @param evidence         matched terms/spans behind the scores
 */
public record AbuseScores(
        double threat,
        double identityAttack,
        double insult,
        double sexualHarassment,
        double selfHarm,
        double doxxing,
        double profanity,
        double directedness,
        double abuse,
        List<EvidenceSpan> evidence) {

    public double get(Category category) {
        return switch (category) {
            case THREAT -> threat;
            case IDENTITY_ATTACK -> identityAttack;
            case INSULT -> insult;
            case SEXUAL_HARASSMENT -> sexualHarassment;
            case SELF_HARM -> selfHarm;
            case DOXXING -> doxxing;
            case PROFANITY -> profanity;
        };
    }
}
