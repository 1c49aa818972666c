package org.harassmentwatch.cli;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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
     * in a JobManager that would stop the JobManager — and let failures reach Flink as exceptions, so the
     * submission fails with the reason. Flink's own control-flow errors (plan extraction) pass through untouched.
     */
    static void runInFlinkClient(String[] args) {
        CommandLine cl = commandLine();
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            throw e;
        });
        String[] effective = withDefaultCommand(cl, args);
        int code = cl.execute(effective);
        if (code != 0) {
            // The arguments may hold secrets: name the command only.
            throw new IllegalArgumentException("harassment-watch " + (effective.length == 0 ? "" : effective[0])
                    + " exited with code " + code + "; its message is in the output above");
        }
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

    public static CommandLine commandLine() {
        return new CommandLine(new HarassmentWatch()).setCaseInsensitiveEnumValuesAllowed(true);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
