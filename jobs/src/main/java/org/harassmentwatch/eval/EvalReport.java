package org.harassmentwatch.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.harassmentwatch.campaign.Campaign;
import org.harassmentwatch.generate.GroundTruth;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Campaign-level precision, recall and F1, per shape and overall; false alerts per million benign messages; median
 * detection delay in event time (first detection minus the planted campaign's first abusive message).
 */
public record EvalReport(Scores overall, Map<String, Scores> byShape, double falseAlertsPerMillionBenign,
                         Map<String, Double> medianDelaySeconds, long messages, int plantedCampaigns,
                         int detectedCampaigns, Map<String, Integer> falsePositivesByDecoy) {

    public static final List<String> SHAPES = List.of("persistent_pair", "pile_on", "spree", "coordinated");

    /** Scores of one shape (or overall). */
    public record Scores(double precision, double recall, double f1, int planted, int detected, int truePositives) {
        static Scores of(int planted, int detected, int tpPrecision, int tpRecall) {
            double p = detected == 0 ? 1.0 : tpPrecision / (double) detected;
            double r = planted == 0 ? 1.0 : tpRecall / (double) planted;
            double f = p + r == 0 ? 0.0 : 2 * p * r / (p + r);
            return new Scores(p, r, f, planted, detected, tpRecall);
        }
    }

    public static EvalReport evaluate(GroundTruth truth, List<Campaign> finalCampaigns) {
        List<Campaign> detected = finalCampaigns.stream().filter(c -> !"merged".equals(c.status())).toList();
        List<CampaignMatcher.Match> matches = CampaignMatcher.match(truth.campaigns(), detected);
        Map<String, CampaignMatcher.Match> byDetected = new LinkedHashMap<>();
        for (CampaignMatcher.Match m : matches) {
            byDetected.put(m.detected().campaignId(), m);
        }
        Map<String, Scores> byShape = new LinkedHashMap<>();
        Map<String, Double> delays = new LinkedHashMap<>();
        for (String shape : SHAPES) {
            int planted = (int) truth.campaigns().stream().filter(p -> p.shape().id().equals(shape)).count();
            List<Campaign> ofKind = detected.stream().filter(c -> c.primaryKind().equals(shape)).toList();
            int tpPrecision = (int) ofKind.stream().filter(c -> {
                CampaignMatcher.Match m = byDetected.get(c.campaignId());
                return m != null && m.planted().shape().id().equals(shape);
            }).count();
            List<CampaignMatcher.Match> found = matches.stream().filter(m -> m.planted().shape().id().equals(shape)).toList();
            byShape.put(shape, Scores.of(planted, ofKind.size(), tpPrecision, found.size()));
            List<Double> d = new ArrayList<>();
            for (CampaignMatcher.Match m : found) {
                d.add((m.detected().firstDetectedAt() - m.planted().firstAbusiveAt().toEpochMilli()) / 1000.0);
            }
            delays.put(shape, median(d));
        }
        Scores overall = Scores.of(truth.campaigns().size(), detected.size(), matches.size(), matches.size());
        int falsePositives = detected.size() - matches.size();
        double perMillion = truth.benignMessages() == 0 ? 0.0 : falsePositives * 1_000_000.0 / truth.benignMessages();
        Map<String, Integer> byDecoy = new LinkedHashMap<>();
        for (Campaign c : detected) {
            if (!byDetected.containsKey(c.campaignId())) {
                byDecoy.merge(decoyKind(truth, c), 1, Integer::sum);
            }
        }
        return new EvalReport(overall, byShape, perMillion, delays, truth.messages(), truth.campaigns().size(),
                detected.size(), byDecoy);
    }

    private static String decoyKind(GroundTruth truth, Campaign c) {
        Set<String> accounts = new HashSet<>(c.senders());
        accounts.addAll(c.targets());
        for (GroundTruth.Decoy d : truth.decoys()) {
            for (String a : d.accounts()) {
                if (accounts.contains(a)) {
                    return d.kind().id();
                }
            }
        }
        for (GroundTruth.Campaign p : truth.campaigns()) {
            for (String s : p.senders()) {
                if (accounts.contains(s)) {
                    return "fragment_of_" + p.shape().id();
                }
            }
        }
        return "background";
    }

    private static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> v = new ArrayList<>(values);
        v.sort(Double::compare);
        int n = v.size();
        return n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2.0;
    }

    /** The JSON report of the eval command's --report option. */
    public String toJson() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("overall", scores(overall));
        Map<String, Object> shapes = new LinkedHashMap<>();
        byShape.forEach((k, v) -> shapes.put(k, scores(v)));
        root.put("by_shape", shapes);
        root.put("false_alerts_per_million_benign", round(falseAlertsPerMillionBenign));
        Map<String, Object> delays = new LinkedHashMap<>();
        medianDelaySeconds.forEach((k, v) -> delays.put(k, v.isNaN() ? null : round(v)));
        root.put("median_delay_seconds", delays);
        root.put("messages", messages);
        root.put("planted_campaigns", plantedCampaigns);
        root.put("detected_campaigns", detectedCampaigns);
        root.put("false_positives_by_decoy", falsePositivesByDecoy);
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> scores(Scores s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("precision", round(s.precision()));
        m.put("recall", round(s.recall()));
        m.put("f1", round(s.f1()));
        m.put("planted", s.planted());
        m.put("detected", s.detected());
        m.put("true_positives", s.truePositives());
        return m;
    }

    private static double round(double v) {
        return Math.round(v * 10000.0) / 10000.0;
    }

    /** A fixed-width table for the terminal. */
    public String toTable() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-16s %9s %9s %9s %8s %9s %14s%n", "shape", "precision", "recall", "f1",
                "planted", "detected", "median delay"));
        for (String shape : SHAPES) {
            Scores s = byShape.get(shape);
            double d = medianDelaySeconds.get(shape);
            sb.append(String.format(Locale.ROOT, "%-16s %9.3f %9.3f %9.3f %8d %9d %14s%n", shape, s.precision(),
                    s.recall(), s.f1(), s.planted(), s.detected(), Double.isNaN(d) ? "-" : formatDelay(d)));
        }
        sb.append(String.format(Locale.ROOT, "%-16s %9.3f %9.3f %9.3f %8d %9d%n", "overall", overall.precision(),
                overall.recall(), overall.f1(), overall.planted(), overall.detected()));
        sb.append(String.format(Locale.ROOT, "false alerts per million benign messages: %.2f%n", falseAlertsPerMillionBenign));
        sb.append(String.format(Locale.ROOT, "messages: %d, planted campaigns: %d, detected campaigns: %d%n", messages,
                plantedCampaigns, detectedCampaigns));
        if (!falsePositivesByDecoy.isEmpty()) {
            sb.append("false positives by likely cause: ").append(falsePositivesByDecoy).append('\n');
        }
        return sb.toString();
    }

    private static String formatDelay(double seconds) {
        if (seconds < 120) {
            return String.format(Locale.ROOT, "%.0f s", seconds);
        }
        if (seconds < 7200) {
            return String.format(Locale.ROOT, "%.1f min", seconds / 60);
        }
        return String.format(Locale.ROOT, "%.1f h", seconds / 3600);
    }
}
