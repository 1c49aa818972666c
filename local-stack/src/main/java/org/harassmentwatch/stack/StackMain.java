package org.harassmentwatch.stack;

import java.nio.file.Path;
import java.util.List;

/**
 * {@code StackMain up|down|status [--data-dir D] [--wipe]}: the persistent local stack from a shell.
 * Prints one line per service, e.g. {@code Elasticsearch: http://127.0.0.1:9200} and {@code Kafka: 127.0.0.1:9092}.
 * Exit codes: 0 ok, 1 start failed, 2 usage, 3 {@code status} found a service not running or unhealthy.
 */
public final class StackMain {
    private StackMain() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        if (args.length == 0) {
            return usage("missing command");
        }
        String command = args[0];
        Path dataDir = StackControl.defaultDataDir();
        boolean wipe = false;
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--data-dir" -> {
                    if (i + 1 >= args.length) {
                        return usage("--data-dir needs a folder");
                    }
                    dataDir = Path.of(args[++i]);
                }
                case "--wipe" -> wipe = true;
                default -> {
                    return usage("unknown argument " + args[i]);
                }
            }
        }
        try {
            switch (command) {
                case "up" -> {
                    StackControl.up(dataDir).forEach(s -> System.out.println(s.endpointLine()));
                    return 0;
                }
                case "status" -> {
                    List<ServiceStatus> statuses = StackControl.status(dataDir);
                    statuses.forEach(s -> System.out.println(s.statusLine()));
                    return statuses.stream().allMatch(ServiceStatus::healthy) ? 0 : 3;
                }
                case "down" -> {
                    StackControl.down(dataDir, wipe).forEach(s -> System.out.println(s.name() + ": stopped"));
                    return 0;
                }
                default -> {
                    return usage("unknown command " + command);
                }
            }
        } catch (StackStartException e) {
            System.err.println("error: " + e.getMessage());
            return 1;
        }
    }

    private static int usage(String problem) {
        System.err.println("error: " + problem);
        System.err.println("usage: StackMain up|down|status [--data-dir D] [--wipe]   (default data dir " + StackControl.defaultDataDir() + ")");
        return 2;
    }
}
