package org.harassmentwatch.cli;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The command line: `./harassment-watch COMMAND [OPTIONS]`, and the main class of the Flink job jar: {@code flink run
 * hw.jar run --kafka ...}, or REST submission with {@code programArgsList ["run", ...]}. There a bare option list
 * ({@code --kafka ...}) means {@code run}.
 */
@Command(name = "harassment-watch", mixinStandardHelpOptions = true, version = "harassment-watch 0.1.0",
        description = "Finds harassment campaigns in social-media message streams with Apache Flink and indexes them into Elasticsearch.",
        subcommands = {
                RunCommand.class,
                DemoCommand.class,
                StackCommand.class,
                org.harassmentwatch.sink.ApplyTemplatesCommand.class,
                org.harassmentwatch.generate.GenerateCommand.class,
                EvalCommand.class,
                BackfillCommand.class,
                org.harassmentwatch.evidence.ExportEvidenceCommand.class,
                org.harassmentwatch.evidence.VerifyEvidenceCommand.class,
                CommandLine.HelpCommand.class
        })
public class HarassmentWatch implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        if (StreamExecutionEnvironment.areExplicitEnvironmentsAllowed()) {
            System.exit(commandLine().execute(args));
        }
        runInFlinkClient(args);
    }

    /**
     * Under {@code flink run} or the REST API (a Flink client set the execution environment): never System.exit —
     * in a JobManager that would stop the JobManager — and let failures reach Flink as exceptions carrying the
     * reason, so the submission fails with it. Flink's own control-flow errors (plan extraction) pass through.
     */
    static void runInFlinkClient(String[] args) {
        CommandLine cl = commandLine();
        AtomicReference<Exception> failure = new AtomicReference<>();
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            failure.set(e);
            return 1;
        });
        cl.setParameterExceptionHandler((e, arguments) -> {
            failure.set(e);
            return 2;
        });
        String[] effective = withDefaultCommand(cl, args);
        int code = cl.execute(effective);
        String command = "harassment-watch " + (effective.length == 0 ? "" : effective[0]);
        Exception e = failure.get();
        if (e != null) {
            throw new IllegalArgumentException(command + ": " + safeMessage(e), e instanceof CommandLine.ParameterException ? null : e);
        }
        if (code != 0) {
            throw new IllegalStateException(command + " exited with code " + code);
        }
    }

    /** The reason, without echoing unknown arguments: they may hold a secret typed into a misspelt option. */
    static String safeMessage(Exception e) {
        if (e instanceof CommandLine.UnmatchedArgumentException u) {
            return "unknown argument(s) " + u.getUnmatched().stream().map(a -> a.split("=", 2)[0]).toList();
        }
        return e.getMessage();
    }

    /** {@code run} when the arguments start with an option (other than help/version) rather than a command. */
    static String[] withDefaultCommand(CommandLine cl, String[] args) {
        if (args.length == 0 || !args[0].startsWith("-") || List.of("-h", "--help", "-V", "--version").contains(args[0])
                || cl.getSubcommands().containsKey(args[0])) {
            return args;
        }
        List<String> withRun = new ArrayList<>(args.length + 1);
        withRun.add("run");
        withRun.addAll(Arrays.asList(args));
        return withRun.toArray(String[]::new);
    }

    /**
     * The command line. A bad value found while running (IllegalArgumentException) is reported in one line with exit
     * code 2, an unreachable service (IllegalStateException, UncheckedIOException) with exit code 1; anything else
     * with its stack trace.
     */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new HarassmentWatch()).setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof IllegalArgumentException) {
                commandLine.getErr().println("error: " + e.getMessage());
                return 2;
            }
            if (e instanceof IllegalStateException || e instanceof java.io.UncheckedIOException) {
                commandLine.getErr().println("error: " + e.getMessage());
                return 1;
            }
            throw e;
        });
        return cl;
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
