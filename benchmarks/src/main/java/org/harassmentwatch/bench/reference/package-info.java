/**
 * A frozen copy of the abuse scorer as it was before the speed work (main at 0ebf3d7): the reference the
 * optimised {@link org.harassmentwatch.scoring.AbuseScorer} must agree with bit for bit (see
 * {@code ScorerMatchesReferenceTest}) and the baseline the scorer benchmark measures it against in the same run.
 * It reads the same lexicon resources. Do not optimise or fix it: its only value is being the old behaviour.
 */
package org.harassmentwatch.bench.reference;
