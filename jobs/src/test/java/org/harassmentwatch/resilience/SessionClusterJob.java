package org.harassmentwatch.resilience;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.harassmentwatch.job.StreamNames;
import org.harassmentwatch.job.StreamingReference;
import org.harassmentwatch.stack.FlinkRestClient;
import org.harassmentwatch.stack.FlinkSessionCluster;
import org.harassmentwatch.stack.StartedService;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The streaming job as production runs it: the shaded job jar uploaded to a standalone session cluster (JobManager
 * and TaskManager JVMs) and its {@code run} command started over REST. One cluster per test class, under
 * {@code target/<name>} of the jobs module.
 */
final class SessionClusterJob implements AutoCloseable {

    static final String ENTRY_CLASS = "org.harassmentwatch.cli.HarassmentWatch";
    static final int PARALLELISM = 2;
    static final Duration STATUS_TIMEOUT = Duration.ofSeconds(60);

    private final FlinkSessionCluster cluster;
    private final String jarId;
    private final List<StartedService> started = new ArrayList<>();

    private SessionClusterJob(FlinkSessionCluster cluster, String jarId) {
        this.cluster = cluster;
        this.jarId = jarId;
        started.add(cluster.jobManager());
        cluster.taskManager().ifPresent(started::add);
    }

    /** Starts a cluster in {@code target/<name>} and uploads the shaded job jar to it. */
    static SessionClusterJob start(String name) {
        Path jar = jobJar();
        FlinkSessionCluster cluster = FlinkSessionCluster.builder().dataDir(target().resolve(name)).build().start();
        try {
            return new SessionClusterJob(cluster, cluster.rest().uploadJar(jar));
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /** {@code jobs/target/harassment-watch-jobs-*-flink-job.jar}, built in {@code package} before the ITs run. */
    static Path jobJar() {
        try (Stream<Path> files = Files.list(target())) {
            return files.filter(p -> p.getFileName().toString().matches("harassment-watch-jobs-.*-flink-job\\.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no harassment-watch-jobs-*-flink-job.jar in " + target()
                            + ": run the ITs through mvn verify (the jar is built in package)"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path target() {
        return Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath().resolve("target");
    }

    /** The options of {@code run} for one test: its topics, group and prefix, the reference's event-time settings. */
    static List<String> runArguments(String kafka, String elasticsearch, StreamNames names, String jobName) {
        List<String> args = new ArrayList<>(List.of("run", "--kafka", kafka, "--es", elasticsearch));
        args.addAll(names.runOptions());
        args.addAll(StreamingReference.RUN_OPTIONS);
        args.addAll(List.of("--checkpoint-interval", "2s", "--job-name", jobName));
        return args;
    }

    FlinkSessionCluster cluster() {
        return cluster;
    }

    FlinkRestClient rest() {
        return cluster.rest();
    }

    /** Runs the jar with {@code args}, from {@code savepoint} unless null, and waits until the job is RUNNING. */
    String run(List<String> args, String savepoint) {
        String jobId = rest().runJar(jarId, ENTRY_CLASS, PARALLELISM, args, savepoint);
        rest().awaitJobStatus(jobId, "RUNNING", STATUS_TIMEOUT);
        return jobId;
    }

    /**
     * {@code latest.restored} of {@code GET /jobs/<id>/checkpoints}: the checkpoint or savepoint the job last
     * restored its state from ({@code id}, {@code is_savepoint}, {@code external_path}), empty if it never did.
     */
    Optional<JsonNode> restoredFrom(String jobId) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(cluster.restUrl() + "/jobs/" + jobId + "/checkpoints")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET /jobs/%s/checkpoints: %s", jobId, response.body()).isEqualTo(200);
        JsonNode restored = new ObjectMapper().readTree(response.body()).path("latest").path("restored");
        return restored.isObject() ? Optional.of(restored) : Optional.empty();
    }

    void cancel(String jobId) {
        rest().cancel(jobId);
        rest().awaitJobStatus(jobId, "CANCELED", STATUS_TIMEOUT);
    }

    /** Stops the JobManager and every TaskManager this cluster had; none of their JVMs may be left. */
    @Override
    public void close() {
        cluster.taskManager().filter(tm -> !started.contains(tm)).ifPresent(started::add);
        cluster.close();
        assertThat(started).allSatisfy(jvm -> assertThat(jvm.isAlive()).as("%s JVM %d", jvm.name(), jvm.pid()).isFalse());
    }
}
