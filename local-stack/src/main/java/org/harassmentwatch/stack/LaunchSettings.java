package org.harassmentwatch.stack;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How service JVMs are launched.
 *
 * @param java           the java executable (by default the one of this JVM's {@code java.home})
 * @param detached       true for the persistent CLI mode: the services get their own session (setsid) and outlive
 *                       this JVM; false: they are stopped by {@link LocalStack#close()} or this JVM's shutdown hook
 * @param startupTimeout bound on each service's wait for ready
 * @param stopTimeout    bound on each service's graceful stop before SIGKILL
 */
record LaunchSettings(Path java, boolean detached, Duration startupTimeout, Duration stopTimeout) {

    static Path defaultJava() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    void requireJava() {
        if (!Files.isExecutable(java)) {
            throw new StackStartException("java not found: " + java + " is not an executable file");
        }
    }

    /** Wrappers before {@code java}: its own session when detached; uid 65534 for Elasticsearch when root. */
    List<String> commandPrefix(boolean unprivileged) {
        List<String> prefix = new ArrayList<>();
        if (detached) {
            prefix.add(executableOnPath("setsid"));
        }
        if (unprivileged) {
            prefix.add(executableOnPath("setpriv"));
            prefix.add("--reuid=" + UnixAccess.UNPRIVILEGED_UID);
            prefix.add("--regid=" + UnixAccess.UNPRIVILEGED_GID);
            prefix.add("--clear-groups");
            prefix.add("--");
        }
        return prefix;
    }

    private static String executableOnPath(String name) {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("/usr/bin:/bin");
        for (String dir : (path + File.pathSeparator + "/usr/bin:/bin").split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new StackStartException(name + " not found on PATH (util-linux); it is needed to run the local stack");
    }
}
