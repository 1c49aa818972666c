package org.harassmentwatch.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The memory layout Flink derives from {@code config.yaml} for one process, as its start scripts get it: the output
 * of {@code BashJavaUtils GET_JM_RESOURCE_PARAMS} / {@code GET_TM_RESOURCE_PARAMS}.
 *
 * @param jvmArgs            heap, direct and metaspace limits for the {@code java} command line
 * @param dynamicProperties  {@code -D key=value} pairs (two arguments each) for the entry point, so that the process
 *                           uses exactly the sizes the JVM limits were computed from
 */
record FlinkResourceParams(List<String> jvmArgs, List<String> dynamicProperties) {
    static final String RESULT_PREFIX = "BASH_JAVA_UTILS_EXEC_RESULT:";
    private static final String MAIN_CLASS = "org.apache.flink.runtime.util.bash.BashJavaUtils";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    FlinkResourceParams {
        jvmArgs = List.copyOf(jvmArgs);
        dynamicProperties = List.copyOf(dynamicProperties);
    }

    enum Command {
        JOB_MANAGER("GET_JM_RESOURCE_PARAMS"),
        TASK_MANAGER("GET_TM_RESOURCE_PARAMS");

        final String argument;

        Command(String argument) {
            this.argument = argument;
        }
    }

    /** A running BashJavaUtils JVM; several can run at once, which halves the wait on two cores. */
    static final class Pending {
        private final Command command;
        private final Process process;
        private final Path output;

        private Pending(Command command, Process process, Path output) {
            this.command = command;
            this.process = process;
            this.output = output;
        }

        FlinkResourceParams await() {
            try {
                if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    throw new StackStartException("Flink's " + MAIN_CLASS + " " + command.argument + " did not finish within "
                        + TIMEOUT.toSeconds() + " s (output: " + output + ")");
                }
                String printed = Files.readString(output, StandardCharsets.UTF_8);
                if (process.exitValue() != 0) {
                    throw new StackStartException("Flink rejects the memory configuration (" + command.argument + " exited with code "
                        + process.exitValue() + "): " + LogTail.reason(List.of(output)).orElse("no output") + " (output: " + output + ")");
                }
                return parse(command, printed);
            } catch (IOException e) {
                throw new StackStartException("cannot read " + output + ": " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
                throw new StackStartException("interrupted while computing the Flink " + command.argument);
            }
        }
    }

    static Pending compute(Command command, Path java, String classpath, Path confDir, Path outputFile) {
        try {
            Files.createDirectories(outputFile.getParent());
            Process process = new ProcessBuilder(java.toString(), "-Xmx128m", "-XX:TieredStopAtLevel=1", "-cp", classpath,
                MAIN_CLASS, command.argument, "--configDir", confDir.toString())
                .redirectErrorStream(true)
                .redirectOutput(outputFile.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
            return new Pending(command, process, outputFile);
        } catch (IOException e) {
            throw new StackStartException("cannot run " + MAIN_CLASS + " with " + java + ": " + e.getMessage(), e);
        }
    }

    /**
     * Flink's scripts keep the lines that start with {@link #RESULT_PREFIX} (other output is logging) and expect
     * exactly two: the JVM arguments, then the dynamic properties.
     */
    static FlinkResourceParams parse(Command command, String output) {
        List<String> results = new ArrayList<>();
        for (String line : output.split("\\R")) {
            if (line.startsWith(RESULT_PREFIX)) {
                results.add(line.substring(RESULT_PREFIX.length()).trim());
            }
        }
        if (results.size() != 2) {
            throw new StackStartException("Flink's " + command.argument + " printed " + results.size() + " lines starting with "
                + RESULT_PREFIX + " instead of 2: " + output.strip().lines().reduce((first, second) -> second).orElse("no output"));
        }
        List<String> jvmArgs = words(results.get(0));
        List<String> dynamicProperties = words(results.get(1));
        if (jvmArgs.stream().noneMatch(arg -> arg.startsWith("-Xmx"))) {
            throw new StackStartException("Flink's " + command.argument + " gave JVM arguments without -Xmx: " + results.get(0));
        }
        for (int i = 0; i < dynamicProperties.size(); i += 2) {
            if (!dynamicProperties.get(i).equals("-D") || i + 1 >= dynamicProperties.size() || !dynamicProperties.get(i + 1).contains("=")) {
                throw new StackStartException("Flink's " + command.argument + " gave dynamic properties not of the form "
                    + "\"-D key=value ...\": " + results.get(1));
            }
        }
        return new FlinkResourceParams(jvmArgs, dynamicProperties);
    }

    private static List<String> words(String line) {
        return line.isEmpty() ? List.of() : Arrays.asList(line.split("\\s+"));
    }
}
