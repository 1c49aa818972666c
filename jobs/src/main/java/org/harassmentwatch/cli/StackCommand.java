package org.harassmentwatch.cli;

import org.harassmentwatch.stack.ServiceStatus;
import org.harassmentwatch.stack.StackControl;
import org.harassmentwatch.stack.StackStartException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "stack", mixinStandardHelpOptions = true,
        description = "Starts, inspects or stops the local stack: a real Elasticsearch node and a real Kafka broker, each "
                + "in its own JVM, started from Maven Central jars. They keep running after this command returns.",
        subcommands = {StackCommand.Up.class, StackCommand.Status.class, StackCommand.Down.class})
public class StackCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    static class DataDirOption {
        @Option(names = "--data-dir", description = "Folder holding the services' data, logs and state file. "
                + "Default: <java.io.tmpdir>/harassment-watch-stack-<user> (reachable by the uid Elasticsearch runs as).")
        Path dataDir;

        Path resolve() {
            return dataDir != null ? dataDir : StackControl.defaultDataDir();
        }
    }

    static int print(List<ServiceStatus> statuses, boolean endpoints) {
        boolean allHealthy = true;
        for (ServiceStatus s : statuses) {
            System.out.println(endpoints ? s.endpointLine() : s.statusLine());
            allHealthy &= s.healthy();
        }
        return allHealthy ? 0 : 1;
    }

    @Command(name = "up", mixinStandardHelpOptions = true,
            description = "Starts Elasticsearch and Kafka (or reuses them if already running) and prints one line per service.")
    static class Up implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        DataDirOption data;

        @Override
        public Integer call() {
            try {
                return print(StackControl.up(data.resolve()), true);
            } catch (StackStartException e) {
                System.err.println("error: " + e.getMessage());
                return 1;
            }
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Shows whether each service is alive and healthy.")
    static class Status implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        DataDirOption data;

        @Override
        public Integer call() {
            List<ServiceStatus> statuses = StackControl.status(data.resolve());
            if (statuses.isEmpty()) {
                System.out.println("stack: not running (no state in " + data.resolve() + ")");
                return 1;
            }
            return print(statuses, false);
        }
    }

    @Command(name = "down", mixinStandardHelpOptions = true, description = "Stops both services. Data is kept unless --wipe is given.")
    static class Down implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        DataDirOption data;

        @Option(names = "--wipe", description = "Also delete the services' data and logs.")
        boolean wipe;

        @Override
        public Integer call() {
            List<ServiceStatus> statuses = StackControl.down(data.resolve(), wipe);
            for (ServiceStatus s : statuses) {
                System.out.println(s.name() + ": stopped");
            }
            if (statuses.isEmpty()) {
                System.out.println("stack: nothing was running");
            }
            return 0;
        }
    }
}
