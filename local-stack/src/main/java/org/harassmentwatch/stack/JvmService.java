package org.harassmentwatch.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/** What Elasticsearch and Kafka have in common: one JVM per home folder, tracked by a pid file. */
abstract class JvmService {
    private static final System.Logger LOG = System.getLogger(JvmService.class.getName());
    private static final String PID_FILE = "hw-stack.pid";
    private static final long POLL_MILLIS = 200;

    final String name;
    final Path home;
    final LaunchSettings launch;
    private Process process;

    JvmService(String name, Path home, LaunchSettings launch) {
        this.name = name;
        this.home = home.toAbsolutePath().normalize();
        this.launch = launch;
    }

    abstract StartedService start();

    /** The log files to read, most telling last, when explaining a failed start. */
    abstract List<Path> logs();

    final Path pidFile() {
        return home.resolve(PID_FILE);
    }

    /** The pid of this home's JVM if one is running (possibly started by another JVM, e.g. the CLI). */
    final OptionalLong runningPid() {
        OptionalLong pid = Processes.readPidFile(pidFile());
        if (pid.isPresent() && Processes.isAliveWith(pid.getAsLong(), home.toString())) {
            return pid;
        }
        return OptionalLong.empty();
    }

    /** A JVM left behind by a run that was killed before it could stop it would hold the ports and the data. */
    final void stopLeftover() {
        OptionalLong leftover = runningPid();
        if (leftover.isPresent()) {
            long pid = leftover.getAsLong();
            LOG.log(Level.WARNING, "stopping leftover " + name + " JVM " + pid + " of " + home);
            if (!Processes.stop(pid, launch.stopTimeout())) {
                throw new StackStartException("leftover " + name + " JVM " + pid + " of " + home + " does not stop");
            }
        }
    }

    /** Starts the JVM with its output appended to {@code consoleLog}, and records its pid. */
    final Process launch(List<String> javaCommand, ProcessBuilder.Redirect stdin, Path consoleLog, Map<String, String> env, boolean unprivileged) {
        launch.requireJava();
        List<String> command = new ArrayList<>(launch.commandPrefix(unprivileged));
        command.add(launch.java().toString());
        command.addAll(javaCommand);
        ProcessBuilder builder = new ProcessBuilder(command)
            .directory(home.toFile())
            .redirectInput(stdin)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(consoleLog.toFile()));
        // Options meant for this JVM (agents, debuggers) must not leak into the services.
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        builder.environment().remove("JDK_JAVA_OPTIONS");
        builder.environment().remove("_JAVA_OPTIONS");
        builder.environment().putAll(env);
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new StackStartException("cannot start " + name + " with " + launch.java() + ": " + e.getMessage(), e);
        }
        // setsid and setpriv exec java in place, so this is the java pid.
        try {
            Files.writeString(pidFile(), process.pid() + "\n");
        } catch (IOException e) {
            process.destroyForcibly();
            throw new UncheckedIOException(e);
        }
        return process;
    }

    final long pid() {
        if (process == null) {
            throw new IllegalStateException(name + " was not launched");
        }
        return process.pid();
    }

    /** Fails with the reason from the logs when the JVM has exited; sleeps a poll interval otherwise. */
    final void pollWhileStarting(long deadlineNanos, String waitingFor) {
        if (!process.isAlive()) {
            throw new StackStartException(name + " exited with code " + process.exitValue() + " during startup: "
                + LogTail.reason(logs()).orElse("no output") + " (log: " + logs().get(logs().size() - 1) + ")");
        }
        if (System.nanoTime() > deadlineNanos) {
            stop();
            throw new StackStartException(name + " was not ready within " + launch.startupTimeout().toSeconds() + " s: "
                + waitingFor + "; last log line: " + LogTail.reason(logs()).orElse("none") + " (log: " + logs().get(logs().size() - 1) + ")");
        }
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop();
            throw new StackStartException(name + " start was interrupted");
        }
    }

    /** Stops this home's JVM, whether this object launched it or another JVM did. */
    final void stop() {
        OptionalLong pid = process != null ? OptionalLong.of(process.pid()) : runningPid();
        if (pid.isPresent() && !Processes.stop(pid.getAsLong(), launch.stopTimeout())) {
            LOG.log(Level.WARNING, name + " JVM " + pid.getAsLong() + " did not stop even after SIGKILL");
            return;
        }
        try {
            Files.deleteIfExists(pidFile());
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot delete " + pidFile() + ": " + e.getMessage());
        }
    }

    /** Keeps the previous run's log as {@code *.previous}, so that a new start is judged on its own lines only. */
    static void rotate(Path log) {
        try {
            if (Files.exists(log)) {
                Files.move(log, log.resolveSibling(log.getFileName() + ".previous"), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static long deadline(Duration timeout) {
        return System.nanoTime() + timeout.toNanos();
    }
}
