package org.harassmentwatch.notebooks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Executes a notebook top to bottom with Debian's nbconvert ({@code python3 -m nbconvert --to notebook --execute}),
 * in a fresh kernel whose working folder is the notebook's own (so {@code import hwdata} works), and writes the
 * executed copy, outputs included, to an output folder; the source notebook is left untouched.
 */
final class NotebookExecutor {

    private static final int LOG_LINES_ON_FAILURE = 60;

    private final Path outputDir;
    private final Duration timeout;

    NotebookExecutor(Path outputDir, Duration timeout) {
        this.outputDir = outputDir;
        this.timeout = timeout;
    }

    /**
     * Runs {@code notebook} with {@code env} as the only {@code HW_*} variables (inherited ones are dropped, so the
     * developer's own cluster settings cannot leak in) and returns what it produced.
     *
     * @param outputName file name of the executed copy, without {@code .ipynb}
     * @throws AssertionError naming the notebook, nbconvert's exit code and the end of its log (which holds the
     *                        failing cell and its traceback) when a cell raised or the run timed out
     */
    ExecutedNotebook execute(Path notebook, String outputName, Map<String, String> env)
            throws IOException, InterruptedException {
        Files.createDirectories(outputDir);
        Path log = outputDir.resolve(outputName + ".log");
        ProcessBuilder pb = new ProcessBuilder(List.of(NotebookTooling.PYTHON.toString(), "-m", "nbconvert",
                "--to", "notebook", "--execute",
                "--ExecutePreprocessor.timeout=" + timeout.toSeconds(),
                "--output-dir", outputDir.toString(), "--output", outputName,
                notebook.toString()))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("HW_"));
        pb.environment().putAll(env);
        pb.environment().put("PYTHONDONTWRITEBYTECODE", "1");
        // Quiets ipykernel's debugger warning about frozen modules (noise in the log, not a problem).
        pb.environment().put("PYDEVD_DISABLE_FILE_VALIDATION", "1");
        Process p = pb.start();
        if (!p.waitFor(timeout.toSeconds() + 60, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError(notebook.getFileName() + " did not finish within " + timeout + "; log " + log
                    + ":\n" + tail(log));
        }
        if (p.exitValue() != 0) {
            throw new AssertionError(notebook.getFileName() + " failed (nbconvert exit " + p.exitValue() + "); log "
                    + log + ":\n" + tail(log));
        }
        return ExecutedNotebook.read(outputDir.resolve(outputName + ".ipynb"));
    }

    private static String tail(Path log) throws IOException {
        // IPython colours its tracebacks; the escape codes would only garble the assertion message.
        List<String> lines = new String(Files.readAllBytes(log), StandardCharsets.UTF_8)
                .replaceAll("\u001B\\[[0-9;]*m", "").lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_LINES_ON_FAILURE), lines.size()));
    }
}
