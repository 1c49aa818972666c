package org.harassmentwatch.notebooks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The Python the notebooks run on: Debian's {@code /usr/bin/python3} with Debian's Jupyter, pandas and matplotlib
 * packages (PyPI is not reachable on the build machines, and a pyenv {@code python3} earlier on the PATH does not
 * see Debian's packages, hence the absolute path).
 */
final class NotebookTooling {

    static final Path PYTHON = Path.of("/usr/bin/python3");

    /** Python module the notebooks or their runner import → the Debian package that provides it. */
    static final Map<String, String> DEBIAN_PACKAGE_OF_MODULE = debianPackages();

    private NotebookTooling() {
    }

    private static Map<String, String> debianPackages() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("nbconvert", "jupyter-nbconvert");
        m.put("nbclient", "python3-nbclient");
        m.put("nbformat", "python3-nbformat");
        m.put("ipykernel", "python3-ipykernel");
        m.put("pandas", "python3-pandas");
        m.put("matplotlib", "python3-matplotlib");
        m.put("requests", "python3-requests");
        return m;
    }

    /** Debian packages whose modules {@link #PYTHON} cannot import (all of them when there is no such Python). */
    static List<String> missingDebianPackages() throws IOException, InterruptedException {
        if (!Files.isExecutable(PYTHON)) {
            return List.copyOf(DEBIAN_PACKAGE_OF_MODULE.values());
        }
        String script = "import importlib.util, sys\n"
                + "print(' '.join(m for m in sys.argv[1:] if importlib.util.find_spec(m) is None))\n";
        List<String> command = new ArrayList<>(List.of(PYTHON.toString(), "-c", script));
        command.addAll(DEBIAN_PACKAGE_OF_MODULE.keySet());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException(PYTHON + " could not check its modules: " + out);
        }
        return out.isEmpty() ? List.of()
                : Arrays.stream(out.split(" ")).map(DEBIAN_PACKAGE_OF_MODULE::get).toList();
    }

    /** What to tell the person whose machine lacks them. */
    static String installHint(List<String> missing) {
        return "the notebooks need Debian packages that are not installed: " + String.join(" ", missing)
                + ". Run .ci/run (it installs what is missing), or: apt-get install -y "
                + String.join(" ", DEBIAN_PACKAGE_OF_MODULE.values());
    }
}
