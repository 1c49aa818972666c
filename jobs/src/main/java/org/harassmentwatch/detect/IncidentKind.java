package org.harassmentwatch.detect;

/** Incident kinds; {@code name().toLowerCase()} is the value written out. */
public enum IncidentKind {
    /** One sender, one target, abuse on ≥ 2 separate occasions (course of conduct) or a threat. */
    PERSISTENT_PAIR,
    /** Many distinct senders abusing one target in a short span. */
    PILE_ON,
    /** A few distinct senders abusing one target: not reportable alone, links coordinated campaigns. */
    TARGET_GROUP,
    /** One sender abusing several distinct targets. */
    SPREE;

    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
