package org.harassmentwatch.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;

/**
 * The ES_HOME folder of the local node, laid out like the tar distribution from the jars that
 * {@code local-stack/es-runtime} resolved. Jars are copied, not linked: the node runs as uid 65534, which cannot
 * read {@code ~/.m2} under {@code /root}.
 */
final class ElasticsearchHome {
    static final String CLUSTER_NAME = "harassment-watch-local";
    static final String NODE_NAME = "hw-local";
    private static final String NETTY_MODULE = "transport-netty4";
    private static final String LOCAL_NODE_MODULE = "hw-local-node";
    private static final String SERVER_ARGS_WRITER = "org.harassmentwatch.stack.es.args.ServerArgsWriter";

    final Path home;

    ElasticsearchHome(Path home) {
        this.home = home;
    }

    Path lib() {
        return home.resolve("lib");
    }

    Path config() {
        return home.resolve("config");
    }

    Path data() {
        return home.resolve("data");
    }

    Path logs() {
        return home.resolve("logs");
    }

    Path tmp() {
        return home.resolve("tmp");
    }

    Path consoleLog() {
        return logs().resolve("console.log");
    }

    Path nodeLog() {
        return logs().resolve(CLUSTER_NAME + ".log");
    }

    Path serverArgs() {
        return home.resolve("serverargs.bin");
    }

    Path bridgeJar() {
        return single(lib().resolve("entitlement-bridge"));
    }

    Path agentJar() {
        return single(lib().resolve("entitlement-agent"));
    }

    /** Copies the jars unless the same ones (by path, size and modification time) were copied before. */
    void install(StackRuntime runtime) {
        List<Path> jars = runtime.elasticsearchJars();
        Map<String, Path> helpers = Map.of(
            "lib/entitlement-agent", runtime.esHelperDir("entitlement-agent"),
            "lib/tools/ansi-console", runtime.esHelperDir("ansi-console"),
            "modules/" + LOCAL_NODE_MODULE, runtime.esHelperDir(LOCAL_NODE_MODULE));
        String fingerprint = fingerprint(jars, helpers);
        Path marker = home.resolve(".installed");
        try {
            if (Files.isRegularFile(marker) && Files.readString(marker).equals(fingerprint)) {
                return;
            }
            deleteTree(lib());
            deleteTree(home.resolve("modules"));
            for (Path jar : jars) {
                copyInto(jar, home.resolve(destinationOf(jar.getFileName().toString())));
            }
            Path netty = jars.stream().filter(j -> j.getFileName().toString().startsWith(NETTY_MODULE + "-")).findFirst()
                .orElseThrow(() -> new StackStartException(NETTY_MODULE + " jar missing from the es-runtime classpath"));
            extractPluginFiles(netty, home.resolve("modules").resolve(NETTY_MODULE));
            for (Map.Entry<String, Path> helper : helpers.entrySet()) {
                try (Stream<Path> files = Files.list(helper.getValue())) {
                    for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                        copyInto(file, home.resolve(helper.getKey()));
                    }
                }
            }
            Files.createDirectories(home.resolve("plugins"));
            Files.writeString(marker, fingerprint);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lay out ES_HOME " + home, e);
        }
    }

    /** Where the distribution keeps a jar: the bridge is patched into java.base, netty4 is a module, the rest is lib. */
    static String destinationOf(String jarName) {
        if (jarName.startsWith("elasticsearch-entitlement-bridge-")) {
            return "lib/entitlement-bridge";
        }
        if (jarName.startsWith(NETTY_MODULE + "-") || jarName.startsWith("elasticsearch-ssl-config-") || jarName.startsWith("netty-")) {
            return "modules/" + NETTY_MODULE;
        }
        return "lib";
    }

    /** Writes the node configuration. Extra settings replace defaults of the same key (keys are validated by the node). */
    void configure(int httpPort, int transportPort, Map<String, String> extraSettings) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("cluster.name", CLUSTER_NAME);
        settings.put("node.name", NODE_NAME);
        settings.put("discovery.type", "single-node");
        settings.put("network.host", Ports.LOOPBACK);
        settings.put("http.port", Integer.toString(httpPort));
        settings.put("transport.port", Integer.toString(transportPort));
        settings.put("path.data", data().toString());
        settings.put("path.logs", logs().toString());
        // A developer disk that is 90% full must not turn every index read-only.
        settings.put("cluster.routing.allocation.disk.threshold_enabled", "false");
        settings.put("action.destructive_requires_name", "false");
        settings.putAll(extraSettings);
        StringBuilder yml = new StringBuilder("# Written by the harassment-watch local stack on every start.\n");
        settings.forEach((key, value) -> yml.append(key).append(": ").append(quoted(value)).append('\n'));
        try {
            Files.createDirectories(config());
            Files.createDirectories(data());
            Files.createDirectories(logs());
            Files.createDirectories(tmp());
            Files.writeString(config().resolve("elasticsearch.yml"), yml);
            Files.writeString(config().resolve("log4j2.properties"), LOG4J2);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes the serialized ServerArgs the server reads on stdin (normally the unpublished server CLI's job).
     * It embeds the yml's settings, so it is rewritten whenever the yml changed.
     */
    void writeServerArgs(StackRuntime runtime, LaunchSettings launch) {
        Path keyFile = home.resolve("serverargs.key");
        try {
            String key = Files.readString(config().resolve("elasticsearch.yml"));
            if (Files.isRegularFile(serverArgs()) && Files.isRegularFile(keyFile) && Files.readString(keyFile).equals(key)) {
                return;
            }
            Files.deleteIfExists(serverArgs());
            Path writerJar = single(runtime.esHelperDir("server-args"));
            Path log = logs().resolve("serverargs.log");
            launch.requireJava();
            Process writer = new ProcessBuilder(launch.java().toString(), "-Xmx256m", "-cp",
                writerJar + java.io.File.pathSeparator + lib().resolve("*"),
                SERVER_ARGS_WRITER, home.toString(), serverArgs().toString())
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
            Duration timeout = Duration.ofSeconds(60);
            if (!writer.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                writer.destroyForcibly();
                throw new StackStartException("Elasticsearch ServerArgs writer did not finish within " + timeout.toSeconds() + " s (log: " + log + ")");
            }
            if (writer.exitValue() != 0 || !Files.isRegularFile(serverArgs())) {
                throw new StackStartException("Elasticsearch ServerArgs writer failed with code " + writer.exitValue() + ": "
                    + LogTail.reason(List.of(log)).orElse("no output") + " (log: " + log + ")");
            }
            Files.writeString(keyFile, key);
        } catch (IOException e) {
            throw new StackStartException("cannot write Elasticsearch ServerArgs with " + launch.java() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackStartException("interrupted while writing Elasticsearch ServerArgs");
        }
    }

    /** JVM arguments of the tar distribution's launcher, reduced to what a development node needs. */
    List<String> jvmArguments(String heap) {
        List<String> args = new ArrayList<>(List.of(
            "-Xms" + heap,
            "-Xmx" + heap,
            "-XX:+UseG1GC",
            "-Xss1m",
            "-XX:+ExitOnOutOfMemoryError",
            "-XX:-OmitStackTraceInFastThrow",
            "-Djava.awt.headless=true",
            "-Dfile.encoding=UTF-8",
            "-Djava.locale.providers=CLDR",
            "-Djna.nosys=true",
            "-Dio.netty.noUnsafe=true",
            "-Dio.netty.noKeySetOptimization=true",
            "-Dio.netty.recycler.maxCapacityPerThread=0",
            "-Dlog4j.shutdownHookEnabled=false",
            "-Dlog4j2.disable.jmx=true",
            "-Dlog4j2.formatMsgNoLookups=true",
            "-Djava.io.tmpdir=" + tmp(),
            "-Des.path.home=" + home,
            "-Des.path.conf=" + config(),
            "-Des.distribution.type=tar",
            "--enable-native-access=org.elasticsearch.nativeaccess,org.apache.lucene.core",
            "-Djdk.attach.allowAttachSelf=true",
            "-Des.entitlement.agentJar=" + agentJar(),
            "--patch-module=java.base=" + bridgeJar(),
            "--add-exports=java.base/org.elasticsearch.entitlement.bridge=org.elasticsearch.entitlement,java.logging,java.net.http,java.naming,jdk.net",
            "--module-path", lib().toString(),
            "--add-modules=jdk.net",
            "--add-modules=ALL-MODULE-PATH",
            "-m", "org.elasticsearch.server/org.elasticsearch.bootstrap.Elasticsearch"));
        return args;
    }

    private static final String LOG4J2 = """
        # Written by the harassment-watch local stack. The server removes the "console" appender once started.
        status = error
        appender.console.type = Console
        appender.console.name = console
        appender.console.layout.type = PatternLayout
        appender.console.layout.pattern = [%d{ISO8601}][%-5p][%-25c{1.}] %m%n
        appender.file.type = RollingFile
        appender.file.name = file
        appender.file.fileName = ${sys:es.logs.base_path}${sys:file.separator}${sys:es.logs.cluster_name}.log
        appender.file.filePattern = ${sys:es.logs.base_path}${sys:file.separator}${sys:es.logs.cluster_name}-%i.log
        appender.file.layout.type = PatternLayout
        appender.file.layout.pattern = [%d{ISO8601}][%-5p][%-25c{1.}] %m%n
        appender.file.policies.type = Policies
        appender.file.policies.size.type = SizeBasedTriggeringPolicy
        appender.file.policies.size.size = 64MB
        appender.file.strategy.type = DefaultRolloverStrategy
        appender.file.strategy.max = 2
        rootLogger.level = info
        rootLogger.appenderRef.console.ref = console
        rootLogger.appenderRef.file.ref = file
        logger.deprecation.name = org.elasticsearch.deprecation
        logger.deprecation.level = error
        """;

    private static String fingerprint(List<Path> jars, Map<String, Path> helpers) {
        StringBuilder text = new StringBuilder();
        List<Path> all = new ArrayList<>(jars);
        helpers.values().stream().sorted().forEach(dir -> {
            try (Stream<Path> files = Files.list(dir)) {
                files.filter(Files::isRegularFile).sorted().forEach(all::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        for (Path file : all) {
            try {
                text.append(file).append(' ').append(Files.size(file)).append(' ').append(Files.getLastModifiedTime(file).toMillis()).append('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return text.toString();
    }

    private static void extractPluginFiles(Path pluginJar, Path moduleDir) throws IOException {
        String prefix = "META-INF/es-plugins/" + NETTY_MODULE + "/";
        try (JarFile jar = new JarFile(pluginJar.toFile())) {
            for (String name : List.of("plugin-descriptor.properties", "entitlement-policy.yaml")) {
                ZipEntry entry = jar.getEntry(prefix + name);
                if (entry == null) {
                    throw new StackStartException(pluginJar + " has no " + prefix + name);
                }
                try (InputStream in = jar.getInputStream(entry)) {
                    Files.copy(in, moduleDir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void copyInto(Path file, Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.copy(file, dir.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
    }

    private static Path single(Path dir) {
        List<Path> jars = StackRuntime.jarsIn(dir);
        if (jars.size() != 1) {
            throw new StackStartException("expected exactly one jar in " + dir + ", found " + jars.size());
        }
        return jars.get(0);
    }

    private static String quoted(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
