package org.harassmentwatch.stack;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The jars a Flink JobManager and TaskManager run on: {@code flink.classpath}, written by the build of
 * {@code local-stack/flink-runtime} into its {@code target/stack-runtime} folder. Found like the other runtimes (see
 * {@link StackRuntime}), so that consumers of this module never get the cluster's jars on their own classpath.
 */
final class FlinkRuntimeJars {
    static final String MODULE = "local-stack/flink-runtime";

    private FlinkRuntimeJars() {}

    static List<Path> locate() {
        String override = System.getProperty(StackRuntime.RUNTIME_DIR_PROPERTY);
        Path localStackDir = override != null && !override.isBlank()
            ? Path.of(override).toAbsolutePath()
            : Path.of(StackRuntime.buildProperties().getProperty("local.stack.dir"));
        return read(localStackDir.resolve("flink-runtime/target/stack-runtime/flink.classpath"));
    }

    static List<Path> read(Path classpathFile) {
        if (!Files.isRegularFile(classpathFile)) {
            throw new StackStartException(classpathFile + " is missing: build it with `mvn -o -pl " + MODULE + " generate-resources`"
                + " (or point -D" + StackRuntime.RUNTIME_DIR_PROPERTY + " at the local-stack source folder)");
        }
        try {
            List<Path> jars = new ArrayList<>();
            for (String entry : Files.readString(classpathFile).trim().split(File.pathSeparator)) {
                if (entry.isBlank()) {
                    continue;
                }
                Path jar = Path.of(entry.trim());
                if (!Files.isRegularFile(jar)) {
                    throw new StackStartException("jar " + jar + " listed in " + classpathFile + " does not exist; rebuild " + MODULE);
                }
                jars.add(jar);
            }
            return jars;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String joined(List<Path> jars) {
        return String.join(File.pathSeparator, jars.stream().map(Path::toString).toList());
    }
}
