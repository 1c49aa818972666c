package org.harassmentwatch.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The command line: `./harassment-watch COMMAND [OPTIONS]` (also the main class of the Flink job jar). */
@Command(name = "harassment-watch", mixinStandardHelpOptions = true, version = "harassment-watch 0.1.0",
        description = "Finds harassment campaigns in social-media message streams with Apache Flink and indexes them into Elasticsearch.",
        subcommands = {
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
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        return new CommandLine(new HarassmentWatch()).setCaseInsensitiveEnumValuesAllowed(true);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
