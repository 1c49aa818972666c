package org.harassmentwatch.generate;

/** What a message says, mapped to its template section in {@code generator/templates.txt}. */
enum TextKind {
    BENIGN_POST("benign.post", ScoreProfile.CLEAN, null),
    BENIGN_REPLY("benign.reply", ScoreProfile.CLEAN, null),
    BENIGN_MENTION("benign.mention", ScoreProfile.CLEAN, null),
    BENIGN_DM("benign.dm", ScoreProfile.CLEAN, null),
    LOOKALIKE_POST("lookalike.post", ScoreProfile.LOOKALIKE, null),
    LOOKALIKE_REPLY("lookalike.reply", ScoreProfile.LOOKALIKE, null),
    PILE_ON_TRIGGER("trigger.quote", ScoreProfile.CLEAN, null),
    TARGET_PLEA("target.plea", ScoreProfile.CLEAN, null),
    ABUSE_INSULT("abuse.insult", ScoreProfile.INSULT, null),
    ABUSE_THREAT("abuse.threat", ScoreProfile.THREAT, Trait.THREAT),
    ABUSE_IDENTITY_ATTACK("abuse.identity_attack", ScoreProfile.IDENTITY_ATTACK, Trait.IDENTITY_ATTACK),
    ABUSE_SEXUAL_HARASSMENT("abuse.sexual_harassment", ScoreProfile.SEXUAL, Trait.SEXUAL_HARASSMENT),
    ABUSE_SELF_HARM("abuse.self_harm", ScoreProfile.SELF_HARM, Trait.SELF_HARM),
    ABUSE_DOXXING("abuse.doxxing", ScoreProfile.DOXXING, Trait.DOXXING),
    BANTER_CHAT("banter.chat", ScoreProfile.CLEAN, null),
    BANTER_TEASE("banter.tease", ScoreProfile.TEASE, null),
    HEATED_OPENER("heated.opener", ScoreProfile.CLEAN, null),
    HEATED_INSULT("heated.insult", ScoreProfile.INSULT, null),
    PROFANITY_POST("profanity.post", ScoreProfile.PROFANE, null),
    PROFANITY_REPLY("profanity.reply", ScoreProfile.PROFANE, null),
    VIRAL_POST("viral.post", ScoreProfile.CLEAN, null),
    VIRAL_REPLY("viral.reply", ScoreProfile.CLEAN, null);

    private final String section;
    private final ScoreProfile profile;
    private final Trait trait;

    TextKind(String section, ScoreProfile profile, Trait trait) {
        this.section = section;
        this.profile = profile;
        this.trait = trait;
    }

    String section() {
        return section;
    }

    ScoreProfile profile() {
        return profile;
    }

    /** The campaign trait this kind of abuse adds, or null. */
    Trait trait() {
        return trait;
    }

    /** Planted abuse: templates must mark a cue span, so obfuscation always has something to disguise. */
    boolean abusive() {
        return section.startsWith("abuse.");
    }

    /** Texts whose templates must carry a {@code [cue]} span. */
    boolean needsCue() {
        return abusive() || this == HEATED_INSULT || this == BANTER_TEASE;
    }
}
