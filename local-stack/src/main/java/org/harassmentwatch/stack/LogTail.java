package org.harassmentwatch.stack;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Reads the end of a service log to explain in one line why the service did not start. */
final class LogTail {
    private static final int TAIL_BYTES = 64 * 1024;
    private static final int MAX_REASON_LENGTH = 400;
    private static final Pattern STACK_FRAME = Pattern.compile("^\\s+(at |\\.\\.\\. \\d+ more)");
    /** A Java exception line: {@code [Exception in thread "x" ]a.b.SomeException[: message]}. */
    private static final Pattern EXCEPTION_HEADER =
        Pattern.compile("^(Exception in thread \"[^\"]*\" )?([a-zA-Z_$][\\w$]*\\.)+[A-Z][\\w$]*(Exception|Error)(:|$)");
    /** Lines that only say "look at the log", which is where we are already looking. */
    private static final Pattern GENERIC = Pattern.compile("did not exit normally - check the logs");
    private static final Pattern PROBLEM = Pattern.compile("Exception|Error|ERROR|FATAL|fatal|failed|Failed|refus");

    private LogTail() {}

    static List<String> lastLines(Path file, int maxLines) {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long length = raf.length();
            long start = Math.max(0, length - TAIL_BYTES);
            byte[] bytes = new byte[(int) (length - start)];
            raf.seek(start);
            raf.readFully(bytes);
            List<String> lines = new ArrayList<>(Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\\R")));
            if (start > 0 && !lines.isEmpty()) {
                lines.remove(0); // probably cut in the middle
            }
            lines.removeIf(String::isBlank);
            return lines.subList(Math.max(0, lines.size() - maxLines), lines.size());
        } catch (IOException e) {
            return List.of();
        }
    }

    /**
     * The most telling line of the logs: the last Java exception (with its deepest cause, when it has one), or else
     * the last line that names a problem, or else the last line.
     */
    static Optional<String> reason(List<Path> logs) {
        List<String> lines = new ArrayList<>();
        for (Path log : logs) {
            lines.addAll(lastLines(log, 200));
        }
        String exception = null;
        String rootCause = null;
        String problem = null;
        for (String line : lines) {
            String trimmed = line.trim();
            if (STACK_FRAME.matcher(line).find() || GENERIC.matcher(trimmed).find()) {
                continue;
            }
            if (trimmed.startsWith("Caused by:")) {
                rootCause = trimmed.substring("Caused by:".length()).trim();
            } else if (EXCEPTION_HEADER.matcher(trimmed).find()) {
                exception = trimmed;
                rootCause = null;
            } else if (PROBLEM.matcher(trimmed).find()) {
                problem = trimmed;
            }
        }
        String best;
        if (exception != null) {
            best = rootCause == null || exception.contains(rootCause) ? exception : exception + "; caused by: " + rootCause;
        } else if (problem != null) {
            best = problem;
        } else {
            best = lines.isEmpty() ? null : lines.get(lines.size() - 1).trim();
        }
        return Optional.ofNullable(best).map(LogTail::shorten);
    }

    private static String shorten(String line) {
        return line.length() <= MAX_REASON_LENGTH ? line : line.substring(0, MAX_REASON_LENGTH) + "...";
    }
}
