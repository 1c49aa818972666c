package org.harassmentwatch.ingest;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import java.util.EnumMap;
import java.util.Map;

/**
 * Decodes raw records into {@link Message}s (main output) and {@link DeadLetter}s (side output
 * {@link #DEAD_LETTERS}); every input record comes out exactly once on one of the two.
 *
 * <p>"Now" (for {@code ingestedAt}, {@code failedAt} and the future-timestamp rule) is the operator's
 * processing-time clock, so test harnesses can set it.
 *
 * <p>Metrics: counters {@code messagesDecoded} and {@code deadLetters}, and {@code deadLetters} per reason under
 * the group {@code reason=<ERROR_CODE>}.
 */
public class DecodeMessages extends ProcessFunction<RawRecord, Message> {

    private static final long serialVersionUID = 1L;

    public static final OutputTag<DeadLetter> DEAD_LETTERS =
            new OutputTag<>("dead-letters", TypeInformation.of(DeadLetter.class));

    /** Operator name and uid used by {@link #applyTo}: stable, so savepoints map back to this operator. */
    public static final String OPERATOR_ID = "decode-messages";

    private final MessageDecoder decoder;

    private transient Counter messagesDecoded;
    private transient Counter deadLetters;
    private transient Map<DeadLetterReason, Counter> deadLettersByReason;
    private transient MetricGroup metricGroup;

    public DecodeMessages() {
        this(MessageRules.DEFAULT);
    }

    public DecodeMessages(MessageRules rules) {
        this.decoder = new MessageDecoder(rules);
    }

    /** Adds the decoder to {@code raw}; dead letters are {@code result.getSideOutput(DEAD_LETTERS)}. */
    public static SingleOutputStreamOperator<Message> applyTo(DataStream<RawRecord> raw, MessageRules rules) {
        return raw.process(new DecodeMessages(rules), TypeInformation.of(Message.class))
                .name(OPERATOR_ID)
                .uid(OPERATOR_ID);
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        metricGroup = getRuntimeContext().getMetricGroup();
        messagesDecoded = metricGroup.counter("messagesDecoded");
        deadLetters = metricGroup.counter("deadLetters");
        deadLettersByReason = new EnumMap<>(DeadLetterReason.class);
    }

    @Override
    public void processElement(RawRecord record, Context ctx, Collector<Message> out) {
        long now = ctx.timerService().currentProcessingTime();
        DecodeResult result = decoder.decode(record.value(), record.source(), now);
        if (result instanceof DecodeResult.Decoded decoded) {
            messagesDecoded.inc();
            out.collect(decoded.message());
        } else {
            DeadLetter deadLetter = ((DecodeResult.Rejected) result).deadLetter();
            deadLetters.inc();
            deadLettersByReason
                    .computeIfAbsent(deadLetter.reason(), r -> metricGroup.addGroup("reason", r.name()).counter("deadLetters"))
                    .inc();
            ctx.output(DEAD_LETTERS, deadLetter);
        }
    }
}
