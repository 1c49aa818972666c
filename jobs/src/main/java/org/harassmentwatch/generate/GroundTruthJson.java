package org.harassmentwatch.generate;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** {@code truth.json}: pretty-printed, fields in a fixed order, so equal truths are equal bytes. */
final class GroundTruthJson {

    private GroundTruthJson() {
    }

    static void write(GroundTruth truth, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file);
             JsonGenerator gen = new JsonFactory().createGenerator(out, JsonEncoding.UTF8)) {
            Separators separators = Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                    .withObjectEmptySeparator("")
                    .withArrayEmptySeparator("");
            DefaultPrettyPrinter printer = new DefaultPrettyPrinter(separators)
                    .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                    .withArrayIndenter(new DefaultIndenter("  ", "\n"));
            gen.setPrettyPrinter(printer);
            IsoTime iso = new IsoTime();
            gen.writeStartObject();
            gen.writeStringField("generator_version", truth.generatorVersion());
            gen.writeNumberField("seed", truth.seed());
            gen.writeNumberField("messages", truth.messages());
            gen.writeNumberField("benign_messages", truth.benignMessages());
            gen.writeNumberField("planted_messages", truth.plantedMessages());
            gen.writeStringField("start", truth.start().toString());
            gen.writeStringField("end", truth.end().toString());
            writeConfig(gen, truth.config());
            gen.writeArrayFieldStart("campaigns");
            for (GroundTruth.Campaign c : truth.campaigns()) {
                gen.writeStartObject();
                gen.writeStringField("id", c.id());
                gen.writeStringField("shape", c.shape().id());
                writeStrings(gen, "targets", c.targets());
                writeStrings(gen, "senders", c.senders());
                gen.writeStringField("first_abusive_at", iso.format(c.firstAbusiveAt().toEpochMilli()));
                gen.writeStringField("last_abusive_at", iso.format(c.lastAbusiveAt().toEpochMilli()));
                writeStrings(gen, "abusive_message_ids", c.abusiveMessageIds());
                gen.writeArrayFieldStart("traits");
                for (Trait trait : c.traits()) {
                    gen.writeString(trait.id());
                }
                gen.writeEndArray();
                gen.writeEndObject();
            }
            gen.writeEndArray();
            gen.writeArrayFieldStart("decoys");
            for (GroundTruth.Decoy d : truth.decoys()) {
                gen.writeStartObject();
                gen.writeStringField("kind", d.kind().id());
                writeStrings(gen, "accounts", d.accounts());
                gen.writeNumberField("message_count", d.messageCount());
                gen.writeStringField("first_at", iso.format(d.firstAt().toEpochMilli()));
                gen.writeStringField("last_at", iso.format(d.lastAt().toEpochMilli()));
                gen.writeEndObject();
            }
            gen.writeEndArray();
            gen.writeEndObject();
            gen.writeRaw('\n');
        }
    }

    private static void writeConfig(JsonGenerator gen, GeneratorConfig config) throws IOException {
        gen.writeObjectFieldStart("config");
        gen.writeStringField("platform", config.platform());
        gen.writeNumberField("span_days", config.spanDays());
        gen.writeNumberField("users", config.users());
        gen.writeNumberField("campaigns_per_shape", config.campaignsPerShape());
        gen.writeNumberField("decoys_per_kind", config.decoysPerKind());
        gen.writeNumberField("viral_decoys", config.viralDecoys());
        gen.writeNumberField("out_of_order_share", config.outOfOrderShare());
        gen.writeNumberField("max_displacement_ms", config.maxDisplacement().toMillis());
        gen.writeNumberField("upstream_score_share", config.upstreamScoreShare());
        gen.writeEndObject();
    }

    private static void writeStrings(JsonGenerator gen, String field, List<String> values) throws IOException {
        gen.writeArrayFieldStart(field);
        for (String value : values) {
            gen.writeString(value);
        }
        gen.writeEndArray();
    }

    static GroundTruth read(Path file) throws IOException {
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        Instant start = Instant.parse(text(root, "start"));
        Instant end = Instant.parse(text(root, "end"));
        JsonNode c = required(root, "config");
        GeneratorConfig config = new GeneratorConfig(required(root, "seed").asLong(),
                required(root, "messages").asLong(), required(c, "campaigns_per_shape").asInt(), start,
                required(c, "span_days").asInt(), required(c, "users").asInt(),
                required(c, "out_of_order_share").asDouble(),
                Duration.ofMillis(required(c, "max_displacement_ms").asLong()),
                required(c, "upstream_score_share").asDouble(), required(c, "decoys_per_kind").asInt(),
                required(c, "viral_decoys").asInt(), text(c, "platform"));
        List<GroundTruth.Campaign> campaigns = new ArrayList<>();
        for (JsonNode n : required(root, "campaigns")) {
            List<Trait> traits = new ArrayList<>();
            for (JsonNode t : required(n, "traits")) {
                traits.add(Trait.fromId(t.asText()));
            }
            campaigns.add(new GroundTruth.Campaign(text(n, "id"), Shape.fromId(text(n, "shape")),
                    strings(n, "targets"), strings(n, "senders"), Instant.parse(text(n, "first_abusive_at")),
                    Instant.parse(text(n, "last_abusive_at")), strings(n, "abusive_message_ids"), List.copyOf(traits)));
        }
        List<GroundTruth.Decoy> decoys = new ArrayList<>();
        for (JsonNode n : required(root, "decoys")) {
            decoys.add(new GroundTruth.Decoy(DecoyKind.fromId(text(n, "kind")), strings(n, "accounts"),
                    required(n, "message_count").asInt(), Instant.parse(text(n, "first_at")),
                    Instant.parse(text(n, "last_at"))));
        }
        return new GroundTruth(text(root, "generator_version"), config.seed(), config.messages(),
                required(root, "benign_messages").asLong(), required(root, "planted_messages").asLong(),
                start, end, config, List.copyOf(campaigns), List.copyOf(decoys));
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("truth.json: field '" + field + "' is missing");
        }
        return value;
    }

    private static String text(JsonNode node, String field) {
        return required(node, field).asText();
    }

    private static List<String> strings(JsonNode node, String field) {
        List<String> out = new ArrayList<>();
        for (JsonNode value : required(node, field)) {
            out.add(value.asText());
        }
        return List.copyOf(out);
    }
}
