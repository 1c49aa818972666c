package org.harassmentwatch.job;

import java.util.List;
import java.util.UUID;

/** Topics, consumer group and index prefix of one streaming test, unique so that tests sharing a stack never meet. */
public record StreamNames(String messages, String alerts, String deadLetters, String prefix, String group) {

    public static StreamNames fresh(String test) {
        String id = test + "-" + UUID.randomUUID().toString().substring(0, 8);
        return new StreamNames("it-" + id + "-messages", "it-" + id + "-alerts", "it-" + id + "-dead-letters",
                "it-" + id + "-", "it-" + id);
    }

    /** These names as options of the {@code run} command. */
    public List<String> runOptions() {
        return List.of("--topic", messages, "--alert-topic", alerts, "--dead-letter-topic", deadLetters,
                "--prefix", prefix, "--group-id", group);
    }
}
