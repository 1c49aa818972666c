package org.harassmentwatch.notebooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner NotebooksIT relies on really fails on a raising cell and really counts the plots. */
class NotebookExecutorIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @BeforeAll
    static void toolingInstalled() throws Exception {
        List<String> missing = NotebookTooling.missingDebianPackages();
        assertThat(missing).as(NotebookTooling.installHint(missing)).isEmpty();
    }

    @Test
    void aCellThatRaisesFailsTheRunWithItsError() throws Exception {
        Path notebook = notebook("raising-source", "print('before')", "raise ValueError('no campaigns for prefix ' + 'xx-')");
        NotebookExecutor executor = new NotebookExecutor(dir.resolve("out"), Duration.ofMinutes(2));

        assertThatThrownBy(() -> executor.execute(notebook, "raising", Map.of()))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("raising-source.ipynb failed")
                .hasMessageContaining("ValueError: no campaigns for prefix xx-")
                .hasMessageNotContaining("\u001B[");
    }

    @Test
    void plotsAndPrintedTextAreReadFromTheExecutedCopy() throws Exception {
        Path notebook = notebook("plots-source", "%matplotlib inline\nimport matplotlib.pyplot as plt\nimport os",
                "plt.plot([1, 2, 3]); print('prefix', os.environ.get('HW_PREFIX'))",
                "fig, ax = plt.subplots(); ax.bar(['a'], [1])");
        NotebookExecutor executor = new NotebookExecutor(dir.resolve("out"), Duration.ofMinutes(2));

        ExecutedNotebook run = executor.execute(notebook, "plots", Map.of("HW_PREFIX", "nb-test-"));

        assertThat(run.pngOutputs()).isEqualTo(2);
        assertThat(run.errors()).isEmpty();
        assertThat(run.text()).contains("prefix nb-test-");
        assertThat(run.file()).isEqualTo(dir.resolve("out").resolve("plots.ipynb"));
    }

    private Path notebook(String name, String... codeCells) throws Exception {
        ObjectNode nb = JSON.createObjectNode();
        nb.put("nbformat", 4).put("nbformat_minor", 5);
        nb.putObject("metadata").putObject("kernelspec").put("name", "python3").put("display_name", "Python 3")
                .put("language", "python");
        ArrayNode cells = nb.putArray("cells");
        int i = 0;
        for (String source : codeCells) {
            ObjectNode cell = cells.addObject();
            cell.put("cell_type", "code").put("id", "cell-" + i++).put("source", source).putNull("execution_count");
            cell.putObject("metadata");
            cell.putArray("outputs");
        }
        Path file = dir.resolve(name + ".ipynb");
        Files.writeString(file, JSON.writeValueAsString(nb));
        return file;
    }
}
