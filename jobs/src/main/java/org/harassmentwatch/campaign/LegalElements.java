package org.harassmentwatch.campaign;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Candidate provisions (England and Wales) that the counted conduct may meet, each with the facts behind it.
 * The system flags candidates for human review; it never asserts that an offence was committed.
 */
public final class LegalElements {

    static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    private static final String MAY_MEET = "The counted conduct may meet the elements of ";
    private static final int LISTED_PAIRS = 5;

    private LegalElements() {
    }

    static List<Campaign.LegalElement> assess(String primary, List<String> kinds, CampaignState c,
                                              List<CampaignState.IncidentSnap> pairs, int threats,
                                              Map<String, Long> categories, Campaign.Coordination coordination,
                                              long occasionGapMillis) {
        List<Campaign.LegalElement> out = new ArrayList<>();
        List<CampaignState.IncidentSnap> courses = new ArrayList<>();
        for (CampaignState.IncidentSnap p : pairs) {
            if (p.occasions >= 2) {
                courses.add(p);
            }
        }
        courses.sort(Comparator.comparingInt((CampaignState.IncidentSnap p) -> -p.occasions)
                .thenComparing(p -> p.sender + ">" + p.target));
        if (!courses.isEmpty()) {
            StringBuilder facts = new StringBuilder();
            int maxOcc = 0;
            for (int i = 0; i < courses.size() && i < LISTED_PAIRS; i++) {
                CampaignState.IncidentSnap p = courses.get(i);
                maxOcc = Math.max(maxOcc, p.occasions);
                if (facts.length() > 0) {
                    facts.append("; ");
                }
                facts.append(p.sender).append(" → ").append(p.target).append(": ").append(p.occasions)
                        .append(" separate occasions (").append(p.messages).append(" messages) between ")
                        .append(UTC.format(Instant.ofEpochMilli(p.firstSeen))).append(" and ")
                        .append(UTC.format(Instant.ofEpochMilli(p.lastSeen)));
            }
            if (courses.size() > LISTED_PAIRS) {
                facts.append("; and ").append(courses.size() - LISTED_PAIRS).append(" more sender→target pairs");
            }
            out.add(new Campaign.LegalElement("PHA 1997 s2, s7(3)(a)", "Harassment: course of conduct against one person",
                    MAY_MEET + "harassment (Protection from Harassment Act 1997 s2): conduct on at least two occasions against one person (s7(3)(a)).",
                    facts.toString(), maxOcc, 1));
            int persistent = 0;
            for (CampaignState.IncidentSnap p : courses) {
                if (p.messages >= 3) {
                    persistent++;
                }
            }
            if (persistent > 0) {
                out.add(new Campaign.LegalElement("CA 2003 s127(2)(c)", "Persistent use of a public network to cause annoyance or needless anxiety",
                        MAY_MEET + "Communications Act 2003 s127(2)(c): persistent use of a public electronic communications network to cause annoyance, inconvenience or needless anxiety.",
                        persistent + " sender→target pair(s) with 3 or more abusive messages on 2 or more occasions", maxOcc, 1));
            }
        }
        for (Map.Entry<String, CampaignState.IncidentSnap> e : new java.util.TreeMap<>(c.incidents).entrySet()) {
            CampaignState.IncidentSnap s = e.getValue();
            if ("spree".equals(s.kind) && s.targets >= 2) {
                out.add(new Campaign.LegalElement("PHA 1997 s2, s7(3)(b)", "Harassment: conduct against two or more persons",
                        MAY_MEET + "harassment (Protection from Harassment Act 1997 s2): conduct on at least one occasion against each of two or more persons (s7(3)(b)).",
                        e.getKey().substring("sender:".length()) + " abused " + s.targets + " distinct persons between "
                                + UTC.format(Instant.ofEpochMilli(s.firstSeen)) + " and " + UTC.format(Instant.ofEpochMilli(s.lastSeen)),
                        1, s.targets));
                break;
            }
        }
        if (kinds.contains("pile_on") || kinds.contains(CampaignDocuments.COORDINATED)) {
            out.add(new Campaign.LegalElement("PHA 1997 s7(3A)", "Collective harassment: conduct aided, abetted, counselled or procured",
                    MAY_MEET + "harassment through the conduct of others (Protection from Harassment Act 1997 s7(3A)), if the senders acted together or incited each other.",
                    c.senders.size() + " distinct accounts abused " + c.targets.size() + " target(s); "
                            + percent(coordination.nearDuplicateShare()) + " of senders posted near-identical texts; "
                            + percent(coordination.onsetSynchrony()) + " started within the same short window; "
                            + percent(coordination.newAccountShare()) + " used accounts less than a week old",
                    0, c.targets.size()));
        }
        if (threats > 0) {
            out.add(new Campaign.LegalElement("OSA 2023 s181", "Threatening communications",
                    MAY_MEET + "the offence of sending a threatening communication (Online Safety Act 2023 s181): a threat of death or serious harm.",
                    threats + " message(s) scored as threats of death or serious harm", 0, c.targets.size()));
            ThreatenedPerson most = mostThreatened(c, occasionGapMillis);
            if (most != null && most.occasions() >= 2) {
                out.add(new Campaign.LegalElement("PHA 1997 s4", "Putting people in fear of violence",
                        MAY_MEET + "putting people in fear of violence (Protection from Harassment Act 1997 s4): a course of conduct causing fear, on at least two occasions, that violence will be used.",
                        most.target() + " received " + most.messages() + " threatening message(s) on " + most.occasions()
                                + " separate occasions", most.occasions(), 1));
            }
        }
        long selfHarm = count(categories, "self_harm_encouragement");
        if (selfHarm > 0) {
            out.add(new Campaign.LegalElement("OSA 2023 s184", "Encouraging or assisting serious self-harm",
                    MAY_MEET + "encouraging or assisting serious self-harm (Online Safety Act 2023 s184).",
                    selfHarm + " message(s) encouraging self-harm or suicide", 0, c.targets.size()));
        }
        long doxxing = count(categories, "doxxing");
        if (doxxing > 0) {
            out.add(new Campaign.LegalElement("PHA 1997 s2A", "Stalking: publishing personal information",
                    MAY_MEET + "stalking (Protection from Harassment Act 1997 s2A), which lists publishing material relating to a person among acts associated with stalking.",
                    doxxing + " message(s) disclosing or threatening to disclose personal information (address, phone, whereabouts)", 0, c.targets.size()));
        }
        long offensive = count(categories, "identity_attack") + count(categories, "insult") + count(categories, "sexual_harassment");
        if (offensive > 0) {
            out.add(new Campaign.LegalElement("MCA 1988 s1", "Sending grossly offensive or indecent communications",
                    MAY_MEET + "Malicious Communications Act 1988 s1: an indecent or grossly offensive message sent to cause distress or anxiety (a high threshold).",
                    count(categories, "insult") + " insulting, " + count(categories, "identity_attack") + " identity-attacking and "
                            + count(categories, "sexual_harassment") + " sexually harassing message(s)", 0, c.targets.size()));
        }
        if (count(categories, "identity_attack") > 0 || threats > 0) {
            out.add(new Campaign.LegalElement("CA 2003 s127(1)", "Grossly offensive or menacing message over a public network",
                    MAY_MEET + "Communications Act 2003 s127(1): a grossly offensive, indecent, obscene or menacing message sent over a public electronic communications network.",
                    count(categories, "identity_attack") + " identity-attacking and " + threats + " threatening message(s)", 0, c.targets.size()));
        }
        return out;
    }

    /** The target with the most separate occasions of threats (messages further apart than the occasion gap). */
    record ThreatenedPerson(String target, int messages, int occasions) {
    }

    static ThreatenedPerson mostThreatened(CampaignState c, long occasionGapMillis) {
        java.util.TreeMap<String, java.util.List<Long>> times = new java.util.TreeMap<>();
        for (CampaignState.EvidenceRef r : c.evidence.values()) {
            if (r.threat && r.target != null) {
                for (String t : r.target.split(" ")) {
                    times.computeIfAbsent(t, k -> new java.util.ArrayList<>()).add(r.time);
                }
            }
        }
        ThreatenedPerson best = null;
        for (java.util.Map.Entry<String, java.util.List<Long>> e : times.entrySet()) {
            java.util.List<Long> ts = e.getValue();
            ts.sort(Long::compare);
            int occasions = 1;
            for (int i = 1; i < ts.size(); i++) {
                if (ts.get(i) - ts.get(i - 1) > occasionGapMillis) {
                    occasions++;
                }
            }
            if (best == null || occasions > best.occasions()) {
                best = new ThreatenedPerson(e.getKey(), ts.size(), occasions);
            }
        }
        return best;
    }

    static String percent(double share) {
        return Math.round(share * 100) + "%";
    }

    private static long count(Map<String, Long> counts, String key) {
        Long v = counts.get(key);
        return v == null ? 0 : v;
    }
}
