package org.harassmentwatch.stack;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * One JVM of the local Flink cluster, JobManager or TaskManager, started the way Flink's own scripts start it: the
 * memory flags Flink computes from {@code config.yaml}, the JDK module options of {@code env.java.opts.all}, and the
 * entry point with {@code --configDir} and the computed dynamic properties.
 */
final class FlinkProcess extends JvmService {
    private static final Duration KILL_WAIT = Duration.ofSeconds(10);

    enum Role {
        JOB_MANAGER("Flink JobManager", "jobmanager", "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint",
            FlinkResourceParams.Command.JOB_MANAGER),
        TASK_MANAGER("Flink TaskManager", "taskmanager", "org.apache.flink.runtime.taskexecutor.TaskManagerRunner",
            FlinkResourceParams.Command.TASK_MANAGER);

        final String displayName;
        final String folder;
        final String mainClass;
        final FlinkResourceParams.Command resourceCommand;

        Role(String displayName, String folder, String mainClass, FlinkResourceParams.Command resourceCommand) {
            this.displayName = displayName;
            this.folder = folder;
            this.mainClass = mainClass;
            this.resourceCommand = resourceCommand;
        }
    }

    /** What one launch needs besides the cluster-wide configuration. */
    record LaunchSpec(FlinkResourceParams params, List<String> extraDynamicProperties, String endpoint, Duration preparation) {}

    private final Role role;
    private final String classpath;
    private final Path confDir;
    private final Path javaTmpDir;
    private final BooleanSupplier ready;
    private final String waitingFor;
    private LaunchSpec spec;
    private long launchedAt;

    /**
     * @param ready      polled until true after launch (REST failures count as "not yet"); may throw a
     *                   {@link StackStartException} to give up early
     * @param waitingFor what {@code ready} waits for, for the timeout message
     */
    FlinkProcess(Role role, Path home, LaunchSettings launch, String classpath, Path confDir, Path javaTmpDir,
                 BooleanSupplier ready, String waitingFor) {
        super(role.displayName, home, launch);
        this.role = role;
        this.classpath = classpath;
        this.confDir = confDir;
        this.javaTmpDir = javaTmpDir;
        this.ready = ready;
        this.waitingFor = waitingFor;
    }

    Path logsDir() {
        return home.resolve("logs");
    }

    Path log() {
        return logsDir().resolve(role.folder + ".log");
    }

    Path consoleLog() {
        return logsDir().resolve("console.log");
    }

    @Override
    List<Path> logs() {
        return List.of(consoleLog(), log());
    }

    /** Starts {@link FlinkResourceParams}' computation for this role; the result goes into {@link #prepare}. */
    FlinkResourceParams.Pending computeResourceParams(Path java) {
        return FlinkResourceParams.compute(role.resourceCommand, java, classpath, confDir, logsDir().resolve("resource-params.out"));
    }

    void prepare(LaunchSpec spec) {
        this.spec = spec;
        try {
            Files.createDirectories(logsDir());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    StartedService start() {
        launchJvm();
        return awaitReady();
    }

    void launchJvm() {
        if (spec == null) {
            throw new IllegalStateException(name + " has no launch spec: call prepare first");
        }
        JvmService.rotate(consoleLog());
        JvmService.rotate(log());
        List<String> command = new ArrayList<>(spec.params().jvmArgs());
        command.addAll(FlinkConf.JAVA_MODULE_OPTIONS);
        command.add("-Djava.io.tmpdir=" + javaTmpDir);
        command.add("-Dlog.file=" + log());
        command.add("-Dlog4j.configurationFile=" + confDir.resolve(FlinkConf.LOG4J_FILE).toUri());
        command.add("-cp");
        command.add(classpath);
        command.add(role.mainClass);
        command.add("--configDir");
        command.add(confDir.toString());
        command.addAll(spec.params().dynamicProperties());
        command.addAll(spec.extraDynamicProperties());
        launchedAt = System.nanoTime();
        launch(command, ProcessBuilder.Redirect.from(new File("/dev/null")), consoleLog(), Map.of(), false);
    }

    StartedService awaitReady() {
        long deadline = JvmService.deadline(launch.startupTimeout());
        while (true) {
            boolean isReady;
            try {
                isReady = ready.getAsBoolean();
            } catch (FlinkRestException e) {
                isReady = false; // REST endpoint not up yet
            }
            if (isReady) {
                return new StartedService(name, pid(), spec.endpoint(), spec.preparation(), Duration.ofNanos(System.nanoTime() - launchedAt), home, log());
            }
            pollWhileStarting(deadline, waitingFor);
        }
    }

    boolean isAlive() {
        return runningPid().isPresent();
    }

    /** The most telling line of this process's logs, for the messages of other parts of the cluster. */
    Optional<String> logReason() {
        return LogTail.reason(logs());
    }

    /** SIGKILL, as a crash would: no graceful shutdown. Returns the pid that was killed. */
    OptionalLong kill() {
        OptionalLong pid = runningPid();
        if (pid.isEmpty()) {
            return pid;
        }
        ProcessHandle handle = ProcessHandle.of(pid.getAsLong()).orElse(null);
        if (handle != null) {
            handle.destroyForcibly();
            try {
                handle.onExit().get(KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                if (handle.isAlive()) {
                    throw new IllegalStateException(name + " JVM " + pid.getAsLong() + " did not die within " + KILL_WAIT.toSeconds() + " s of SIGKILL");
                }
            }
        }
        try {
            Files.deleteIfExists(pidFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pid;
    }
}
