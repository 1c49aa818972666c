package org.harassmentwatch.generate;

/** Notable features of a planted campaign, listed in truth.json in this enum's order. */
public enum Trait {
    COPYPASTA("copypasta"),
    NEW_ACCOUNTS("new_accounts"),
    OBFUSCATED("obfuscated"),
    THREAT("threat"),
    HASHTAG("hashtag"),
    SHARED_URL("shared_url"),
    ESCALATING("escalating"),
    TARGET_REPLIED("target_replied"),
    SLOW("slow"),
    IDENTITY_ATTACK("identity_attack"),
    SEXUAL_HARASSMENT("sexual_harassment"),
    SELF_HARM("self_harm"),
    DOXXING("doxxing");

    private final String id;

    Trait(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Trait fromId(String id) {
        for (Trait trait : values()) {
            if (trait.id.equals(id)) {
                return trait;
            }
        }
        throw new IllegalArgumentException("unknown campaign trait '" + id + "'");
    }
}
