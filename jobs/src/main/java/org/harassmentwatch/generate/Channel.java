package org.harassmentwatch.generate;

/** How a message reaches its target; the name is the {@code channel} field value. */
enum Channel {
    REPLY("reply"),
    MENTION("mention"),
    DIRECT_MESSAGE("direct_message"),
    COMMENT("comment"),
    POST("post");

    private final String field;

    Channel(String field) {
        this.field = field;
    }

    String field() {
        return field;
    }
}
