package org.harassmentwatch.bench;

import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Records a piece of work with JFR's "profile" settings (execution samples every 10 ms) and summarises where the
 * samples fell: the top frames (self time), the first project frame ({@code org.harassmentwatch}) of each stack
 * (which of our code is hot, including what it calls), and the threads (Flink names task threads after their
 * operator chain). The same as {@code jfr print --events jdk.ExecutionSample FILE}, aggregated.
 */
final class JfrHotSpots {

    private static final String PROJECT = "org.harassmentwatch.";

    private JfrHotSpots() {
    }

    interface Work {
        void run() throws Exception;
    }

    /** Runs {@code work} under a recording dumped to {@code file}; returns the summary. */
    static String record(Path file, int top, Work work) throws Exception {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (Recording recording = new Recording(Configuration.getConfiguration("profile"))) {
            recording.start();
            work.run();
            recording.stop();
            recording.dump(file);
        }
        return summarise(file, top);
    }

    static String summarise(Path file, int top) throws IOException {
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> project = new HashMap<>();
        Map<String, Integer> packages = new HashMap<>();
        Map<String, Integer> threads = new HashMap<>();
        int samples = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
            if (!e.getEventType().getName().equals("jdk.ExecutionSample")) {
                continue;
            }
            RecordedStackTrace stack = e.getStackTrace();
            if (stack == null || stack.getFrames().isEmpty()) {
                continue;
            }
            samples++;
            List<RecordedFrame> frames = stack.getFrames();
            self.merge(method(frames.get(0)), 1, Integer::sum);
            String firstProject = "(no project frame)";
            String firstPackage = "(no project frame: Flink runtime, JDK)";
            for (RecordedFrame f : frames) {
                String type = f.isJavaFrame() ? f.getMethod().getType().getName() : "";
                if (type.startsWith(PROJECT)) {
                    firstProject = method(f);
                    firstPackage = type.substring(0, type.lastIndexOf('.'));
                    break;
                }
            }
            project.merge(firstProject, 1, Integer::sum);
            packages.merge(firstPackage, 1, Integer::sum);
            RecordedThread thread = e.getThread("sampledThread");
            threads.merge(thread == null ? "?" : threadName(thread), 1, Integer::sum);
        }
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%,d execution samples in %s%n", samples, file));
        append(out, "top frames (self)", self, samples, top);
        append(out, "package of the first org.harassmentwatch frame (self + callees)", packages, samples, top);
        append(out, "first org.harassmentwatch frame (self + callees)", project, samples, top);
        append(out, "threads", threads, samples, top);
        return out.toString();
    }

    private static String method(RecordedFrame f) {
        String type = f.getMethod().getType().getName();
        return type.substring(type.lastIndexOf('.') + 1) + "." + f.getMethod().getName() + " ("
                + type.substring(0, Math.max(0, type.lastIndexOf('.'))) + ")";
    }

    /** Task thread names carry the subtask index, e.g. "... (1/2)#0": drop it so subtasks add up. */
    private static String threadName(RecordedThread t) {
        String name = t.getJavaName() == null ? t.getOSName() : t.getJavaName();
        return name.replaceAll(" \\(\\d+/\\d+\\)(#\\d+)?$", "");
    }

    private static void append(StringBuilder out, String title, Map<String, Integer> counts, int total, int top) {
        out.append("  ").append(title).append(":\n");
        List<Map.Entry<String, Integer>> sorted = new ArrayList<>(counts.entrySet());
        sorted.sort(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        for (int i = 0; i < Math.min(top, sorted.size()); i++) {
            Map.Entry<String, Integer> e = sorted.get(i);
            out.append(String.format(Locale.ROOT, "    %5.1f%%  %s%n", 100.0 * e.getValue() / Math.max(1, total),
                    e.getKey()));
        }
    }
}
