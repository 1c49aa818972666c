package org.harassmentwatch.stack;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import org.apache.flink.connector.base.source.hybrid.HybridSource;
import org.harassmentwatch.stack.testjob.SequenceJob;

/** Packages the test job ({@code stack.testjob}) into a jar, as the shade plugin would, with or without flink-connector-base. */
final class TestJobJar {
    private TestJobJar() {}

    static Path build(Path jar, boolean withConnectorBase) throws IOException {
        Path classes = codeSource(SequenceJob.class);
        String packageDir = SequenceJob.class.getPackageName().replace('.', '/');
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, SequenceJob.class.getName());
        Files.createDirectories(jar.getParent());
        Set<String> written = new HashSet<>();
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest);
             Stream<Path> files = Files.walk(classes.resolve(packageDir))) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String name = classes.relativize(file).toString().replace('\\', '/');
                try (InputStream in = Files.newInputStream(file)) {
                    copy(out, name, in, written);
                }
            }
            if (withConnectorBase) {
                try (JarFile base = new JarFile(codeSource(HybridSource.class).toFile())) {
                    for (Enumeration<JarEntry> entries = base.entries(); entries.hasMoreElements(); ) {
                        JarEntry entry = entries.nextElement();
                        if (entry.isDirectory() || isSignatureOrManifest(entry.getName())) {
                            continue;
                        }
                        try (InputStream in = base.getInputStream(entry)) {
                            copy(out, entry.getName(), in, written);
                        }
                    }
                }
            }
        }
        return jar;
    }

    private static void copy(JarOutputStream out, String name, InputStream in, Set<String> written) throws IOException {
        if (!written.add(name)) {
            return;
        }
        out.putNextEntry(new JarEntry(name));
        in.transferTo(out);
        out.closeEntry();
    }

    private static boolean isSignatureOrManifest(String name) {
        String upper = name.toUpperCase(java.util.Locale.ROOT);
        return upper.equals("META-INF/MANIFEST.MF")
            || (upper.startsWith("META-INF/") && List.of(".SF", ".DSA", ".RSA", ".EC").stream().anyMatch(upper::endsWith));
    }

    private static Path codeSource(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the classes of " + type, e);
        }
    }
}
