package org.harassmentwatch.detect;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Hands elements to {@link #onEvent} in event-time order per key, with a total tie-break.
 *
 * <p>Why: the same input must give the same campaigns at any parallelism and on a rerun (evidence must be
 * repeatable by an independent party). Arrival order across parallel upstream subtasks is not deterministic, so
 * elements wait in a per-timestamp buffer until the watermark passes them, then are processed sorted. The cost is
 * latency equal to the watermark lag (the configured out-of-orderness), and buffering only abusive traffic.
 * Elements already behind the watermark (late) are processed at once rather than dropped.
 *
 * <p>In BATCH execution the watermark is absent until the end of each key, so everything is buffered and processed
 * in order when the timers fire: the same code path gives the same result.
 */
public abstract class EventTimeOrderedFunction<K, E, O> extends KeyedProcessFunction<K, E, O> {

    private final TypeInformation<E> elementType;
    private final Comparator<E> tieBreak;
    private transient MapState<Long, List<E>> pending;

    protected EventTimeOrderedFunction(TypeInformation<E> elementType, Comparator<E> tieBreak) {
        this.elementType = elementType;
        this.tieBreak = tieBreak;
    }

    protected abstract long timestampOf(E element);

    /** Handles one element, in event-time order. */
    protected abstract void onEvent(E element, Context ctx, Collector<O> out) throws Exception;

    /** Called for every timer after due elements were handled: state expiry and status changes. */
    protected void onTime(long time, OnTimerContext ctx, Collector<O> out) throws Exception {
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        pending = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("pending-by-time", Types.LONG, Types.LIST(elementType)));
    }

    @Override
    public final void processElement(E element, Context ctx, Collector<O> out) throws Exception {
        long ts = timestampOf(element);
        if (ts <= ctx.timerService().currentWatermark()) {
            onEvent(element, ctx, out);
            return;
        }
        List<E> atTs = pending.get(ts);
        if (atTs == null) {
            atTs = new ArrayList<>(1);
            ctx.timerService().registerEventTimeTimer(ts);
        }
        atTs.add(element);
        pending.put(ts, atTs);
    }

    @Override
    public final void onTimer(long timestamp, OnTimerContext ctx, Collector<O> out) throws Exception {
        List<E> due = pending.get(timestamp);
        if (due != null) {
            pending.remove(timestamp);
            if (due.size() > 1) {
                due = new ArrayList<>(due);
                due.sort(tieBreak);
            }
            for (E e : due) {
                onEvent(e, ctx, out);
            }
        }
        onTime(timestamp, ctx, out);
    }

    /** Rounds a cleanup time up to a coarse grid so that a busy key holds few timers (Flink dedups equal timers). */
    protected static long cleanupSlot(long time, long granularityMillis) {
        long slot = Math.floorDiv(time, granularityMillis) * granularityMillis;
        return slot < time ? slot + granularityMillis : slot;
    }
}
