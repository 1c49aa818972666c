package org.harassmentwatch.stack;

import java.util.regex.Pattern;

/**
 * A call to the Flink REST API failed: the cluster answered with an error status (the message carries Flink's own
 * exception, top and deepest cause, in one line), or it could not be reached ({@link #status()} is -1).
 */
public final class FlinkRestException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private static final int MAX_SUMMARY_LENGTH = 600;
    private static final Pattern STACK_FRAME = Pattern.compile("^\\s*(at |\\.\\.\\. \\d+ more)");
    /** Lines Flink's REST error body wraps around a server-side stack trace. */
    private static final Pattern WRAPPER = Pattern.compile("^(Internal server error\\.|<Exception on server side:|End of exception on server side>)$");

    private final int status;

    FlinkRestException(int status, String message) {
        super(message);
        this.status = status;
    }

    FlinkRestException(String message, Throwable cause) {
        super(message, cause);
        this.status = -1;
    }

    /** The HTTP status the cluster answered with, or -1 when it could not be reached. */
    public int status() {
        return status;
    }

    /**
     * One line from a Java stack trace as text (Flink puts whole traces into its REST errors): the first exception
     * line, and the deepest {@code Caused by:} when there is one, e.g. {@code RestHandlerException: Could not execute
     * application.; caused by: java.lang.ClassNotFoundException: a.b.C}.
     */
    static String summarize(String trace) {
        String top = null;
        String deepest = null;
        for (String raw : trace.split("\\R")) {
            String line = raw.strip();
            if (line.isEmpty() || STACK_FRAME.matcher(line).find() || WRAPPER.matcher(line).matches()) {
                continue;
            }
            if (line.startsWith("Caused by:")) {
                deepest = line.substring("Caused by:".length()).strip();
            } else if (top == null) {
                top = line;
            }
        }
        if (top == null) {
            return shorten(trace.strip());
        }
        return shorten(deepest == null || top.contains(deepest) ? top : top + "; caused by: " + deepest);
    }

    private static String shorten(String line) {
        return line.length() <= MAX_SUMMARY_LENGTH ? line : line.substring(0, MAX_SUMMARY_LENGTH) + "...";
    }
}
