package org.harassmentwatch.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import org.harassmentwatch.stack.testjob.SequenceJob;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/** One real JobManager + TaskManager for the whole class; jobs are submitted over REST like the demo does. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FlinkSessionClusterIT {
    private static final Path ROOT = Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
        .toAbsolutePath().resolve("target/flink-cluster-it");
    private static final Duration JOB_TIMEOUT = Duration.ofSeconds(60);
    private static final String ENTRY_CLASS = SequenceJob.class.getName();

    private FlinkSessionCluster cluster;
    private FlinkRestClient rest;
    private Duration startToReady;
    private String jobJarId;

    @BeforeAll
    void startCluster() throws IOException {
        ElasticsearchHome.deleteTree(ROOT);
        Path jobJar = TestJobJar.build(ROOT.resolve("jars/sequence-job.jar"), true);
        long begin = System.nanoTime();
        cluster = FlinkSessionCluster.builder().dataDir(ROOT.resolve("cluster")).build().start();
        startToReady = Duration.ofNanos(System.nanoTime() - begin);
        rest = cluster.rest();
        jobJarId = rest.uploadJar(jobJar);
    }

    @AfterAll
    void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void startedClusterOffersItsSlotsOnLoopback() {
        FlinkRestClient.Overview overview = rest.overview();
        StartedService jobManager = cluster.jobManager();
        StartedService taskManager = cluster.taskManager().orElseThrow();

        assertThat(overview.flinkVersion()).isEqualTo("2.2.1");
        assertThat(overview.taskManagers()).isEqualTo(1);
        assertThat(overview.slotsTotal()).isEqualTo(2);
        assertThat(overview.slotsAvailable()).isEqualTo(2);
        assertThat(cluster.restUrl()).startsWith("http://127.0.0.1:").isEqualTo(jobManager.endpoint());
        assertThat(cluster.taskManagerId()).contains("taskmanager-1");
        assertThat(jobManager.isAlive()).isTrue();
        assertThat(taskManager.isAlive()).isTrue();
        System.out.printf("Flink: start() to a free slot %d ms (preparation %d ms, JobManager launch to REST %d ms, "
                + "TaskManager launch to registered %d ms); RSS JobManager %d MB, TaskManager %d MB%n",
            startToReady.toMillis(), jobManager.preparation().toMillis(), jobManager.launchToReady().toMillis(),
            taskManager.launchToReady().toMillis(), jobManager.rssKb().orElse(0) / 1024, taskManager.rssKb().orElse(0) / 1024);
    }

    @Test
    @Order(2)
    void boundedJobCarryingConnectorBaseWritesEveryNumberOnce() throws IOException {
        Path out = ROOT.resolve("bounded");

        String jobId = rest.runJar(jobJarId, ENTRY_CLASS, 2, List.of("bounded", out.toString(), "10000"));
        rest.awaitJobStatus(jobId, "FINISHED", JOB_TIMEOUT);

        List<Long> written = numbersIn(out);
        assertThat(written).hasSize(10_000);
        assertThat(written.stream().sorted().toList()).isEqualTo(LongStream.rangeClosed(1, 10_000).boxed().toList());
        assertThat(Files.list(out).map(p -> p.getFileName().toString()).sorted().toList()).containsExactly("part-0-0", "part-1-0");
        System.out.printf("Flink: TaskManager RSS after a job %d MB%n", cluster.taskManager().orElseThrow().rssKb().orElse(0) / 1024);
    }

    @Test
    @Order(3)
    void jobJarWithoutConnectorBaseIsRefusedNamingTheMissingClass() throws IOException {
        Path bare = TestJobJar.build(ROOT.resolve("jars/sequence-job-without-connector-base.jar"), false);
        String bareJarId = rest.uploadJar(bare);

        assertThatThrownBy(() -> rest.runJar(bareJarId, ENTRY_CLASS, 1, List.of("bounded", ROOT.resolve("bare").toString(), "10")))
            .isInstanceOf(FlinkRestException.class)
            .hasMessageStartingWith("Flink REST POST /jars/" + bareJarId + "/run answered 400: ")
            .hasMessageContaining("org.apache.flink.connector.base.source.hybrid.HybridSource")
            .hasMessageNotContaining("\n");
    }

    @Test
    @Order(4)
    void stoppedJobResumesFromItsSavepointRightAfterTheLastNumber() throws IOException {
        Path firstOut = ROOT.resolve("savepoint-first");
        String first = rest.runJar(jobJarId, ENTRY_CLASS, 1, List.of("unbounded", firstOut.toString(), "0"));
        awaitLines(firstOut.resolve("part-0-0"), 200);

        String savepoint = rest.stopWithSavepoint(first, cluster.savepointsDir());

        assertThat(rest.jobStatus(first)).isEqualTo("FINISHED");
        Path savepointDir = Path.of(URI.create(savepoint));
        assertThat(savepointDir).startsWith(cluster.savepointsDir());
        assertThat(savepointDir.resolve("_metadata")).isRegularFile();
        long lastBeforeStop = last(numbersIn(firstOut));

        Path secondOut = ROOT.resolve("savepoint-second");
        String second = rest.runJar(jobJarId, ENTRY_CLASS, 1, List.of("unbounded", secondOut.toString(), "0"), savepoint);
        awaitLines(secondOut.resolve("part-0-0"), 1);
        rest.cancel(second);
        rest.awaitJobStatus(second, "CANCELED", JOB_TIMEOUT);

        assertThat(numbersIn(secondOut).get(0)).isEqualTo(lastBeforeStop + 1);
    }

    @Test
    @Order(5)
    void killedTaskManagerIsReplacedAndTheJobGoesOnFromItsCheckpoint() throws IOException {
        Path out = ROOT.resolve("failover");
        String jobId = rest.runJar(jobJarId, ENTRY_CLASS, 1, List.of("unbounded", out.toString(), "500"));
        awaitLines(out.resolve("part-0-0"), 200);
        Path checkpoints = cluster.checkpointsDir().resolve(jobId);
        await("a completed checkpoint in " + checkpoints, () -> completedCheckpoint(checkpoints).isPresent());
        long pidBefore = cluster.taskManager().orElseThrow().pid();

        Optional<String> killed = cluster.killTaskManager();

        assertThat(killed).contains("taskmanager-1");
        assertThat(Processes.isAlive(pidBefore)).isFalse();
        assertThat(cluster.taskManager()).isEmpty();
        assertThat(cluster.killTaskManager()).isEmpty();

        StartedService replacement = cluster.startTaskManager();

        assertThat(replacement.pid()).isNotEqualTo(pidBefore);
        assertThat(cluster.taskManagerId()).contains("taskmanager-2");
        await("a restarted attempt writing to " + out, () -> restartedAttempt(out).map(FlinkSessionClusterIT::lineCount).orElse(0L) > 0);
        rest.awaitJobStatus(jobId, "RUNNING", JOB_TIMEOUT);
        long firstAfterRestore = numbersIn(restartedAttempt(out).orElseThrow()).get(0);
        long lastBeforeKill = last(numbersIn(out.resolve("part-0-0")));
        rest.cancel(jobId);
        rest.awaitJobStatus(jobId, "CANCELED", JOB_TIMEOUT);
        System.out.printf("Flink: replacement TaskManager launch to registered %d ms%n", replacement.launchToReady().toMillis());

        assertThat(firstAfterRestore).as("restored from a checkpoint, not from the start").isGreaterThan(1).isLessThanOrEqualTo(lastBeforeKill + 1);
    }

    @Test
    @Order(6)
    void closeLeavesNoClusterJvmRunning() {
        List<Long> pids = cluster.livePids();
        assertThat(pids).hasSize(2);

        cluster.close();

        assertThat(pids).allSatisfy(pid -> assertThat(Processes.isAlive(pid)).as("pid " + pid).isFalse());
        assertThat(cluster.livePids()).isEmpty();
        assertThat(cluster.isRunning()).isFalse();
        String dataDir = cluster.dataDir().toString();
        assertThat(ProcessHandle.allProcesses().filter(p -> Processes.commandLine(p.pid()).orElse("").contains(dataDir)).map(ProcessHandle::pid))
            .as("processes naming " + dataDir).isEmpty();
    }

    @Test
    @Order(7)
    void takenRestPortIsReportedBeforeAnythingStarts() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            FlinkSessionCluster other = FlinkSessionCluster.builder().dataDir(ROOT.resolve("port-taken")).restPort(taken.getLocalPort()).build();

            assertThatThrownBy(other::start)
                .isInstanceOf(StackStartException.class)
                .hasMessage("Flink REST port 127.0.0.1:" + taken.getLocalPort() + " is already in use");
            assertThat(other.isRunning()).isFalse();
        }
    }

    @Test
    @Order(8)
    void taskManagerMemoryTooSmallForFlinkIsRefusedWithFlinksReason() {
        FlinkSessionCluster other = FlinkSessionCluster.builder().dataDir(ROOT.resolve("tiny-memory")).taskManagerMemory("64m").build();

        assertThatThrownBy(other::start)
            .isInstanceOf(StackStartException.class)
            .hasMessageStartingWith("Flink rejects the memory configuration (GET_TM_RESOURCE_PARAMS exited with code 1): ")
            .hasMessageContaining("IllegalConfigurationException")
            .hasMessageNotContaining("\n");
        assertThat(other.isRunning()).isFalse();
        assertThat(other.livePids()).isEmpty();
    }

    @Test
    @Order(9)
    void jobManagerThatExitsDuringStartupGivesItsOwnReason() {
        Path dataDir = ROOT.resolve("bad-ha");
        FlinkSessionCluster other = FlinkSessionCluster.builder().dataDir(dataDir).setting("high-availability.type", "zookeeper").build();

        assertThatThrownBy(other::start)
            .isInstanceOf(StackStartException.class)
            .hasMessageStartingWith("Flink JobManager exited with code ")
            .hasMessageContaining("high-availability.storageDir")
            .hasMessageContaining("(log: " + dataDir.resolve("jobmanager/logs/jobmanager.log") + ")")
            .hasMessageNotContaining("\n");
        assertThat(other.isRunning()).isFalse();
        assertThat(other.livePids()).isEmpty();
    }

    private static Optional<Path> completedCheckpoint(Path jobCheckpoints) {
        if (!Files.isDirectory(jobCheckpoints)) {
            return Optional.empty();
        }
        try (Stream<Path> entries = Files.list(jobCheckpoints)) {
            return entries.filter(p -> p.getFileName().toString().startsWith("chk-") && Files.isRegularFile(p.resolve("_metadata"))).findFirst();
        } catch (IOException e) {
            return Optional.empty(); // being replaced by a newer checkpoint right now
        }
    }

    /** The newest {@code part-0-N} with N > 0: the subtask's output after a restart. */
    private static Optional<Path> restartedAttempt(Path out) {
        try (Stream<Path> files = Files.list(out)) {
            return files.filter(p -> p.getFileName().toString().matches("part-0-[1-9]\\d*"))
                .max(Comparator.comparingInt(p -> Integer.parseInt(p.getFileName().toString().substring("part-0-".length()))));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static void awaitLines(Path file, long lines) {
        await(lines + " lines in " + file, () -> lineCount(file) >= lines);
    }

    private static void await(String what, Supplier<Boolean> condition) {
        long deadline = System.nanoTime() + JOB_TIMEOUT.toNanos();
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + what + " after " + JOB_TIMEOUT.toSeconds() + " s");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
        }
    }

    private static long lineCount(Path file) {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.count();
        } catch (IOException | java.io.UncheckedIOException e) {
            return 0;
        }
    }

    /** Complete lines of one output file, or of every {@code part-*} file of a folder (in file name order). */
    private static List<Long> numbersIn(Path fileOrDir) throws IOException {
        List<Path> files;
        if (Files.isDirectory(fileOrDir)) {
            try (Stream<Path> list = Files.list(fileOrDir)) {
                files = list.filter(p -> p.getFileName().toString().startsWith("part-")).sorted().toList();
            }
        } else {
            files = List.of(fileOrDir);
        }
        List<Long> numbers = new java.util.ArrayList<>();
        for (Path file : files) {
            String text = Files.readString(file);
            String complete = text.endsWith("\n") ? text : text.substring(0, text.lastIndexOf('\n') + 1);
            complete.lines().map(Long::parseLong).forEach(numbers::add);
        }
        return numbers;
    }

    private static long last(List<Long> numbers) {
        assertThat(numbers).isNotEmpty();
        return numbers.get(numbers.size() - 1);
    }
}
