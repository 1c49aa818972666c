package org.harassmentwatch.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Real Elasticsearch 8.19 and Kafka (KRaft) JVMs started from Maven Central jars, on free loopback ports.
 *
 * <pre>{@code
 * try (LocalStack stack = LocalStack.builder().dataDir(dir).withElasticsearch().withKafka().build().start()) {
 *     stack.elasticsearchUrl();   // "http://127.0.0.1:PORT"
 *     stack.kafkaBootstrap();     // "127.0.0.1:PORT"
 * }
 * }</pre>
 *
 * Both services start in parallel; {@link #start()} returns once Elasticsearch is green and the broker serves, or
 * throws a {@link StackStartException} that says why within the startup bound. Unless built {@code detached},
 * {@link #close()} (or, failing that, this JVM's shutdown hook) stops them. Data lives under
 * {@code dataDir/elasticsearch} and {@code dataDir/kafka} and is kept across starts unless {@code freshData}.
 */
public final class LocalStack implements AutoCloseable {
    private static final String PORTS_FILE = "ports.properties";
    private static final List<String> PORT_KEYS =
        List.of("elasticsearch.http.port", "elasticsearch.transport.port", "kafka.port", "kafka.controller.port");
    private final Path dataDir;
    private final boolean freshData;
    private final boolean detached;
    private final ElasticsearchNode elasticsearchNode;
    private final KafkaBroker kafkaBroker;
    private final Thread shutdownHook = new Thread(this::stopServices, "local-stack-shutdown");
    private final List<StartedService> started = new ArrayList<>();
    private boolean running;

    private LocalStack(Builder builder) {
        this.dataDir = builder.dataDir.toAbsolutePath().normalize();
        this.freshData = builder.freshData;
        this.detached = builder.detached;
        StackRuntime runtime = StackRuntime.locate();
        LaunchSettings launch = new LaunchSettings(builder.java, builder.detached, builder.startupTimeout, builder.stopTimeout);
        int[] ports = Ports.choose(
            new int[] {builder.elasticsearchHttpPort, builder.elasticsearchTransportPort, builder.kafkaPort, builder.kafkaControllerPort},
            previousPorts(dataDir));
        this.elasticsearchNode = builder.elasticsearch
            ? new ElasticsearchNode(runtime, dataDir.resolve("elasticsearch"), launch, ports[0], ports[1], builder.elasticsearchHeap,
                Map.copyOf(builder.elasticsearchSettings))
            : null;
        this.kafkaBroker = builder.kafka
            ? new KafkaBroker(runtime, dataDir.resolve("kafka"), launch, ports[2], ports[3], builder.kafkaHeap, Map.copyOf(builder.kafkaSettings))
            : null;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts the configured services in parallel and waits until all are ready. Returns {@code this}. */
    public synchronized LocalStack start() {
        if (running) {
            throw new IllegalStateException("local stack in " + dataDir + " is already started");
        }
        prepareDataDir();
        started.clear();
        if (!detached) {
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        }
        running = true;
        List<JvmService> services = jvmServices();
        ExecutorService starter = Executors.newFixedThreadPool(services.size(), runnable -> {
            Thread thread = new Thread(runnable, "local-stack-start");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<StartedService>> futures = new ArrayList<>();
            for (JvmService service : services) {
                futures.add(starter.submit(service::start));
            }
            RuntimeException failure = null;
            for (Future<StartedService> future : futures) {
                try {
                    started.add(future.get());
                } catch (ExecutionException e) {
                    RuntimeException cause = e.getCause() instanceof RuntimeException r ? r : new StackStartException(e.getCause().toString(), e.getCause());
                    if (failure == null) {
                        failure = cause;
                    } else {
                        failure.addSuppressed(cause);
                    }
                }
            }
            if (failure != null) {
                close();
                throw failure;
            }
            writePorts();
            return this;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new StackStartException("local stack start was interrupted");
        } finally {
            starter.shutdownNow();
        }
    }

    /** {@code http://127.0.0.1:PORT} of the started node. */
    public String elasticsearchUrl() {
        return require(elasticsearchNode, ElasticsearchNode.NAME).url();
    }

    /** {@code 127.0.0.1:PORT}, the {@code bootstrap.servers} of the started broker. */
    public String kafkaBootstrap() {
        return require(kafkaBroker, KafkaBroker.NAME).bootstrap();
    }

    public Optional<StartedService> elasticsearch() {
        return find(ElasticsearchNode.NAME);
    }

    public Optional<StartedService> kafka() {
        return find(KafkaBroker.NAME);
    }

    /** The started services, Elasticsearch first. */
    public synchronized List<StartedService> services() {
        return List.copyOf(started);
    }

    public Path dataDir() {
        return dataDir;
    }

    public synchronized boolean isRunning() {
        return running;
    }

    /** Stops the services (SIGTERM, then SIGKILL after the stop bound). Data is kept. */
    @Override
    public synchronized void close() {
        if (!running) {
            return;
        }
        stopServices();
        running = false;
        if (!detached) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // already shutting down: the hook is running or ran
            }
        }
    }

    private void stopServices() {
        List<Thread> stoppers = new ArrayList<>();
        for (JvmService service : jvmServices()) {
            Thread stopper = new Thread(service::stop, "local-stack-stop-" + service.name);
            stopper.start();
            stoppers.add(stopper);
        }
        for (Thread stopper : stoppers) {
            try {
                stopper.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The configured service JVMs, Elasticsearch first. */
    List<JvmService> jvmServices() {
        List<JvmService> services = new ArrayList<>();
        if (elasticsearchNode != null) {
            services.add(elasticsearchNode);
        }
        if (kafkaBroker != null) {
            services.add(kafkaBroker);
        }
        return services;
    }

    private void prepareDataDir() {
        try {
            Files.createDirectories(dataDir);
            if (freshData) {
                for (JvmService service : jvmServices()) {
                    service.stopLeftover();
                    ElasticsearchHome.deleteTree(service.home.resolve("data"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare local stack data folder " + dataDir, e);
        }
    }

    private Optional<StartedService> find(String name) {
        synchronized (this) {
            return started.stream().filter(s -> s.name().equals(name)).findFirst();
        }
    }

    private <T> T require(T service, String name) {
        if (service == null) {
            throw new IllegalStateException(name + " is not part of this local stack: add it with the builder");
        }
        return service;
    }

    /** Ports of the last successful start in this data folder, 0 where unknown: http, transport, broker, controller. */
    private static int[] previousPorts(Path dataDir) {
        Properties properties = new Properties();
        try (var in = Files.newInputStream(dataDir.resolve(PORTS_FILE))) {
            properties.load(in);
        } catch (IOException e) {
            return new int[4];
        }
        int[] ports = new int[PORT_KEYS.size()];
        for (int i = 0; i < ports.length; i++) {
            try {
                ports[i] = Integer.parseInt(properties.getProperty(PORT_KEYS.get(i), "0"));
            } catch (NumberFormatException e) {
                ports[i] = 0;
            }
        }
        return ports;
    }

    private void writePorts() {
        Properties properties = new Properties();
        if (elasticsearchNode != null) {
            properties.setProperty(PORT_KEYS.get(0), Integer.toString(elasticsearchNode.httpPort()));
            properties.setProperty(PORT_KEYS.get(1), Integer.toString(elasticsearchNode.transportPort()));
        }
        if (kafkaBroker != null) {
            properties.setProperty(PORT_KEYS.get(2), Integer.toString(kafkaBroker.port()));
            properties.setProperty(PORT_KEYS.get(3), Integer.toString(kafkaBroker.controllerPort()));
        }
        try (var out = Files.newOutputStream(dataDir.resolve(PORTS_FILE))) {
            properties.store(out, "ports of the last start, reused while free");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Configures a {@link LocalStack}; nothing is started before {@link LocalStack#start()}. */
    public static final class Builder {
        /** Settings the stack derives from its ports and folders: overriding them would break its URLs or data. */
        private static final Set<String> MANAGED_ELASTICSEARCH_SETTINGS =
            Set.of("http.port", "transport.port", "network.host", "path.data", "path.logs", "discovery.type");
        private static final Set<String> MANAGED_KAFKA_SETTINGS = Set.of("process.roles", "node.id",
            "controller.quorum.bootstrap.servers", "controller.quorum.voters", "listeners", "advertised.listeners", "log.dirs", "log.dir",
            "controller.listener.names", "inter.broker.listener.name", "listener.security.protocol.map");

        private Path dataDir;
        private boolean elasticsearch;
        private boolean kafka;
        private int elasticsearchHttpPort;
        private int elasticsearchTransportPort;
        private int kafkaPort;
        private int kafkaControllerPort;
        private String elasticsearchHeap = "1g";
        private String kafkaHeap = "512m";
        private final Map<String, String> elasticsearchSettings = new LinkedHashMap<>();
        private final Map<String, String> kafkaSettings = new LinkedHashMap<>();
        private Path java = LaunchSettings.defaultJava();
        private Duration startupTimeout = Duration.ofSeconds(120);
        private Duration stopTimeout = Duration.ofSeconds(30);
        private boolean freshData;
        private boolean detached;

        private Builder() {}

        /** Folder for the homes, data and logs of the services. Required. */
        public Builder dataDir(Path dataDir) {
            this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
            return this;
        }

        public Builder withElasticsearch() {
            this.elasticsearch = true;
            return this;
        }

        public Builder withKafka() {
            this.kafka = true;
            return this;
        }

        /** Fixed HTTP port instead of a free one. */
        public Builder elasticsearchHttpPort(int port) {
            this.elasticsearchHttpPort = checkPort(port, "elasticsearchHttpPort");
            return this;
        }

        public Builder elasticsearchTransportPort(int port) {
            this.elasticsearchTransportPort = checkPort(port, "elasticsearchTransportPort");
            return this;
        }

        /** Fixed broker (PLAINTEXT) port instead of a free one. */
        public Builder kafkaPort(int port) {
            this.kafkaPort = checkPort(port, "kafkaPort");
            return this;
        }

        public Builder kafkaControllerPort(int port) {
            this.kafkaControllerPort = checkPort(port, "kafkaControllerPort");
            return this;
        }

        /** JVM heap of the node, e.g. "512m" or "1g" (default 1g). */
        public Builder elasticsearchHeap(String heap) {
            this.elasticsearchHeap = checkHeap(heap, "elasticsearchHeap");
            return this;
        }

        /** JVM heap of the broker (default 512m). */
        public Builder kafkaHeap(String heap) {
            this.kafkaHeap = checkHeap(heap, "kafkaHeap");
            return this;
        }

        /** An extra {@code elasticsearch.yml} setting. Unknown settings make the node fail to start. */
        public Builder elasticsearchSetting(String key, String value) {
            checkKey(key, "elasticsearchSetting", MANAGED_ELASTICSEARCH_SETTINGS);
            elasticsearchSettings.put(key, Objects.requireNonNull(value, "value"));
            return this;
        }

        /** An extra {@code server.properties} setting of the broker. */
        public Builder kafkaSetting(String key, String value) {
            checkKey(key, "kafkaSetting", MANAGED_KAFKA_SETTINGS);
            kafkaSettings.put(key, Objects.requireNonNull(value, "value"));
            return this;
        }

        /** The java executable for the services (default: {@code java.home} of this JVM; Java 17 to 24). */
        public Builder java(Path javaExecutable) {
            this.java = Objects.requireNonNull(javaExecutable, "javaExecutable");
            return this;
        }

        /** Bound on each service's wait for ready (default 120 s). */
        public Builder startupTimeout(Duration timeout) {
            this.startupTimeout = checkPositive(timeout, "startupTimeout");
            return this;
        }

        /** Bound on each service's graceful stop before SIGKILL (default 30 s). */
        public Builder stopTimeout(Duration timeout) {
            this.stopTimeout = checkPositive(timeout, "stopTimeout");
            return this;
        }

        /** Delete the services' data (indices, topics) before starting. */
        public Builder freshData(boolean fresh) {
            this.freshData = fresh;
            return this;
        }

        /**
         * Detached services outlive this JVM (no shutdown hook, own session): the persistent CLI mode, see
         * {@link StackControl}.
         */
        public Builder detached(boolean detached) {
            this.detached = detached;
            return this;
        }

        public LocalStack build() {
            if (dataDir == null) {
                throw new IllegalStateException("dataDir is required");
            }
            if (!elasticsearch && !kafka) {
                throw new IllegalStateException("nothing to start: call withElasticsearch() and/or withKafka()");
            }
            return new LocalStack(this);
        }

        private static int checkPort(int port, String name) {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException(name + " must be 1..65535, was " + port);
            }
            return port;
        }

        private static String checkHeap(String heap, String name) {
            if (heap == null || !heap.matches("\\d+[mMgG]")) {
                throw new IllegalArgumentException(name + " must look like 512m or 1g, was " + heap);
            }
            return heap;
        }

        private static void checkKey(String key, String name, Set<String> managed) {
            if (key == null || !key.matches("[A-Za-z0-9_.\\-]+")) {
                throw new IllegalArgumentException(name + " key must be a dotted setting name, was " + key);
            }
            if (managed.contains(key)) {
                throw new IllegalArgumentException(name + " key " + key + " is managed by the local stack (ports, paths and roles come from the builder)");
            }
        }

        private static Duration checkPositive(Duration duration, String name) {
            if (duration == null || duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, was " + duration);
            }
            return duration;
        }
    }
}
