package org.harassmentwatch.detect;

import org.harassmentwatch.ingest.Message;
import org.harassmentwatch.scoring.AbuseScores;

/**
 * A message with its abuse scores and the SHA-256 of its canonical record (the evidence seal).
 *
 * @param message      the validated message
 * @param scores       combined built-in and upstream scores with evidence spans
 * @param recordSha256 SHA-256 of the canonical JSON record of {@code message} (the evidence seal), set by the
 *                     evidence store when it reports the message; null before (and always for rough messages,
 *                     which never become evidence)
 * @param categoryMask bit i set when category {@code Category.values()[i]} scored at or above the category threshold
 * @param threat       whether the threat score reached the threat threshold
 * @param abusive      whether the abuse score reached the abusive threshold; messages between the rough and the
 *                     abusive thresholds only tell the pair detector that the other side talks rough too (banter)
 */
public record ScoredMessage(Message message, AbuseScores scores, String recordSha256, int categoryMask, boolean threat,
                            boolean abusive) {
}
