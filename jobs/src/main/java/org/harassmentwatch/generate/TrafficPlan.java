package org.harassmentwatch.generate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Everything planted before streaming: campaigns, decoys, and their messages sorted by time. Each campaign and
 * decoy draws from its own split of the plan's random generator, so changing one does not shift the others.
 */
final class TrafficPlan {

    /** Planted and decoy traffic may take at most this share of the run; the rest is background. */
    static final double MAX_PLANNED_SHARE = 0.5;

    final List<CampaignPlan> campaigns;
    final List<DecoyPlan> decoys;
    final List<PlannedMessage> messages;
    final ForbiddenPairs forbiddenPairs;

    private TrafficPlan(List<CampaignPlan> campaigns, List<DecoyPlan> decoys, List<PlannedMessage> messages,
                        ForbiddenPairs forbiddenPairs) {
        this.campaigns = campaigns;
        this.decoys = decoys;
        this.messages = messages;
        this.forbiddenPairs = forbiddenPairs;
    }

    static TrafficPlan build(GeneratorConfig config, Accounts accounts, SplittableRandom rng) {
        long startMs = config.start().toEpochMilli();
        PlanContext ctx = new PlanContext(accounts, startMs, config.end().toEpochMilli(), config.messages(),
                new Quotas(config.seed()));
        List<CampaignPlan> campaigns = new ArrayList<>();
        for (Shape shape : Shape.values()) {
            CampaignPlanner planner = CampaignPlanner.of(shape);
            for (int number = 1; number <= config.campaignsPerShape(); number++) {
                campaigns.add(planner.plan(ctx, number, rng.split()));
            }
        }
        DecoyPlanner decoyPlanner = new DecoyPlanner(ctx);
        List<DecoyPlan> decoys = new ArrayList<>();
        for (DecoyKind kind : DecoyKind.values()) {
            int count = kind == DecoyKind.VIRAL_BENIGN ? config.viralDecoys() : config.decoysPerKind();
            for (int i = 0; i < count; i++) {
                decoys.add(decoyPlanner.plan(kind, rng.split()));
            }
        }
        long planned = ctx.messages.size();
        if (planned > config.messages() * MAX_PLANNED_SHARE) {
            throw new IllegalArgumentException("messages=" + config.messages() + " is too small for "
                    + config.campaignsPerShape() + " campaigns per shape, " + config.decoysPerKind()
                    + " decoys per kind and " + config.viralDecoys() + " viral decoys: they alone take " + planned
                    + " messages; use at least " + (long) Math.ceil(planned / MAX_PLANNED_SHARE)
                    + " messages or fewer campaigns/decoys");
        }
        List<PlannedMessage> messages = ctx.messages;
        messages.sort(Comparator.comparingLong((PlannedMessage m) -> m.at).thenComparingInt(m -> m.seq));
        return new TrafficPlan(List.copyOf(campaigns), List.copyOf(decoys), messages, ctx.forbiddenPairs);
    }
}
