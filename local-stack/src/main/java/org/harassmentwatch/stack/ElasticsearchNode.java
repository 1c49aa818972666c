package org.harassmentwatch.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One Elasticsearch 8.19 node: single-node discovery on loopback, run as uid 65534 when this JVM is root. */
final class ElasticsearchNode extends JvmService {
    static final String NAME = "Elasticsearch";
    private static final Pattern HEALTH_STATUS = Pattern.compile("\"status\"\\s*:\\s*\"(\\w+)\"");

    private final StackRuntime runtime;
    private final ElasticsearchHome layout;
    private final int httpPort;
    private final int transportPort;
    private final String heap;
    private final Map<String, String> extraSettings;
    private final boolean unprivileged = UnixAccess.isRoot();

    ElasticsearchNode(StackRuntime runtime, Path home, LaunchSettings launch, int httpPort, int transportPort, String heap,
                      Map<String, String> extraSettings) {
        super(NAME, home, launch);
        this.runtime = runtime;
        this.layout = new ElasticsearchHome(this.home);
        this.httpPort = httpPort;
        this.transportPort = transportPort;
        this.heap = heap;
        this.extraSettings = extraSettings;
    }

    int httpPort() {
        return httpPort;
    }

    int transportPort() {
        return transportPort;
    }

    String url() {
        return "http://" + Ports.LOOPBACK + ":" + httpPort;
    }

    @Override
    List<Path> logs() {
        return List.of(layout.nodeLog(), layout.consoleLog());
    }

    @Override
    StartedService start() {
        long begin = System.nanoTime();
        if (unprivileged) {
            requireReachableByUnprivilegedUser();
        }
        stopLeftover();
        Ports.requireFree(httpPort, "Elasticsearch HTTP");
        Ports.requireFree(transportPort, "Elasticsearch transport");
        layout.install(runtime);
        layout.configure(httpPort, transportPort, extraSettings);
        layout.writeServerArgs(runtime, launch);
        JvmService.rotate(layout.consoleLog());
        JvmService.rotate(layout.nodeLog());
        if (unprivileged) {
            UnixAccess.chownToUnprivileged(home, layout.data());
        }
        Duration preparation = Duration.ofNanos(System.nanoTime() - begin);

        long launched = System.nanoTime();
        launch(layout.jvmArguments(heap), ProcessBuilder.Redirect.from(layout.serverArgs().toFile()), layout.consoleLog(),
            Map.of("LIBFFI_TMPDIR", layout.tmp().toString()), unprivileged);
        awaitGreen();
        return new StartedService(NAME, pid(), url(), preparation, Duration.ofNanos(System.nanoTime() - launched), home, layout.nodeLog());
    }

    private void requireReachableByUnprivilegedUser() {
        UnixAccess.firstUntraversable(home).ifPresent(dir -> {
            throw new StackStartException("Elasticsearch must run as uid " + UnixAccess.UNPRIVILEGED_UID + " (it refuses root), which cannot reach "
                + home + ": " + UnixAccess.describe(dir) + " is not traversable; use a data folder under /tmp or /var/tmp");
        });
        Path java = launch.java().toAbsolutePath();
        UnixAccess.firstUntraversable(java.getParent()).ifPresent(dir -> {
            throw new StackStartException("Elasticsearch must run as uid " + UnixAccess.UNPRIVILEGED_UID + ", which cannot reach "
                + java + ": " + UnixAccess.describe(dir) + " is not traversable");
        });
    }

    private void awaitGreen() {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create(url() + "/_cluster/health?wait_for_status=green&timeout=1s"))
            .timeout(Duration.ofSeconds(5)).GET().build();
        long deadline = JvmService.deadline(launch.startupTimeout());
        String state = "HTTP port not open yet";
        while (true) {
            try {
                HttpResponse<String> response = http.send(health, HttpResponse.BodyHandlers.ofString());
                Matcher status = HEALTH_STATUS.matcher(response.body());
                String color = status.find() ? status.group(1) : "unknown";
                if (response.statusCode() == 200 && color.equals("green")) {
                    return;
                }
                state = "cluster health " + color + " (HTTP " + response.statusCode() + ")";
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop();
                throw new StackStartException("Elasticsearch start was interrupted");
            }
            pollWhileStarting(deadline, "waiting for cluster health green, " + state);
        }
    }

    /** Health of a running node, for {@code status}: the color, or why there is none. */
    static String health(String url) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/_cluster/health")).timeout(Duration.ofSeconds(5)).GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            Matcher status = HEALTH_STATUS.matcher(response.body());
            return status.find() ? status.group(1) : "HTTP " + response.statusCode();
        } catch (IOException e) {
            return "unreachable";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
