package org.harassmentwatch.alert;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.harassmentwatch.campaign.Campaign;
import org.harassmentwatch.campaign.CampaignUpdate;
import org.harassmentwatch.campaign.SeverityRule;

import java.time.Duration;
import java.util.Set;

/**
 * Campaign updates → alerts, keyed by campaign id:
 * <ul>
 *   <li>{@code created}: the first published version of a campaign;</li>
 *   <li>{@code escalated}: the severity tier is above the tier of the last alert, or the sender count is at least
 *       double the count of the last alert;</li>
 *   <li>suppression: an escalation by sender count alone within {@code suppression} (event time) of the last alert
 *       is held back; when the period ends, one alert describes the latest update if it is still an escalation
 *       (repeats collapse into one, and a burst that doubles and then stops is still reported). A tier rise is
 *       never held back, and it supersedes a held alert;</li>
 *   <li>no alert for status changes (dormant) or for the last version of a campaign merged into another or closed —
 *       those end the campaign's alert state.</li>
 * </ul>
 * State per campaign is one small {@link AlertState} and at most one event-time timer. It is removed when the
 * campaign is merged or closed, and as a backstop when no update came for {@code retention} (event time; the
 * clustering closes a campaign after its closed-after period without abuse, so take at least that).
 *
 * <p>{@code created_at} of an alert is the update's event time; {@code emitted_at} is processing time.
 */
public class AlertFunction extends KeyedProcessFunction<String, CampaignUpdate, Alert> {

    private static final long serialVersionUID = 1L;
    private static final Set<String> ENDED = Set.of("merged", "closed");

    private final long suppressionMillis;
    private final long retentionMillis;
    private final String suppressionText;

    private transient ValueState<AlertState> state;
    private transient Counter created;
    private transient Counter escalated;
    private transient Counter held;

    public AlertFunction(Duration suppression, Duration retention) {
        if (suppression.isNegative()) {
            throw new IllegalArgumentException("alert suppression must not be negative, got " + suppression);
        }
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("alert state retention must be positive, got " + retention);
        }
        this.suppressionMillis = suppression.toMillis();
        this.retentionMillis = retention.toMillis();
        this.suppressionText = humanDuration(suppression);
    }

    @Override
    public void open(OpenContext openContext) {
        state = getRuntimeContext().getState(
                new ValueStateDescriptor<>("alert-state", TypeInformation.of(AlertState.class)));
        created = getRuntimeContext().getMetricGroup().counter("alertsCreated");
        escalated = getRuntimeContext().getMetricGroup().counter("alertsEscalated");
        held = getRuntimeContext().getMetricGroup().counter("escalationsHeld");
    }

    @Override
    public void processElement(CampaignUpdate update, Context ctx, Collector<Alert> out) throws Exception {
        Campaign c = update.campaign();
        AlertState s = state.value();
        if (ENDED.contains(c.status())) {
            if (s != null) {
                if (s.timer != AlertState.NONE) {
                    ctx.timerService().deleteEventTimeTimer(s.timer);
                }
                state.clear();
            }
            return;
        }
        if (s == null) {
            s = new AlertState();
            if (!update.created()) {
                // Alert state expired or was not restored: the previously published version is the baseline.
                s.alertedTier = update.previousTier();
                s.alertedSenders = update.previousSenders();
            }
        }
        s.lastUpdateAt = Math.max(s.lastUpdateAt, c.updatedAt());
        long now = ctx.timerService().currentProcessingTime();
        if (update.created()) {
            created.inc();
            send(s, candidate(c, Alert.CREATED, createdReason(c)), now, out);
        } else {
            boolean tierRose = SeverityRule.rank(c.severity().tier()) > SeverityRule.rank(s.alertedTier);
            boolean doubled = s.alertedSenders > 0 && c.senderCount() >= 2L * s.alertedSenders;
            if (!tierRose && !doubled) {
                s.held = null; // a held escalation no longer holds for the latest state
            } else {
                String reason = escalationReason(s, c, tierRose, doubled);
                if (tierRose || s.alertedAt == AlertState.NONE || c.updatedAt() - s.alertedAt >= suppressionMillis) {
                    escalated.inc();
                    send(s, candidate(c, Alert.ESCALATED, reason), now, out);
                } else {
                    held.inc();
                    s.held = candidate(c, Alert.ESCALATED, reason + " (held back by the " + suppressionText
                            + " suppression period after the last alert)");
                }
            }
        }
        schedule(s, ctx.timerService());
        state.update(s);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        AlertState s = state.value();
        if (s == null) {
            return;
        }
        s.timer = AlertState.NONE;
        if (s.held != null && timestamp >= s.alertedAt + suppressionMillis) {
            escalated.inc();
            send(s, s.held, ctx.timerService().currentProcessingTime(), out);
        }
        if (timestamp >= s.lastUpdateAt + retentionMillis) {
            state.clear();
            return;
        }
        schedule(s, ctx.timerService());
        state.update(s);
    }

    private static void send(AlertState s, Alert candidate, long now, Collector<Alert> out) {
        s.sequence++;
        out.collect(candidate.emitted(s.sequence, now));
        s.alertedTier = candidate.severityTier();
        s.alertedSenders = candidate.senderCount();
        s.alertedAt = candidate.createdAt();
        s.held = null;
    }

    /** Keeps exactly one timer: the end of the suppression period while an alert is held, else the retention. */
    private void schedule(AlertState s, TimerService timers) {
        long due = s.lastUpdateAt + retentionMillis;
        if (s.held != null) {
            due = Math.min(due, s.alertedAt + suppressionMillis);
        }
        if (due != s.timer) {
            if (s.timer != AlertState.NONE) {
                timers.deleteEventTimeTimer(s.timer);
            }
            timers.registerEventTimeTimer(due);
            s.timer = due;
        }
    }

    private static Alert candidate(Campaign c, String type, String reason) {
        return new Alert(null, c.campaignId(), c.version(), type, reason, c.severity().tier(), c.severity().score(),
                c.kinds(), c.targets(), c.senderCount(), c.messageCount(), c.explanation(), c.updatedAt(),
                AlertState.NONE, Alert.kibanaQuery(c.campaignId()));
    }

    static String createdReason(Campaign c) {
        return "new " + c.primaryKind() + " campaign: " + plural(c.senderCount(), "sender") + " against "
                + plural(c.targetCount(), "target") + ", " + plural(c.messageCount(), "message") + "; severity "
                + c.severity().tier() + " (" + c.severity().score() + "/100)";
    }

    private static String escalationReason(AlertState s, Campaign c, boolean tierRose, boolean doubled) {
        StringBuilder r = new StringBuilder();
        if (tierRose) {
            r.append("severity rose from ").append(s.alertedTier == null ? "none" : s.alertedTier).append(" to ")
                    .append(c.severity().tier()).append(" (").append(c.severity().score()).append("/100)");
        }
        if (doubled) {
            if (!r.isEmpty()) {
                r.append("; ");
            }
            r.append("senders at least doubled since the last alert: ").append(s.alertedSenders).append(" -> ")
                    .append(c.senderCount());
        }
        return r.toString();
    }

    private static String plural(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static String humanDuration(Duration d) {
        long s = d.toSeconds();
        if (s % 86_400 == 0 && s > 0) {
            return s / 86_400 + " d";
        }
        if (s % 3_600 == 0 && s > 0) {
            return s / 3_600 + " h";
        }
        if (s % 60 == 0 && s > 0) {
            return s / 60 + " min";
        }
        return d.toMillis() % 1000 == 0 ? s + " s" : d.toMillis() + " ms";
    }
}
