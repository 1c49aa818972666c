package org.harassmentwatch.sink;

import org.harassmentwatch.campaign.CampaignUpdate;
import org.harassmentwatch.detect.Hashing;
import org.harassmentwatch.detect.ScoredMessage;
import org.harassmentwatch.ingest.DeadLetter;

/**
 * How the job's outputs become index operations: campaigns by campaign id with the campaign version as external
 * version (a stale retry never overwrites a newer state), evidence by message id + campaign id, dead letters by a
 * hash of where they came from and why (a replay rewrites the same document).
 */
public final class ResultEmitters {

    private ResultEmitters() {
    }

    /** Index names for a prefix (default {@code hw-}). */
    public record Indices(String campaigns, String evidence, String alerts, String deadLetters) implements java.io.Serializable {
        public static Indices withPrefix(String prefix) {
            return new Indices(prefix + "campaigns", prefix + "evidence", prefix + "alerts", prefix + "dead-letters");
        }
    }

    public static ElasticsearchEmitter<CampaignUpdate> campaigns(Indices indices) {
        return (update, requests) -> {
            String id = update.campaign().campaignId();
            requests.accept(IndexRequestSpec.versioned(indices.campaigns(), id,
                    Documents.toJson(Documents.campaign(update.campaign())), update.campaign().version()));
            for (ScoredMessage m : update.newEvidence()) {
                requests.accept(IndexRequestSpec.of(indices.evidence(), Documents.evidenceId(m.message().messageId(), id),
                        Documents.toJson(Documents.evidence(m, id))));
            }
        };
    }

    public static ElasticsearchEmitter<DeadLetter> deadLetters(Indices indices) {
        return (letter, requests) -> requests.accept(IndexRequestSpec.of(indices.deadLetters(), deadLetterId(letter),
                Documents.toJson(Documents.deadLetter(letter))));
    }

    static String deadLetterId(DeadLetter l) {
        return Hashing.sha256Hex(l.source() + '\n' + l.errorCode() + '\n' + l.rawInput()).substring(0, 32);
    }

    /** Dead-letters documents that the index itself rejects (mapping errors), so the job goes on. */
    public static DocumentRejectionHandler rejectionHandler(Indices indices) {
        return new DeadLetterRejectionHandler(indices.deadLetters(), l -> Documents.toJson(Documents.deadLetter(l)));
    }
}
