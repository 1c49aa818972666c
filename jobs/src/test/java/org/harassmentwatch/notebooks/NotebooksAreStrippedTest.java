package org.harassmentwatch.notebooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Notebooks are kept in git as sources only: no outputs, execution counts or run metadata (they would bloat the
 * repository with images and go stale). {@code python3 notebooks/strip_outputs.py notebooks/*.ipynb} cleans them.
 */
class NotebooksAreStrippedTest {

    private static final Path NOTEBOOKS = Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
            .toAbsolutePath().normalize().getParent().resolve("notebooks");

    @Test
    void committedNotebooksCarryNoOutputs() throws IOException {
        List<Path> notebooks;
        try (Stream<Path> files = Files.list(NOTEBOOKS)) {
            notebooks = files.filter(p -> p.toString().endsWith(".ipynb")).sorted().toList();
        }
        assertThat(notebooks).extracting(p -> p.getFileName().toString())
                .contains("explore_campaigns.ipynb", "campaign_network.ipynb", "threshold_backtest.ipynb");

        List<String> dirty = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (Path notebook : notebooks) {
            JsonNode root = json.readTree(notebook.toFile());
            int i = 0;
            for (JsonNode cell : root.path("cells")) {
                String where = notebook.getFileName() + " cell " + i++;
                if (!cell.path("outputs").isMissingNode() && !cell.path("outputs").isEmpty()) {
                    dirty.add(where + " has outputs");
                }
                if (!cell.path("execution_count").isMissingNode() && !cell.path("execution_count").isNull()) {
                    dirty.add(where + " has execution_count " + cell.path("execution_count"));
                }
                if (cell.path("metadata").has("execution")) {
                    dirty.add(where + " has execution timings");
                }
            }
        }
        assertThat(dirty).as("run: python3 notebooks/strip_outputs.py notebooks/*.ipynb").isEmpty();
    }
}
