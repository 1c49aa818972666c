package org.harassmentwatch.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The persistent stack behind the CLI: {@link #up} starts Elasticsearch and Kafka detached (they outlive this JVM)
 * and records them in {@code dataDir/stack.json}; {@link #status} and {@link #down} work from any later JVM.
 * Every method returns one {@link ServiceStatus} per service, Elasticsearch first.
 */
public final class StackControl {
    public static final String STATE_FILE = "stack.json";
    private static final String ELASTICSEARCH_KEY = "elasticsearch";
    private static final String KAFKA_KEY = "kafka";

    private StackControl() {}

    /** {@code <java.io.tmpdir>/harassment-watch-stack-<user>}: reachable by the uid Elasticsearch runs as. */
    public static Path defaultDataDir() {
        return Path.of(System.getProperty("java.io.tmpdir"), "harassment-watch-stack-" + System.getProperty("user.name"));
    }

    /**
     * Starts the stack unless it already runs there; ports of the previous start are reused when still free.
     *
     * @throws StackStartException with the reason when a service does not start (nothing is left running then)
     */
    public static List<ServiceStatus> up(Path dataDir) {
        Path dir = dataDir.toAbsolutePath().normalize();
        Map<String, Object> previous = readState(dir);
        if (!previous.isEmpty()) {
            List<ServiceStatus> current = status(dir);
            if (current.stream().allMatch(ServiceStatus::alive)) {
                return current;
            }
            if (current.stream().anyMatch(ServiceStatus::alive)) {
                down(dir, false); // half a stack: start both afresh
            }
        }
        LocalStack.Builder builder = LocalStack.builder().dataDir(dir).withElasticsearch().withKafka().detached(true);
        LocalStack stack = builder.build();
        stack.start();
        writeState(dir, stack);
        return status(dir);
    }

    /** Which services of the stack in {@code dataDir} are alive and healthy. */
    public static List<ServiceStatus> status(Path dataDir) {
        Path dir = dataDir.toAbsolutePath().normalize();
        Map<String, Object> state = readState(dir);
        List<ServiceStatus> statuses = new ArrayList<>();
        statuses.add(serviceStatus(dir, state, ELASTICSEARCH_KEY, ElasticsearchNode.NAME, "url"));
        statuses.add(serviceStatus(dir, state, KAFKA_KEY, KafkaBroker.NAME, "bootstrap"));
        return statuses;
    }

    /**
     * Stops both services (SIGTERM, SIGKILL after 30 s). Their data, and {@code stack.json} for the ports of the next
     * {@link #up}, are kept unless {@code wipeData}, which deletes {@code dataDir/elasticsearch}, {@code dataDir/kafka}
     * and {@code stack.json}.
     */
    public static List<ServiceStatus> down(Path dataDir, boolean wipeData) {
        Path dir = dataDir.toAbsolutePath().normalize();
        Map<String, Object> state = readState(dir);
        List<ServiceStatus> statuses = new ArrayList<>();
        List<Thread> stoppers = new ArrayList<>();
        for (String[] service : new String[][] {{ELASTICSEARCH_KEY, ElasticsearchNode.NAME, "url"}, {KAFKA_KEY, KafkaBroker.NAME, "bootstrap"}}) {
            Path home = dir.resolve(service[0]);
            OptionalLong pid = pidOf(home);
            if (pid.isPresent()) {
                Thread stopper = new Thread(() -> Processes.stop(pid.getAsLong(), java.time.Duration.ofSeconds(30)), "stack-down-" + service[0]);
                stopper.start();
                stoppers.add(stopper);
            }
            statuses.add(ServiceStatus.stopped(service[1], string(section(state, service[0]), service[2])));
        }
        try {
            for (Thread stopper : stoppers) {
                stopper.join();
            }
            for (String service : List.of(ELASTICSEARCH_KEY, KAFKA_KEY)) {
                Path home = dir.resolve(service);
                OptionalLong pid = pidOf(home);
                if (pid.isPresent()) {
                    throw new IllegalStateException(service + " JVM " + pid.getAsLong() + " of " + home + " is still running");
                }
                Files.deleteIfExists(home.resolve("hw-stack.pid"));
                if (wipeData) {
                    ElasticsearchHome.deleteTree(home);
                }
            }
            if (wipeData) {
                Files.deleteIfExists(dir.resolve(STATE_FILE));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping the stack in " + dir);
        }
        return statuses;
    }

    private static ServiceStatus serviceStatus(Path dir, Map<String, Object> state, String key, String name, String endpointKey) {
        Map<String, Object> section = section(state, key);
        String endpoint = string(section, endpointKey);
        OptionalLong pid = pidOf(dir.resolve(key));
        if (section.isEmpty() || pid.isEmpty()) {
            return new ServiceStatus(name, endpoint, -1, false, "stopped", OptionalLong.empty());
        }
        long p = pid.getAsLong();
        String health = key.equals(ELASTICSEARCH_KEY)
            ? ElasticsearchNode.health(endpoint)
            : (Ports.accepts(((Number) section.get("port")).intValue(), 2000) ? "serving" : "not accepting connections");
        return new ServiceStatus(name, endpoint, p, true, health, Processes.rssKb(p));
    }

    /** The pid of the JVM running from {@code home}, if one does (checked against its command line). */
    private static OptionalLong pidOf(Path home) {
        OptionalLong pid = Processes.readPidFile(home.resolve("hw-stack.pid"));
        if (pid.isPresent() && Processes.isAliveWith(pid.getAsLong(), home.toString())) {
            return pid;
        }
        return OptionalLong.empty();
    }

    private static void writeState(Path dir, LocalStack stack) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("startedAt", Instant.now().toString());
        for (JvmService service : stack.jvmServices()) {
            Map<String, Object> section = new LinkedHashMap<>();
            section.put("pid", service.pid());
            if (service instanceof ElasticsearchNode node) {
                section.put("url", node.url());
                section.put("httpPort", node.httpPort());
                section.put("transportPort", node.transportPort());
                section.put("home", node.home.toString());
                state.put(ELASTICSEARCH_KEY, section);
            } else if (service instanceof KafkaBroker broker) {
                section.put("bootstrap", broker.bootstrap());
                section.put("port", broker.port());
                section.put("controllerPort", broker.controllerPort());
                section.put("home", broker.home.toString());
                state.put(KAFKA_KEY, section);
            }
        }
        try {
            Path file = dir.resolve(STATE_FILE);
            Path tmp = dir.resolve(STATE_FILE + ".tmp");
            Files.writeString(tmp, Json.write(state));
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, Object> readState(Path dir) {
        Path file = dir.resolve(STATE_FILE);
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        try {
            return Json.parseObject(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(file + " is not valid: " + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> section(Map<String, Object> state, String key) {
        Object section = state.get(key);
        return section instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    private static String string(Map<String, Object> section, String key) {
        Object value = section.get(key);
        return value == null ? "" : value.toString();
    }
}
