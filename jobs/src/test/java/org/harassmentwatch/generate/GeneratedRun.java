package org.harassmentwatch.generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A generator run read back from disk, for assertions. */
record GeneratedRun(GroundTruth truth, List<Line> lines, Map<String, Line> byId) {

    record Line(int position, String id, String platform, String sender, long createdAt, String text,
                List<String> targets, String conversationId, String inReplyTo, String channel, String lang,
                long senderCreatedAt, boolean reported, List<String> hashtags, List<String> urls, JsonNode scores) {
    }

    static GeneratedRun generate(GeneratorConfig config, Path dir) {
        try {
            GroundTruth truth = TrafficGenerator.generate(config, dir, ProgressListener.NONE);
            return read(truth, dir.resolve(TrafficGenerator.MESSAGES_FILE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static GeneratedRun read(GroundTruth truth, Path messages) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        List<Line> lines = new ArrayList<>();
        Map<String, Line> byId = new LinkedHashMap<>();
        try (BufferedReader reader = Files.newBufferedReader(messages, StandardCharsets.UTF_8)) {
            String raw;
            while ((raw = reader.readLine()) != null) {
                JsonNode n = mapper.readTree(raw);
                Line line = new Line(lines.size(), n.get("message_id").asText(), n.get("platform").asText(),
                        n.get("sender_id").asText(), Instant.parse(n.get("created_at").asText()).toEpochMilli(),
                        n.get("text").asText(), strings(n.get("target_ids")), textOrNull(n, "conversation_id"),
                        textOrNull(n, "in_reply_to"), n.get("channel").asText(), n.get("lang").asText(),
                        Instant.parse(n.get("sender_created_at").asText()).toEpochMilli(), n.get("reported").asBoolean(),
                        strings(n.get("hashtags")), strings(n.get("urls")), n.get("scores"));
                lines.add(line);
                if (byId.put(line.id(), line) != null) {
                    throw new IllegalStateException("duplicate message_id " + line.id());
                }
            }
        }
        return new GeneratedRun(truth, lines, byId);
    }

    private static String textOrNull(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }

    /** Messages between two accounts, either direction (sender one of them, the other among the targets). */
    List<Line> between(String a, String b) {
        return lines.stream().filter(l -> (l.sender().equals(a) && l.targets().contains(b))
                || (l.sender().equals(b) && l.targets().contains(a))).toList();
    }
}
