package org.harassmentwatch.notebooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a notebook produced when it ran: its PNG figures, error outputs and the text it printed or displayed.
 *
 * @param pngOutputs outputs carrying an {@code image/png} (one per matplotlib figure shown inline)
 * @param errors     {@code ename: evalue} of every error output
 * @param text       stream text and {@code text/plain} results of all cells, in order
 */
record ExecutedNotebook(Path file, int pngOutputs, List<String> errors, String text) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static ExecutedNotebook read(Path file) throws IOException {
        JsonNode root = JSON.readTree(file.toFile());
        int png = 0;
        List<String> errors = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (JsonNode cell : root.path("cells")) {
            for (JsonNode output : cell.path("outputs")) {
                switch (output.path("output_type").asText()) {
                    case "stream" -> text.append(joined(output.path("text")));
                    case "error" -> errors.add(output.path("ename").asText() + ": " + output.path("evalue").asText());
                    case "display_data", "execute_result" -> {
                        JsonNode data = output.path("data");
                        if (data.has("image/png")) {
                            png++;
                        }
                        text.append(joined(data.path("text/plain"))).append('\n');
                    }
                    default -> { }
                }
            }
        }
        return new ExecutedNotebook(file, png, List.copyOf(errors), text.toString());
    }

    /** Notebook text fields are either a string or a list of lines. */
    private static String joined(JsonNode node) {
        if (node.isArray()) {
            StringBuilder sb = new StringBuilder();
            node.forEach(line -> sb.append(line.asText()));
            return sb.toString();
        }
        return node.asText("");
    }
}
