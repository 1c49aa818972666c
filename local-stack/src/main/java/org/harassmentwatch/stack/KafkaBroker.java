package org.harassmentwatch.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * One Kafka broker in KRaft combined mode (broker and controller in one JVM) on loopback. Runs as the current user:
 * unlike Elasticsearch it does not mind root, so it reads its jars straight from the local Maven repository.
 */
final class KafkaBroker extends JvmService {
    static final String NAME = "Kafka";
    /** Logged by KafkaRaftServer once the broker is unfenced and serving. */
    static final String STARTED_MESSAGE = "Kafka Server started";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final StackRuntime runtime;
    private final int port;
    private final int controllerPort;
    private final String heap;
    private final Map<String, String> extraSettings;

    KafkaBroker(StackRuntime runtime, Path home, LaunchSettings launch, int port, int controllerPort, String heap, Map<String, String> extraSettings) {
        super(NAME, home, launch);
        this.runtime = runtime;
        this.port = port;
        this.controllerPort = controllerPort;
        this.heap = heap;
        this.extraSettings = extraSettings;
    }

    int port() {
        return port;
    }

    int controllerPort() {
        return controllerPort;
    }

    String bootstrap() {
        return Ports.LOOPBACK + ":" + port;
    }

    private Path config() {
        return home.resolve("config");
    }

    private Path data() {
        return home.resolve("data");
    }

    private Path logsDir() {
        return home.resolve("logs");
    }

    private Path serverLog() {
        return logsDir().resolve("server.log");
    }

    private Path consoleLog() {
        return logsDir().resolve("console.log");
    }

    @Override
    List<Path> logs() {
        return List.of(consoleLog(), serverLog());
    }

    @Override
    StartedService start() {
        long begin = System.nanoTime();
        stopLeftover();
        Ports.requireFree(port, "Kafka broker");
        Ports.requireFree(controllerPort, "Kafka controller");
        String classpath = runtime.kafkaJars().stream().map(Path::toString).collect(Collectors.joining(java.io.File.pathSeparator));
        writeConfig();
        JvmService.rotate(consoleLog());
        JvmService.rotate(serverLog());
        ensureFormatted(classpath);
        Duration preparation = Duration.ofNanos(System.nanoTime() - begin);

        long launched = System.nanoTime();
        launch(List.of(
                "-Xms" + heap, "-Xmx" + heap,
                "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20", "-XX:InitiatingHeapOccupancyPercent=35", "-XX:+ExplicitGCInvokesConcurrent",
                "-Djava.awt.headless=true",
                "-Dlog4j2.configurationFile=" + config().resolve("log4j2.properties").toUri(),
                "-Dkafka.logs.dir=" + logsDir(),
                "-cp", classpath,
                "kafka.Kafka", config().resolve("server.properties").toString()),
            ProcessBuilder.Redirect.from(new java.io.File("/dev/null")), consoleLog(), Map.of(), false);
        awaitStarted();
        return new StartedService(NAME, pid(), bootstrap(), preparation, Duration.ofNanos(System.nanoTime() - launched), home, serverLog());
    }

    private void writeConfig() {
        StringBuilder properties = new StringBuilder()
            .append("# Written by the harassment-watch local stack on every start.\n")
            .append("process.roles=broker,controller\n")
            .append("node.id=1\n")
            .append("controller.quorum.bootstrap.servers=").append(Ports.LOOPBACK).append(':').append(controllerPort).append('\n')
            .append("listeners=PLAINTEXT://").append(Ports.LOOPBACK).append(':').append(port)
            .append(",CONTROLLER://").append(Ports.LOOPBACK).append(':').append(controllerPort).append('\n')
            .append("advertised.listeners=PLAINTEXT://").append(Ports.LOOPBACK).append(':').append(port).append('\n')
            .append("controller.listener.names=CONTROLLER\n")
            .append("inter.broker.listener.name=PLAINTEXT\n")
            .append("listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT\n")
            .append("log.dirs=").append(data()).append('\n')
            // One broker: every internal topic has a single replica.
            .append("offsets.topic.replication.factor=1\n")
            .append("transaction.state.log.replication.factor=1\n")
            .append("transaction.state.log.min.isr=1\n")
            .append("share.coordinator.state.topic.replication.factor=1\n")
            .append("share.coordinator.state.topic.min.isr=1\n")
            // 50 partitions per internal topic (the default) only slow the first consumer group and transaction down.
            .append("offsets.topic.num.partitions=4\n")
            .append("transaction.state.log.num.partitions=4\n")
            .append("share.coordinator.state.topic.num.partitions=4\n")
            .append("group.initial.rebalance.delay.ms=0\n")
            // Generated and replayed data carries old event timestamps: time-based retention would delete it at once.
            .append("log.retention.ms=-1\n")
            // Flink's exactly-once Kafka sink asks for 1 h transactions by default; the broker's default cap is 15 min.
            .append("transaction.max.timeout.ms=3600000\n");
        extraSettings.forEach((key, value) -> properties.append(key).append('=').append(value).append('\n'));
        try {
            Files.createDirectories(config());
            Files.createDirectories(data());
            Files.createDirectories(logsDir());
            Files.writeString(config().resolve("server.properties"), properties);
            Files.writeString(config().resolve("log4j2.properties"), LOG4J2.replace("@SERVER_LOG@", serverLog().toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Fresh data needs a formatted {@code log.dirs}. Formatting takes a JVM start (seconds of CPU that the node
     * starting next to it needs too), so the formatted storage is kept as a template and copied while the broker
     * configuration it was formatted for is unchanged.
     */
    private void ensureFormatted(String classpath) {
        if (Files.isRegularFile(data().resolve("meta.properties"))) {
            return;
        }
        Path template = home.resolve("formatted-storage");
        Path templateKey = home.resolve("formatted-storage.key");
        try {
            String key = Files.readString(config().resolve("server.properties"));
            if (Files.isRegularFile(template.resolve("meta.properties")) && Files.isRegularFile(templateKey)
                && Files.readString(templateKey).equals(key)) {
                copyTree(template, data());
                return;
            }
            formatStorage(classpath);
            ElasticsearchHome.deleteTree(template);
            copyTree(data(), template);
            Files.writeString(templateKey, key);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare Kafka storage in " + data(), e);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (java.util.stream.Stream<Path> files = Files.walk(from)) {
            for (Path source : files.sorted().toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /** {@code kafka-storage.sh format --standalone}: a new single-voter KRaft quorum in {@code log.dirs}. */
    private void formatStorage(String classpath) {
        Path log = logsDir().resolve("format.log");
        launch.requireJava();
        try {
            Process format = new ProcessBuilder(launch.java().toString(), "-Xmx256m",
                "-Dlog4j2.configurationFile=" + config().resolve("log4j2.properties").toUri(),
                "-cp", classpath, "kafka.tools.StorageTool", "format",
                "-t", randomClusterId(), "-c", config().resolve("server.properties").toString(), "--standalone")
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
            Duration timeout = Duration.ofSeconds(60);
            if (!format.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                format.destroyForcibly();
                throw new StackStartException("Kafka storage format did not finish within " + timeout.toSeconds() + " s (log: " + log + ")");
            }
            if (format.exitValue() != 0) {
                throw new StackStartException("Kafka storage format failed with code " + format.exitValue() + ": "
                    + LogTail.reason(List.of(log)).orElse("no output") + " (log: " + log + ")");
            }
        } catch (IOException e) {
            throw new StackStartException("cannot run the Kafka storage format with " + launch.java() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackStartException("interrupted while formatting Kafka storage");
        }
    }

    /** Same shape as {@code org.apache.kafka.common.Uuid#randomUuid()}: 16 random bytes, URL-safe base64. */
    static String randomClusterId() {
        while (true) {
            byte[] bytes = new byte[16];
            RANDOM.nextBytes(bytes);
            String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            if (!id.startsWith("-")) { // Kafka's command line tools would read it as an option
                return id;
            }
        }
    }

    private void awaitStarted() {
        long deadline = JvmService.deadline(launch.startupTimeout());
        while (true) {
            if (logContains(serverLog(), STARTED_MESSAGE) && Ports.accepts(port, 500)) {
                return;
            }
            pollWhileStarting(deadline, "waiting for \"" + STARTED_MESSAGE + "\" in " + serverLog());
        }
    }

    private static boolean logContains(Path log, String text) {
        try {
            return Files.isRegularFile(log) && new String(Files.readAllBytes(log), StandardCharsets.UTF_8).contains(text);
        } catch (IOException e) {
            return false;
        }
    }

    private static final String LOG4J2 = """
        # Written by the harassment-watch local stack.
        status = warn
        appender.file.type = RollingFile
        appender.file.name = file
        appender.file.fileName = @SERVER_LOG@
        appender.file.filePattern = @SERVER_LOG@.%i
        appender.file.layout.type = PatternLayout
        appender.file.layout.pattern = [%d] %p %m (%c)%n
        appender.file.policies.type = Policies
        appender.file.policies.size.type = SizeBasedTriggeringPolicy
        appender.file.policies.size.size = 64MB
        appender.file.strategy.type = DefaultRolloverStrategy
        appender.file.strategy.max = 2
        rootLogger.level = info
        rootLogger.appenderRef.file.ref = file
        logger.request.name = kafka.request.logger
        logger.request.level = warn
        logger.statechange.name = state.change.logger
        logger.statechange.level = warn
        logger.clients.name = org.apache.kafka.clients
        logger.clients.level = warn
        """;
}
