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
import java.util.OptionalLong;
import java.util.Set;

/**
 * A real standalone Flink session cluster from Maven Central jars: one JobManager JVM (with the REST API and web
 * submission) and one TaskManager JVM, on free loopback ports.
 *
 * <pre>{@code
 * try (FlinkSessionCluster flink = FlinkSessionCluster.builder().dataDir(dir).build().start()) {
 *     FlinkRestClient rest = flink.rest();
 *     String jobId = rest.runJar(rest.uploadJar(shadedJobJar), "org.example.Job", 2, List.of("--in", "x"));
 *     rest.awaitJobStatus(jobId, "FINISHED", Duration.ofMinutes(1));
 * }
 * }</pre>
 *
 * {@link #start()} returns once the TaskManager is registered and {@code /overview} shows a free slot, or throws a
 * {@link StackStartException} saying why within the startup bound. {@link #close()} (or, failing that, this JVM's
 * shutdown hook) stops both JVMs. Checkpoints and savepoints go to {@code dataDir/checkpoints} and
 * {@code dataDir/savepoints} and are kept; scratch folders are emptied at each start.
 *
 * <p>The cluster's classpath is Flink's runtime, streaming API, clients, web submission, RocksDB state backend and
 * log4j 2, not the connectors: a job jar must carry its own ({@code flink-connector-base}, Kafka...).
 */
public final class FlinkSessionCluster implements AutoCloseable {
    private static final String TASK_MANAGER_ID_PREFIX = "taskmanager-";

    private final Path dataDir;
    private final Path java;
    private final int restPort;
    private final int jobManagerRpcPort;
    private final int firstTaskManagerRpcPort;
    private final String jobManagerMemory;
    private final String taskManagerMemory;
    private final int taskSlots;
    private final Map<String, String> extraSettings;
    private final FlinkRestClient rest;
    private final FlinkProcess jobManager;
    private final FlinkProcess taskManager;
    private final Thread shutdownHook = new Thread(this::stopJvms, "flink-cluster-shutdown");
    private FlinkResourceParams taskManagerParams;
    private Duration preparation = Duration.ZERO;
    private int taskManagerStarts;
    private String taskManagerId;
    private StartedService jobManagerStarted;
    private StartedService taskManagerStarted;
    private boolean running;

    private FlinkSessionCluster(Builder builder) {
        this.dataDir = builder.dataDir.toAbsolutePath().normalize();
        this.java = builder.java;
        int[] ports = Ports.choose(new int[] {builder.restPort, 0, 0}, new int[0]);
        this.restPort = ports[0];
        this.jobManagerRpcPort = ports[1];
        this.firstTaskManagerRpcPort = ports[2];
        this.jobManagerMemory = builder.jobManagerMemory;
        this.taskManagerMemory = builder.taskManagerMemory;
        this.taskSlots = builder.taskSlots;
        this.extraSettings = Map.copyOf(builder.settings);
        this.rest = new FlinkRestClient("http://" + Ports.LOOPBACK + ":" + restPort);
        String classpath = FlinkRuntimeJars.joined(FlinkRuntimeJars.locate());
        LaunchSettings launch = new LaunchSettings(builder.java, false, builder.startupTimeout, builder.stopTimeout);
        this.jobManager = new FlinkProcess(FlinkProcess.Role.JOB_MANAGER, dataDir.resolve("jobmanager"), launch, classpath, confDir(),
            tmpDir(), this::restAnswers, "REST " + rest.restUrl() + "/overview to answer");
        this.taskManager = new FlinkProcess(FlinkProcess.Role.TASK_MANAGER, dataDir.resolve("taskmanager"), launch, classpath, confDir(),
            tmpDir(), this::taskManagerRegistered, "the TaskManager to register at " + rest.restUrl());
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts JobManager and TaskManager together and waits until a task slot is free. Returns {@code this}. */
    public synchronized FlinkSessionCluster start() {
        if (running) {
            throw new IllegalStateException("Flink cluster in " + dataDir + " is already started");
        }
        long begin = System.nanoTime();
        jobManager.stopLeftover();
        taskManager.stopLeftover();
        Ports.requireFree(restPort, "Flink REST");
        Ports.requireFree(jobManagerRpcPort, "Flink JobManager RPC");
        Ports.requireFree(firstTaskManagerRpcPort, "Flink TaskManager RPC");
        prepareFolders();
        FlinkConf.write(confDir(), settings());
        // Each computation is a JVM start of its own: run both at once.
        FlinkResourceParams.Pending jobManagerPending = jobManager.computeResourceParams(java);
        FlinkResourceParams.Pending taskManagerPending = taskManager.computeResourceParams(java);
        FlinkResourceParams jobManagerParams = jobManagerPending.await();
        taskManagerParams = taskManagerPending.await();
        preparation = Duration.ofNanos(System.nanoTime() - begin);

        Runtime.getRuntime().addShutdownHook(shutdownHook);
        running = true;
        try {
            jobManager.prepare(new FlinkProcess.LaunchSpec(jobManagerParams, List.of(), rest.restUrl(), preparation));
            jobManager.launchJvm();
            // The TaskManager retries its registration until the ResourceManager is up: no need to wait in between.
            prepareTaskManager(firstTaskManagerRpcPort);
            taskManager.launchJvm();
            jobManagerStarted = jobManager.awaitReady();
            taskManagerStarted = taskManager.awaitReady();
            return this;
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** {@code http://127.0.0.1:PORT}, the JobManager's REST endpoint (and web UI). */
    public String restUrl() {
        return rest.restUrl();
    }

    public FlinkRestClient rest() {
        return rest;
    }

    public synchronized StartedService jobManager() {
        if (jobManagerStarted == null) {
            throw new IllegalStateException("Flink cluster in " + dataDir + " is not started");
        }
        return jobManagerStarted;
    }

    /** The running TaskManager; empty after {@link #killTaskManager()} until {@link #startTaskManager()}. */
    public synchronized Optional<StartedService> taskManager() {
        return Optional.ofNullable(taskManagerStarted);
    }

    /** Resource id of the running TaskManager ({@code taskmanager-N}, N counting its starts), as the REST API shows it. */
    public synchronized Optional<String> taskManagerId() {
        return taskManagerStarted == null ? Optional.empty() : Optional.of(taskManagerId);
    }

    /**
     * SIGKILLs the TaskManager, as a crash would. Returns its resource id, or empty when none was running. The
     * JobManager notices within a few heartbeats (interval 2 s) and fails its tasks over.
     */
    public synchronized Optional<String> killTaskManager() {
        requireRunning();
        OptionalLong killed = taskManager.kill();
        taskManagerStarted = null;
        return killed.isPresent() ? Optional.of(taskManagerId) : Optional.empty();
    }

    /**
     * Starts a new TaskManager (after {@link #killTaskManager()}), with a new resource id and RPC port, and waits until
     * it is registered. Its slots may be taken at once by jobs waiting to restart.
     */
    public synchronized StartedService startTaskManager() {
        requireRunning();
        if (taskManager.isAlive()) {
            throw new IllegalStateException("TaskManager " + taskManagerId + " is still running: kill it first (one TaskManager at a time)");
        }
        prepareTaskManager(Ports.free(1)[0]);
        taskManagerStarted = taskManager.start();
        return taskManagerStarted;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** {@code execution.checkpointing.dir}: checkpoints of every job, under {@code <job id>/chk-N}. */
    public Path checkpointsDir() {
        return dataDir.resolve("checkpoints");
    }

    /** {@code execution.checkpointing.savepoint-dir}: the default target of savepoints. */
    public Path savepointsDir() {
        return dataDir.resolve("savepoints");
    }

    public synchronized boolean isRunning() {
        return running;
    }

    /** Stops both JVMs (SIGTERM, SIGKILL after the stop bound). Checkpoints and savepoints are kept. */
    @Override
    public synchronized void close() {
        if (!running) {
            return;
        }
        stopJvms();
        running = false;
        jobManagerStarted = null;
        taskManagerStarted = null;
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // already shutting down: the hook is running or ran
        }
    }

    /** The pids of the cluster's JVMs that are alive now (for checks that nothing is left behind). */
    List<Long> livePids() {
        List<Long> pids = new ArrayList<>();
        for (FlinkProcess process : List.of(jobManager, taskManager)) {
            process.runningPid().ifPresent(pids::add);
        }
        return pids;
    }

    private void stopJvms() {
        // Both at once: the TaskManager only stops quickly while the JobManager is still there to say goodbye to.
        Thread stopper = new Thread(taskManager::stop, "flink-cluster-stop-taskmanager");
        stopper.start();
        jobManager.stop();
        try {
            stopper.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void prepareTaskManager(int rpcPort) {
        taskManagerStarts++;
        taskManagerId = TASK_MANAGER_ID_PREFIX + taskManagerStarts;
        Ports.requireFree(rpcPort, "Flink TaskManager RPC");
        // Per launch rather than in config.yaml: a replacement TaskManager gets a new id and port.
        taskManager.prepare(new FlinkProcess.LaunchSpec(taskManagerParams,
            List.of("-D", "taskmanager.resource-id=" + taskManagerId, "-D", "taskmanager.rpc.port=" + rpcPort),
            Ports.LOOPBACK + ":" + rpcPort, preparation));
    }

    private boolean restAnswers() {
        rest.overview(); // throws FlinkRestException until the endpoint is up
        return true;
    }

    /** Registered, and (first start) a free slot to run jobs in; fails early when the JobManager is gone. */
    private boolean taskManagerRegistered() {
        if (!jobManager.isAlive()) {
            throw new StackStartException("Flink JobManager exited while the TaskManager was starting: "
                + jobManager.logReason().orElse("no output") + " (log: " + jobManager.log() + ")");
        }
        if (!rest.isTaskManagerRegistered(taskManagerId)) {
            return false;
        }
        return taskManagerStarts > 1 || rest.overview().slotsAvailable() > 0;
    }

    private void requireRunning() {
        if (!running) {
            throw new IllegalStateException("Flink cluster in " + dataDir + " is not started");
        }
    }

    private Path confDir() {
        return dataDir.resolve("conf");
    }

    private Path tmpDir() {
        return dataDir.resolve("tmp");
    }

    private Path uploadDir() {
        return dataDir.resolve("upload");
    }

    private Path webDir() {
        return dataDir.resolve("web");
    }

    /** Scratch of the last run (uploaded jars, blobs, RocksDB files of killed TaskManagers) is dropped. */
    private void prepareFolders() {
        try {
            for (Path scratch : List.of(tmpDir(), uploadDir(), webDir())) {
                ElasticsearchHome.deleteTree(scratch);
                Files.createDirectories(scratch);
            }
            Files.createDirectories(checkpointsDir());
            Files.createDirectories(savepointsDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare Flink cluster folder " + dataDir, e);
        }
    }

    /** config.yaml, in a fixed order: the cluster's own settings, then the builder's extra ones (which may override). */
    Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("jobmanager.rpc.address", Ports.LOOPBACK);
        settings.put("jobmanager.rpc.port", Integer.toString(jobManagerRpcPort));
        settings.put("jobmanager.bind-host", Ports.LOOPBACK);
        settings.put("jobmanager.memory.process.size", jobManagerMemory);
        settings.put("taskmanager.host", Ports.LOOPBACK);
        settings.put("taskmanager.bind-host", Ports.LOOPBACK);
        settings.put("taskmanager.numberOfTaskSlots", Integer.toString(taskSlots));
        settings.put("taskmanager.memory.process.size", taskManagerMemory);
        settings.put("rest.address", Ports.LOOPBACK);
        settings.put("rest.bind-address", Ports.LOOPBACK);
        settings.put("rest.port", Integer.toString(restPort));
        settings.put("web.upload.dir", uploadDir().toString());
        settings.put("web.tmpdir", webDir().toString());
        settings.put("io.tmp.dirs", tmpDir().toString());
        settings.put("execution.checkpointing.dir", checkpointsDir().toUri().toString());
        settings.put("execution.checkpointing.savepoint-dir", savepointsDir().toUri().toString());
        // A killed TaskManager is noticed after a few failed heartbeat RPCs: 2 s instead of 10 s apart. The timeout
        // for a TaskManager that is slow rather than dead stays at Flink's 50 s.
        settings.put("heartbeat.interval", "2 s");
        // The TaskManager starts alongside the JobManager and is usually up first: Flink waits 10 s after each failed
        // attempt to reach the ResourceManager, 1 s here, so registration follows the JobManager within a second.
        settings.put("cluster.registration.error-delay", "1 s");
        settings.putAll(new java.util.TreeMap<>(extraSettings));
        return settings;
    }

    /** Configures a {@link FlinkSessionCluster}; nothing is started before {@link FlinkSessionCluster#start()}. */
    public static final class Builder {
        /** Derived from the builder's ports, folders and sizes; overriding them would break the cluster or its URLs. */
        static final Set<String> MANAGED_SETTINGS = Set.of(
            "jobmanager.rpc.address", "jobmanager.rpc.port", "jobmanager.bind-host", "jobmanager.memory.process.size",
            "taskmanager.host", "taskmanager.bind-host", "taskmanager.rpc.port", "taskmanager.resource-id",
            "taskmanager.numberOfTaskSlots", "taskmanager.memory.process.size",
            "rest.address", "rest.bind-address", "rest.port", "rest.bind-port",
            "web.upload.dir", "web.tmpdir", "io.tmp.dirs",
            "execution.checkpointing.dir", "execution.checkpointing.savepoint-dir", "state.checkpoints.dir", "state.savepoints.dir");

        private Path dataDir;
        private int restPort;
        private String jobManagerMemory = "1024m";
        private String taskManagerMemory = "2560m";
        private int taskSlots = 2;
        private final Map<String, String> settings = new LinkedHashMap<>();
        private Path java = LaunchSettings.defaultJava();
        private Duration startupTimeout = Duration.ofSeconds(120);
        private Duration stopTimeout = Duration.ofSeconds(30);

        private Builder() {}

        /** Folder for configuration, logs, checkpoints, savepoints and scratch. Required. */
        public Builder dataDir(Path dataDir) {
            this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
            return this;
        }

        /** Fixed REST port instead of a free one. */
        public Builder restPort(int port) {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("restPort must be 1..65535, was " + port);
            }
            this.restPort = port;
            return this;
        }

        /** {@code jobmanager.memory.process.size} (default 1024m). */
        public Builder jobManagerMemory(String size) {
            this.jobManagerMemory = checkMemory(size, "jobManagerMemory");
            return this;
        }

        /** {@code taskmanager.memory.process.size} (default 2560m; managed memory for RocksDB is 40 % of what is left). */
        public Builder taskManagerMemory(String size) {
            this.taskManagerMemory = checkMemory(size, "taskManagerMemory");
            return this;
        }

        /** {@code taskmanager.numberOfTaskSlots} (default 2, one per core of these machines). */
        public Builder taskSlots(int slots) {
            if (slots < 1) {
                throw new IllegalArgumentException("taskSlots must be at least 1, was " + slots);
            }
            this.taskSlots = slots;
            return this;
        }

        /**
         * An extra {@code config.yaml} setting, e.g. {@code state.backend.type: rocksdb}. The cluster's own defaults
         * ({@code heartbeat.interval}, {@code cluster.registration.error-delay}) can be overridden; ports, addresses, folders and sizes cannot (use the builder),
         * nor {@code env.*}, which only Flink's shell scripts read.
         */
        public Builder setting(String key, String value) {
            if (key == null || !key.matches("[A-Za-z0-9_.\\-]+")) {
                throw new IllegalArgumentException("setting key must be a dotted Flink option name, was " + key);
            }
            if (MANAGED_SETTINGS.contains(key)) {
                throw new IllegalArgumentException("setting key " + key + " is managed by the local Flink cluster (ports, addresses, "
                    + "folders and sizes come from the builder)");
            }
            if (key.startsWith("env.")) {
                throw new IllegalArgumentException("setting key " + key + " would have no effect: only Flink's shell scripts read env.*");
            }
            settings.put(key, Objects.requireNonNull(value, "value"));
            return this;
        }

        /** The java executable for the cluster (default: {@code java.home} of this JVM; Java 17 or 21). */
        public Builder java(Path javaExecutable) {
            this.java = Objects.requireNonNull(javaExecutable, "javaExecutable");
            return this;
        }

        /** Bound on each JVM's wait for ready (default 120 s). */
        public Builder startupTimeout(Duration timeout) {
            this.startupTimeout = checkPositive(timeout, "startupTimeout");
            return this;
        }

        /** Bound on each JVM's graceful stop before SIGKILL (default 30 s). */
        public Builder stopTimeout(Duration timeout) {
            this.stopTimeout = checkPositive(timeout, "stopTimeout");
            return this;
        }

        public FlinkSessionCluster build() {
            if (dataDir == null) {
                throw new IllegalStateException("dataDir is required");
            }
            return new FlinkSessionCluster(this);
        }

        private static String checkMemory(String size, String name) {
            if (size == null || !size.matches("\\d+[mMgG]")) {
                throw new IllegalArgumentException(name + " must look like 1024m or 2g, was " + size);
            }
            return size;
        }

        private static Duration checkPositive(Duration duration, String name) {
            if (duration == null || duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, was " + duration);
            }
            return duration;
        }
    }
}
