package org.harassmentwatch.job;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.harassmentwatch.detect.ScoredMessage;

import java.time.Duration;

/**
 * Lets the first copy of each message id through: upstream delivery is at-least-once, and a message counted twice
 * would inflate occasions and counts. Keyed by message id; only abusive messages reach it, so the state stays small,
 * and a TTL removes ids after the retention.
 */
public class FirstOccurrence extends KeyedProcessFunction<String, ScoredMessage, ScoredMessage> {

    private final Duration retention;
    private transient ValueState<Boolean> seen;

    public FirstOccurrence(Duration retention) {
        this.retention = retention;
    }

    @Override
    public void open(OpenContext openContext) {
        ValueStateDescriptor<Boolean> d = new ValueStateDescriptor<>("seen", Types.BOOLEAN);
        d.enableTimeToLive(StateTtlConfig.newBuilder(retention)
                .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
                .build());
        seen = getRuntimeContext().getState(d);
    }

    @Override
    public void processElement(ScoredMessage value, Context ctx, Collector<ScoredMessage> out) throws Exception {
        if (seen.value() == null) {
            seen.update(Boolean.TRUE);
            out.collect(value);
        }
    }
}
