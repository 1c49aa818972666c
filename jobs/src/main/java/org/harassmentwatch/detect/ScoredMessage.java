package org.harassmentwatch.detect;

import org.harassmentwatch.ingest.Message;
import org.harassmentwatch.scoring.AbuseScores;

/**
 * A message with its abuse scores and the SHA-256 of its canonical record (the evidence seal).
 *
 * @param message      the validated message
 * @param scores       combined built-in and upstream scores with evidence spans
 * @param recordSha256 SHA-256 of the canonical JSON record of {@code message}
 * @param categoryMask bit i set when category {@code Category.values()[i]} scored at or above the category threshold
 * @param threat       whether the threat score reached the threat threshold
 */
public record ScoredMessage(Message message, AbuseScores scores, String recordSha256, int categoryMask, boolean threat) {
}
