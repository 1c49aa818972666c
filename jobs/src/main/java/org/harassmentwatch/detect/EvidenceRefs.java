package org.harassmentwatch.detect;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.OutputTag;
import org.harassmentwatch.ingest.Message;

import java.util.List;

/**
 * Evidence references: what the detectors keep instead of whole scored messages.
 *
 * <p>Why: the same abusive message used to be copied into the pair, target and sender state of every target it was
 * aimed at, text, scores and spans included, until an incident reported it; that was about 70 % of the detectors'
 * state. Detectors now keep only the reference (platform and message id, the job's dedup key), and the scored
 * message is kept once, by the evidence store ({@code campaign.EvidenceStore}), which resolves the references of
 * each incident before the clustering sees it.
 *
 * <p>Contract with the store, which frees a message when nothing can still refer to it: each detector takes one
 * <em>hold</em> on an abusive message per edge it receives ({@link #HOLDS_PER_EDGE} in all, for the pair, target
 * and sender detectors), and gives every hold back exactly once: either as a reference in an emitted incident, or
 * as a {@link #RELEASED} side output when it drops the reference unreported (evidence cap reached, state expired,
 * a new episode). Rough messages (below the abusive threshold) are never evidence and take no hold.
 */
public final class EvidenceRefs {

    /** Holds taken on an abusive message per edge (per target): pair, target and sender detector. */
    public static final int HOLDS_PER_EDGE = 3;

    /** References a detector drops without reporting them. */
    public static final OutputTag<EvidenceFeed> RELEASED =
            new OutputTag<>("evidence-released", TypeInformation.of(EvidenceFeed.class));

    private EvidenceRefs() {
    }

    /** The reference of a message: platform and message id (unique together; message ids alone are per platform). */
    public static String of(Message m) {
        return m.platform() + '\u0001' + m.messageId();
    }

    public static String of(ScoredMessage s) {
        return of(s.message());
    }

    /** Holds an abusive message takes: one per detector per target. */
    public static int holdsOf(ScoredMessage s) {
        return s.abusive() ? HOLDS_PER_EDGE * s.message().targetIds().size() : 0;
    }

    /** Gives back the holds of references dropped unreported. */
    static void release(List<String> refs, KeyedProcessFunction<?, ?, ?>.Context ctx) {
        if (!refs.isEmpty()) {
            ctx.output(RELEASED, EvidenceFeed.released(List.copyOf(refs)));
        }
    }
}
