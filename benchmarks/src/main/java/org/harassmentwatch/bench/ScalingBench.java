package org.harassmentwatch.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Row 4b: throughput of the full job as the user population grows (10k → 10M accounts in the generator, so ever more
 * distinct pair, target, sender and message-id keys), on the heap and the RocksDB state backends. Each population's
 * input is generated, then both backends run on it back to back. With several rounds the populations alternate
 * between ascending and descending order, so that JIT warm-up and drift in the machine's load do not favour one
 * end; the best round of each point is reported, and the ratio 10M / 10k per backend is held to ≥ 0.5.
 */
final class ScalingBench {

    static final String SECTION = "scaling";
    static final int[] USERS = {10_000, 100_000, 1_000_000, 10_000_000};
    private static final int WARM_UP_MESSAGES = 500_000;

    private final BenchSettings settings;
    private final PrintStream log;

    ScalingBench(BenchSettings settings, PrintStream log) {
        this.settings = settings;
        this.log = log;
    }

    List<ResultRow> run() throws Exception {
        int n = settings.scalingMessages();
        int p = settings.parallelism();
        LocalFlink.Backend[] backends = LocalFlink.Backend.values();
        LocalFlink.Run[][] best = new LocalFlink.Run[backends.length][USERS.length];
        String[][] failures = new String[backends.length][USERS.length];
        long[] senders = new long[USERS.length];
        for (int round = 1; round <= settings.rounds(); round++) {
            for (int step = 0; step < USERS.length; step++) {
                int u = round % 2 == 1 ? step : USERS.length - 1 - step;
                InMemoryInput input = BenchMain.generate(settings, n, USERS[u], log).install();
                senders[u] = distinctSenders(input);
                if (round == 1 && step == 0) {
                    int warmUp = Math.min(n, WARM_UP_MESSAGES) / p * p;
                    log.println("bench: warm-up " + full(warmUp, LocalFlink.Backend.HEAP).describe());
                }
                for (int b = 0; b < backends.length; b++) {
                    String point = "bench: round " + round + " users " + label(USERS[u]) + " " + backends[b].label()
                            + " ";
                    try {
                        LocalFlink.Run run = full(n, backends[b]);
                        log.println(point + run.describe());
                        if (best[b][u] == null || run.elapsedNanos() < best[b][u].elapsedNanos()) {
                            best[b][u] = run;
                        }
                    } catch (Exception e) {
                        // One backend failing must not hide the other's figures: the failure goes into its row.
                        failures[b][u] = rootCause(e);
                        log.println(point + "FAILED: " + failures[b][u]);
                    }
                }
                if (settings.profileDir() != null && round == settings.rounds() && u == USERS.length - 1) {
                    profile(n, u, backends, failures);
                }
                InMemoryInput.uninstall();
            }
        }
        return rows(n, p, backends, best, failures, senders);
    }

    private List<ResultRow> rows(int n, int p, LocalFlink.Backend[] backends, LocalFlink.Run[][] best,
                                 String[][] failures, long[] senders) {
        String command = settings.rerun(SECTION);
        List<ResultRow> rows = new ArrayList<>();
        int last = USERS.length - 1;
        for (int b = 0; b < backends.length; b++) {
            for (int u = 0; u < USERS.length; u++) {
                String name = "full_" + backends[b].label() + "_users_" + label(USERS[u]) + "_msg_per_s";
                String note = String.format(Locale.ROOT, "%,d messages, %,d distinct senders, p=%d, %s", n,
                        senders[u], p, backends[b] == LocalFlink.Backend.ROCKSDB
                                ? "RocksDB, " + LocalFlink.MANAGED_MEMORY + " managed memory"
                                : "HashMapStateBackend");
                rows.add(best[b][u] != null
                        ? ResultRow.figure(name, best[b][u].messagesPerSecond(), "msg/s", command, note)
                        : new ResultRow(name, null, "msg/s", null, ResultRow.Goal.NONE, command,
                                "job failed: " + failures[b][u]));
            }
            String name = "scaling_" + backends[b].label() + "_10m_over_10k";
            if (best[b][0] != null && best[b][last] != null) {
                LocalFlink.Run small = best[b][0];
                LocalFlink.Run large = best[b][last];
                String note = String.format(Locale.ROOT, "per CPU-second: %.2f; best of %d",
                        large.messagesPerCpuSecond() / small.messagesPerCpuSecond(), settings.rounds());
                if (settings.quick()) {
                    note += String.format(Locale.ROOT, "; --quick: %,d messages per point (full run: 2,000,000)", n);
                }
                rows.add(ResultRow.atLeast(name, large.messagesPerSecond() / small.messagesPerSecond(), "ratio", 0.5,
                        command, note));
            } else {
                rows.add(ResultRow.notMeasured(name, "ratio", 0.5, ResultRow.Goal.AT_LEAST, command,
                        "not measured: the job failed at 10k or 10M users (see those rows)"));
            }
        }
        return rows;
    }

    private void profile(int n, int u, LocalFlink.Backend[] backends, String[][] failures) throws Exception {
        for (int b = 0; b < backends.length; b++) {
            if (failures[b][u] != null) {
                continue;
            }
            LocalFlink.Backend backend = backends[b];
            log.print(JfrHotSpots.record(settings.profileDir().resolve("scaling-" + label(USERS[u]) + "-"
                    + backend.label() + ".jfr"), 15, () -> full(n, backend)));
        }
    }

    /** The innermost cause, with where it was thrown: what the owner of the failing code needs first. */
    static String rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        StackTraceElement[] trace = root.getStackTrace();
        if (trace.length == 0) {
            return root.getClass().getSimpleName() + ": " + root.getMessage();
        }
        String type = trace[0].getClassName();
        return root.getClass().getSimpleName() + ": " + root.getMessage() + " at "
                + type.substring(type.lastIndexOf('.') + 1) + "." + trace[0].getMethodName() + ":"
                + trace[0].getLineNumber();
    }

    private LocalFlink.Run full(int messages, LocalFlink.Backend backend) throws Exception {
        int p = settings.parallelism();
        return LocalFlink.run("full", messages, p, backend, env -> BenchJobs.full(env, messages, p));
    }

    /** Distinct sender_id values, read straight from the lines (the generator writes the field once per line). */
    static long distinctSenders(InMemoryInput input) {
        Set<String> ids = new HashSet<>();
        String field = "\"sender_id\":\"";
        for (int i = 0; i < input.size(); i++) {
            String line = input.line(i);
            int start = line.indexOf(field);
            if (start >= 0) {
                start += field.length();
                ids.add(line.substring(start, line.indexOf('"', start)));
            }
        }
        return ids.size();
    }

    static String label(int users) {
        return users >= 1_000_000 ? users / 1_000_000 + "m" : users / 1_000 + "k";
    }
}
