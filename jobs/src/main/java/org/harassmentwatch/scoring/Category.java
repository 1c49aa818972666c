package org.harassmentwatch.scoring;

/** Abuse categories the built-in scorer rates 0..1. The JSON/field name is {@link #field()}. */
public enum Category {
    THREAT("threat"),
    IDENTITY_ATTACK("identity_attack"),
    INSULT("insult"),
    SEXUAL_HARASSMENT("sexual_harassment"),
    SELF_HARM("self_harm_encouragement"),
    DOXXING("doxxing"),
    PROFANITY("profanity");

    private final String field;

    Category(String field) {
        this.field = field;
    }

    public String field() {
        return field;
    }
}
