package org.harassmentwatch.stack.testjob;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.apache.flink.api.common.TaskInfo;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Writes each record as a line of {@code <dir>/part-<subtask>-<attempt>}, flushed at once: what a test reads is what
 * the task wrote, even when its TaskManager is killed a moment later.
 */
public final class LineFileSink implements Sink<Long> {
    private static final long serialVersionUID = 1L;
    private final String dir;

    public LineFileSink(String dir) {
        this.dir = dir;
    }

    @Override
    public SinkWriter<Long> createWriter(WriterInitContext context) throws IOException {
        TaskInfo task = context.getTaskInfo();
        Path file = Path.of(dir, "part-" + task.getIndexOfThisSubtask() + "-" + task.getAttemptNumber());
        Files.createDirectories(file.getParent());
        return new LineWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND));
    }

    private static final class LineWriter implements SinkWriter<Long> {
        private final BufferedWriter out;

        LineWriter(BufferedWriter out) {
            this.out = out;
        }

        @Override
        public void write(Long element, Context context) throws IOException {
            out.write(Long.toString(element));
            out.newLine();
            out.flush();
        }

        @Override
        public void flush(boolean endOfInput) throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }
}
