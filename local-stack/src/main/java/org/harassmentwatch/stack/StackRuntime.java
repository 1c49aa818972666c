package org.harassmentwatch.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The jars the service JVMs run on, as written by the build of {@code local-stack/es-runtime} and
 * {@code local-stack/kafka-runtime} into their {@code target/stack-runtime} folders.
 *
 * <p>They are found through the local-stack source folder recorded at build time (a filtered resource), so that
 * consumers of this module never get the server jars on their own classpath.
 */
final class StackRuntime {
    /** System property naming the local-stack source folder, when the recorded one is not right. */
    static final String RUNTIME_DIR_PROPERTY = "hw.stack.runtime.dir";
    private static final String BUILD_PROPERTIES = "stack-build.properties";

    private final Path esRuntimeDir;
    private final Path kafkaRuntimeDir;

    StackRuntime(Path localStackDir) {
        this.esRuntimeDir = localStackDir.resolve("es-runtime/target/stack-runtime");
        this.kafkaRuntimeDir = localStackDir.resolve("kafka-runtime/target/stack-runtime");
    }

    static StackRuntime locate() {
        String override = System.getProperty(RUNTIME_DIR_PROPERTY);
        if (override != null && !override.isBlank()) {
            return new StackRuntime(Path.of(override).toAbsolutePath());
        }
        return new StackRuntime(Path.of(buildProperties().getProperty("local.stack.dir")));
    }

    static Properties buildProperties() {
        Properties properties = new Properties();
        try (InputStream in = StackRuntime.class.getResourceAsStream(BUILD_PROPERTIES)) {
            if (in == null) {
                throw new StackStartException("resource " + BUILD_PROPERTIES + " is missing from the local-stack jar");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    /** Server, libraries and transport-netty4 module jars, in the order the build resolved them. */
    List<Path> elasticsearchJars() {
        return readClasspath(esRuntimeDir.resolve("elasticsearch.classpath"), "local-stack/es-runtime");
    }

    List<Path> kafkaJars() {
        return readClasspath(kafkaRuntimeDir.resolve("kafka.classpath"), "local-stack/kafka-runtime");
    }

    /** The helper jars of es-runtime: entitlement-agent, ansi-console, hw-local-node, server-args. */
    Path esHelperDir(String name) {
        Path dir = esRuntimeDir.resolve(name);
        if (jarsIn(dir).isEmpty()) {
            throw notBuilt(dir, "local-stack/es-runtime");
        }
        return dir;
    }

    static List<Path> jarsIn(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> jars = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "*.jar")) {
            entries.forEach(jars::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        jars.sort(null);
        return jars;
    }

    private static List<Path> readClasspath(Path file, String module) {
        if (!Files.isRegularFile(file)) {
            throw notBuilt(file, module);
        }
        try {
            List<Path> jars = new ArrayList<>();
            for (String entry : Files.readString(file).trim().split(java.io.File.pathSeparator)) {
                if (entry.isBlank()) {
                    continue;
                }
                Path jar = Path.of(entry.trim());
                if (!Files.isRegularFile(jar)) {
                    throw new StackStartException("jar " + jar + " listed in " + file + " does not exist; rebuild " + module);
                }
                jars.add(jar);
            }
            return jars;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static StackStartException notBuilt(Path missing, String module) {
        return new StackStartException(missing + " is missing: build it with `mvn -o -pl " + module + " process-classes`"
            + " (or point -D" + RUNTIME_DIR_PROPERTY + " at the local-stack source folder)");
    }
}
