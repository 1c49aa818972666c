package org.harassmentwatch.stack.testjob;

import java.nio.file.Path;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.lib.NumberSequenceSource;
import org.apache.flink.connector.base.source.hybrid.HybridSource;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The job FlinkSessionClusterIT submits over REST, packaged into a jar at test time. It writes numbers, one a line,
 * to {@code <out>/part-<subtask>-<attempt>}.
 *
 * <ul>
 *   <li>{@code bounded <out> <last>}: 1..last through a {@link HybridSource} of two halves, so the job needs
 *       flink-connector-base, which only the job jar carries; then it finishes.</li>
 *   <li>{@code unbounded <out> <checkpointMillis>}: 1, 2, 3... about a thousand a second until stopped, checkpointed
 *       every {@code checkpointMillis} (0: never), so that a savepoint or checkpoint says where to go on.</li>
 * </ul>
 */
public final class SequenceJob {
    private SequenceJob() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: bounded <out> <last> | unbounded <out> <checkpointMillis>, got " + args.length + " arguments");
        }
        Path out = Path.of(args[1]);
        long value = Long.parseLong(args[2]);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<Long> numbers;
        switch (args[0]) {
            case "bounded" -> {
                long middle = value / 2;
                Source<Long, ?, ?> halves = HybridSource.builder(new NumberSequenceSource(1, middle))
                    .addSource(new NumberSequenceSource(middle + 1, value))
                    .build();
                numbers = env.fromSource(halves, WatermarkStrategy.noWatermarks(), "numbers", Types.LONG); // erased by the builder
            }
            case "unbounded" -> {
                if (value > 0) {
                    env.enableCheckpointing(value);
                }
                numbers = env.fromSource(new NumberSequenceSource(1, Long.MAX_VALUE), WatermarkStrategy.noWatermarks(), "numbers")
                    .map(new Throttle()).name("throttle");
            }
            default -> throw new IllegalArgumentException("mode must be bounded or unbounded, was " + args[0]);
        }
        numbers.sinkTo(new LineFileSink(out.toString())).name("lines");
        env.execute("local-stack-sequence-" + args[0]);
    }

    /** Keeps the unbounded job from filling the disk: about one number a millisecond. */
    static final class Throttle implements MapFunction<Long, Long> {
        private static final long serialVersionUID = 1L;

        @Override
        public Long map(Long value) throws InterruptedException {
            Thread.sleep(1);
            return value;
        }
    }
}
