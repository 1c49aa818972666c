package org.harassmentwatch.stack;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * The few calls of Flink's REST API that the tests and the demo need: upload and run a job jar, follow, stop and
 * cancel its job. Thread-safe. Errors throw {@link FlinkRestException} with Flink's reason in one line.
 */
public final class FlinkRestClient {
    /** Job states after which the job does not change any more (in a session cluster without HA). */
    public static final Set<String> TERMINAL_STATES = Set.of("FINISHED", "FAILED", "CANCELED", "SUSPENDED");
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration DEFAULT_SAVEPOINT_TIMEOUT = Duration.ofMinutes(2);
    private static final long POLL_MILLIS = 200;

    private final String baseUrl;
    private final HttpClient http;

    /** @param restUrl {@code http://HOST:PORT} of the JobManager's REST endpoint */
    public FlinkRestClient(String restUrl) {
        Objects.requireNonNull(restUrl, "restUrl");
        this.baseUrl = restUrl.endsWith("/") ? restUrl.substring(0, restUrl.length() - 1) : restUrl;
        this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
    }

    public String restUrl() {
        return baseUrl;
    }

    /**
     * {@code GET /overview}.
     *
     * @param taskManagers   registered TaskManagers (a killed one counts until its heartbeat times out)
     * @param slotsAvailable free task slots
     */
    public record Overview(long taskManagers, long slotsTotal, long slotsAvailable, long jobsRunning, long jobsFinished,
                           long jobsCancelled, long jobsFailed, String flinkVersion) {}

    public Overview overview() {
        Map<String, Object> body = getJson("/overview");
        return new Overview(number(body, "taskmanagers"), number(body, "slots-total"), number(body, "slots-available"),
            number(body, "jobs-running"), number(body, "jobs-finished"), number(body, "jobs-cancelled"), number(body, "jobs-failed"),
            string(body, "flink-version"));
    }

    /** Whether a TaskManager with this resource id is registered at the ResourceManager. */
    public boolean isTaskManagerRegistered(String resourceId) {
        // Flink answers 500 (UnknownTaskExecutorException) for an unknown id, so anything but 200 means "not (yet)".
        return send(HttpRequest.newBuilder(uri("/taskmanagers/" + encode(resourceId))).GET()).statusCode() == 200;
    }

    /** {@code POST /jars/upload} (multipart); returns the jar id to run it with. */
    public String uploadJar(Path jar) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException("jar " + jar + " is not a file");
        }
        String boundary = "hw-" + UUID.randomUUID();
        String fileName = jar.getFileName().toString().replace("\"", "");
        String head = "--" + boundary + "\r\n"
            + "Content-Disposition: form-data; name=\"jarfile\"; filename=\"" + fileName + "\"\r\n"
            + "Content-Type: application/x-java-archive\r\n\r\n";
        BodyPublisher body;
        try {
            body = BodyPublishers.concat(BodyPublishers.ofString(head, StandardCharsets.UTF_8), BodyPublishers.ofFile(jar),
                BodyPublishers.ofString("\r\n--" + boundary + "--\r\n", StandardCharsets.UTF_8));
        } catch (FileNotFoundException e) {
            throw new IllegalArgumentException("jar " + jar + " is not readable", e);
        }
        Map<String, Object> answer = json("POST /jars/upload", HttpRequest.newBuilder(uri("/jars/upload"))
            .header("Content-Type", "multipart/form-data; boundary=" + boundary).POST(body));
        // {"filename": "<web.upload.dir>/flink-web-<uuid>/flink-web-upload/<uuid>_<name>.jar", "status": "success"}
        return Path.of(string(answer, "filename")).getFileName().toString();
    }

    /** {@code POST /jars/<jarId>/run}: runs the jar's {@code entryClass} main method; returns the job id. */
    public String runJar(String jarId, String entryClass, int parallelism, List<String> programArgs) {
        return runJar(jarId, entryClass, parallelism, programArgs, null);
    }

    /**
     * Like {@link #runJar(String, String, int, List)}, restoring the job's state from {@code savepointPath} (a
     * savepoint or retained checkpoint; null for none). State that no operator of the job claims fails the run.
     */
    public String runJar(String jarId, String entryClass, int parallelism, List<String> programArgs, String savepointPath) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, was " + parallelism);
        }
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("entryClass", Objects.requireNonNull(entryClass, "entryClass"));
        request.put("parallelism", parallelism);
        request.put("programArgsList", List.copyOf(programArgs));
        if (savepointPath != null) {
            request.put("savepointPath", savepointPath);
            request.put("allowNonRestoredState", false);
        }
        String path = "/jars/" + encode(jarId) + "/run";
        return string(postJson(path, request), "jobid");
    }

    /** {@code GET /jobs/<jobId>/status}: INITIALIZING, CREATED, RUNNING, FAILING, RESTARTING, FINISHED, CANCELED, FAILED... */
    public String jobStatus(String jobId) {
        return string(getJson("/jobs/" + encode(jobId) + "/status"), "status");
    }

    /**
     * Polls until the job is in {@code wanted} and returns it. Fails at once, with the job's latest exception, when the
     * job ends in another state; fails with the last state seen after {@code timeout}.
     */
    public String awaitJobStatus(String jobId, String wanted, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String status = jobStatus(jobId);
            if (status.equals(wanted)) {
                return status;
            }
            if (TERMINAL_STATES.contains(status)) {
                throw new IllegalStateException("job " + jobId + " ended " + status + " instead of " + wanted
                    + latestFailure(jobId).map(cause -> ": " + cause).orElse(""));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("job " + jobId + " is still " + status + " after " + timeout.toSeconds() + " s, waiting for " + wanted
                    + latestFailure(jobId).map(cause -> "; latest failure: " + cause).orElse(""));
            }
            sleep();
        }
    }

    /** The job's most recent failure (root exception) in one line, if it had one. */
    public java.util.Optional<String> latestFailure(String jobId) {
        Map<String, Object> body = getJson("/jobs/" + encode(jobId) + "/exceptions?maxExceptions=1");
        if (body.get("exceptionHistory") instanceof Map<?, ?> history && history.get("entries") instanceof List<?> entries
            && !entries.isEmpty() && entries.get(0) instanceof Map<?, ?> latest && latest.get("stacktrace") instanceof String trace) {
            return java.util.Optional.of(FlinkRestException.summarize(trace));
        }
        return java.util.Optional.empty();
    }

    /** {@code PATCH /jobs/<jobId>?mode=cancel}; returns at once, the job goes CANCELLING then CANCELED. */
    public void cancel(String jobId) {
        String path = "/jobs/" + encode(jobId) + "?mode=cancel";
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri(path)).method("PATCH", BodyPublishers.noBody()));
        requireSuccess("PATCH " + path, response);
    }

    /** {@link #stopWithSavepoint(String, Path, Duration)} with a 2 minute bound. */
    public String stopWithSavepoint(String jobId, Path targetDirectory) {
        return stopWithSavepoint(jobId, targetDirectory, DEFAULT_SAVEPOINT_TIMEOUT);
    }

    /**
     * {@code POST /jobs/<jobId>/stop} without draining (timers and windows keep their state for the next run), then
     * polls the savepoint until it completes. Returns the savepoint's location (a {@code file:} URI). The job then
     * ends FINISHED.
     */
    public String stopWithSavepoint(String jobId, Path targetDirectory, Duration timeout) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("targetDirectory", targetDirectory.toAbsolutePath().toString());
        request.put("drain", false);
        String triggerId = string(postJson("/jobs/" + encode(jobId) + "/stop", request), "request-id");
        String statusPath = "/jobs/" + encode(jobId) + "/savepoints/" + encode(triggerId);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Map<String, Object> answer = getJson(statusPath);
            String state = answer.get("status") instanceof Map<?, ?> status ? String.valueOf(status.get("id")) : "unknown";
            if ("COMPLETED".equals(state)) {
                Map<?, ?> operation = answer.get("operation") instanceof Map<?, ?> map ? map : Map.of();
                if (operation.get("location") instanceof String location) {
                    return location;
                }
                String cause = operation.get("failure-cause") instanceof Map<?, ?> failure && failure.get("stack-trace") instanceof String trace
                    ? FlinkRestException.summarize(trace) : String.valueOf(operation);
                throw new FlinkRestException(200, "stop-with-savepoint of job " + jobId + " into " + targetDirectory + " failed: " + cause);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("savepoint of job " + jobId + " is still " + state + " after " + timeout.toSeconds() + " s");
            }
            sleep();
        }
    }

    private Map<String, Object> getJson(String path) {
        return json("GET " + path, HttpRequest.newBuilder(uri(path)).GET());
    }

    private Map<String, Object> postJson(String path, Map<String, Object> body) {
        return json("POST " + path, HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
            .POST(BodyPublishers.ofString(Json.write(body), StandardCharsets.UTF_8)));
    }

    private Map<String, Object> json(String call, HttpRequest.Builder request) {
        HttpResponse<String> response = send(request);
        requireSuccess(call, response);
        try {
            return Json.parseObject(response.body());
        } catch (IllegalArgumentException e) {
            throw new FlinkRestException(response.statusCode(), "Flink REST " + call + " answered with unreadable JSON (" + e.getMessage() + "): "
                + FlinkRestException.summarize(response.body()));
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        HttpRequest built = request.timeout(REQUEST_TIMEOUT).build();
        try {
            return http.send(built, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new FlinkRestException("Flink REST " + built.method() + " " + built.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FlinkRestException("Flink REST " + built.method() + " " + built.uri() + " was interrupted", e);
        }
    }

    private static void requireSuccess(String call, HttpResponse<String> response) {
        if (response.statusCode() / 100 == 2) {
            return;
        }
        throw new FlinkRestException(response.statusCode(), "Flink REST " + call + " answered " + response.statusCode() + ": " + errorText(response.body()));
    }

    /** Flink's error body is {@code {"errors": ["...", "<stack trace>"]}}. */
    private static String errorText(String body) {
        try {
            if (Json.parseObject(body).get("errors") instanceof List<?> errors) {
                return FlinkRestException.summarize(String.join("\n", errors.stream().map(String::valueOf).toList()));
            }
        } catch (IllegalArgumentException e) {
            // not JSON: report the body itself
        }
        return FlinkRestException.summarize(body);
    }

    private URI uri(String path) {
        return URI.create(baseUrl + path);
    }

    private static String encode(String pathSegment) {
        return URLEncoder.encode(Objects.requireNonNull(pathSegment, "id"), StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static long number(Map<String, Object> body, String key) {
        if (body.get(key) instanceof Long value) {
            return value;
        }
        throw new FlinkRestException(200, "Flink REST answer lacks number \"" + key + "\": " + body);
    }

    private static String string(Map<String, Object> body, String key) {
        if (body.get(key) instanceof String value) {
            return value;
        }
        throw new FlinkRestException(200, "Flink REST answer lacks string \"" + key + "\": " + body);
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while polling the Flink cluster", e);
        }
    }
}
