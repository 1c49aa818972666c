package org.harassmentwatch.generate;

/** Benign traffic that looks like a campaign to a naive detector and must not be flagged. */
public enum DecoyKind {
    /** Two friends who talk both ways often, with mutual mild insults and laughter. */
    BANTER("banter"),
    /** Swearing aimed at nobody, in posts and replies. */
    UNDIRECTED_PROFANITY("undirected_profanity"),
    /** Hundreds to thousands of friendly replies to one account within hours. */
    VIRAL_BENIGN("viral_benign"),
    /** Two users trade angry insults within ~15 minutes once, then never again. */
    HEATED_EXCHANGE("heated_exchange");

    private final String id;

    DecoyKind(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static DecoyKind fromId(String id) {
        for (DecoyKind kind : values()) {
            if (kind.id.equals(id)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown decoy kind '" + id + "'");
    }
}
