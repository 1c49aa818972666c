package org.harassmentwatch.bench;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

import java.io.IOException;

/**
 * Wraps a sink and tells {@link RunProbe} when its end-of-input flush has returned (for the Elasticsearch sink: every
 * document acknowledged), so that a sink's time excludes job start and shutdown.
 */
final class TimedSink<T> implements Sink<T> {

    private static final long serialVersionUID = 1L;

    private final Sink<T> delegate;
    private final String name;

    TimedSink(Sink<T> delegate, String name) {
        this.delegate = delegate;
        this.name = name;
    }

    /** Discards what it receives; the end of a benchmark run is the last end of input over all its sinks. */
    static <T> TimedSink<T> discarding(String name) {
        return new TimedSink<>(new DiscardingSink<>(), name);
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) throws IOException {
        SinkWriter<T> writer = delegate.createWriter(context);
        return new SinkWriter<>() {
            private long records;
            private boolean ended;

            @Override
            public void write(T element, Context ctx) throws IOException, InterruptedException {
                writer.write(element, ctx);
                records++;
            }

            @Override
            public void flush(boolean endOfInput) throws IOException, InterruptedException {
                writer.flush(endOfInput);
                if (endOfInput && !ended) {
                    ended = true;
                    RunProbe.endOfInput(name, records);
                }
            }

            @Override
            public void close() throws Exception {
                writer.close();
            }
        };
    }
}
