package org.harassmentwatch.generate;

/** Shapes of planted harassment campaigns; {@link #id()} is the name used in truth.json. */
public enum Shape {
    /** One sender abuses one target on several separate occasions. */
    PERSISTENT_PAIR("persistent_pair"),
    /** Many distinct senders abuse one target in a short span after a trigger. */
    PILE_ON("pile_on"),
    /** One sender abuses many distinct targets within a day. */
    SPREE("spree"),
    /** A largely overlapping group of senders abuses several targets over days. */
    COORDINATED("coordinated");

    private final String id;

    Shape(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Shape fromId(String id) {
        for (Shape shape : values()) {
            if (shape.id.equals(id)) {
                return shape;
            }
        }
        throw new IllegalArgumentException("unknown campaign shape '" + id + "'");
    }
}
