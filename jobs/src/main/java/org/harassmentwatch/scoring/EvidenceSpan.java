package org.harassmentwatch.scoring;

/**
 * One piece of matched evidence in a message, kept for the explanation.
 *
 * @param category the {@link Category#field()} it counts towards
 * @param term     the lexicon entry or pattern name that matched (normalised form)
 * @param start    start offset (inclusive) in the original text, in chars
 * @param end      end offset (exclusive) in the original text, in chars
 */
public record EvidenceSpan(String category, String term, int start, int end) {
}
