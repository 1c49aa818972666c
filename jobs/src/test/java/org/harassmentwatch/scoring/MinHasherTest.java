package org.harassmentwatch.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MinHasherTest {
    private static final TextNormalizer NORMALIZER = TextNormalizer.loadDefault();
    private static final MinHasher HASHER = new MinHasher();

    private static final String COPYPASTA = "@target you are the reason this community is dying, everyone here knows"
            + " what you did last summer and nobody will ever forget it, log off and never come back to this site";

    private static int[] sig(String text) {
        return HASHER.signature(NORMALIZER.normalize(text).text());
    }

    @Test
    void copiesThatDifferOnlyInEvasionsAndMentionsAreIdentical() {
        String variant = "@someone_else YOU are the reason this community is dying!! everyone here knows what y0u"
                + " did last summer and nobody will ever forget it... log off and never come back to this site 😡";
        assertThat(MinHasher.estimateJaccard(sig(COPYPASTA), sig(variant))).isEqualTo(1.0);
    }

    @Test
    void nearIdenticalTextsEstimateAtLeastPointEight() {
        String appended = COPYPASTA + " loser";
        String oneWordChanged = COPYPASTA.replace("summer", "winter");
        assertThat(MinHasher.estimateJaccard(sig(COPYPASTA), sig(appended))).isGreaterThanOrEqualTo(0.8);
        assertThat(MinHasher.estimateJaccard(sig(COPYPASTA), sig(oneWordChanged))).isGreaterThanOrEqualTo(0.7);
    }

    @Test
    void unrelatedTextsEstimateAtMostPointTwo() {
        String other = "the quarterly report shows revenue up four percent while costs in the northern region"
                + " fell sharply after the new warehouse opened in march";
        assertThat(MinHasher.estimateJaccard(sig(COPYPASTA), sig(other))).isLessThanOrEqualTo(0.2);
    }

    @Test
    void shortTextsFallBackToCharacterGrams() {
        assertThat(MinHasher.estimateJaccard(sig("kys loser"), sig("kys loserr"))).isGreaterThan(0.5);
        assertThat(MinHasher.estimateJaccard(sig("kys loser"), sig("nice photo"))).isLessThanOrEqualTo(0.2);
        assertThat(MinHasher.estimateJaccard(sig("hi"), sig("hi"))).isEqualTo(1.0);
    }

    @Test
    void signaturesAreDeterministicAcrossInstancesAndPinned() {
        int[] a = new MinHasher().signature("you are the reason this community is dying");
        int[] b = new MinHasher().signature("you are the reason this community is dying");
        assertThat(a).hasSize(MinHasher.NUM_HASHES).isEqualTo(b);
        // Signatures and fingerprints may be stored: a change of hash function must be deliberate.
        assertThat(HASHER.fingerprint("you are the reason")).isEqualTo(PINNED_FINGERPRINT);
        assertThat(a[0]).isEqualTo(PINNED_FIRST_MIN);
    }

    private static final long PINNED_FINGERPRINT = -655574818691864867L;
    private static final int PINNED_FIRST_MIN = -1450765325;

    @Test
    void emptyTextsShareNothing() {
        int[] empty = HASHER.signature("");
        assertThat(empty).containsOnly(Integer.MAX_VALUE);
        assertThat(MinHasher.estimateJaccard(empty, HASHER.signature("   "))).isZero();
        assertThat(MinHasher.estimateJaccard(empty, sig(COPYPASTA))).isZero();
    }

    @Test
    void bandKeysAgreeForNearDuplicatesAndDifferForUnrelatedTexts() {
        long[] original = HASHER.bandKeys(sig(COPYPASTA));
        long[] near = HASHER.bandKeys(sig(COPYPASTA + " loser"));
        long[] other = HASHER.bandKeys(sig("a completely different message about gardening and tomato plants"));
        assertThat(original).hasSize(MinHasher.BANDS);
        assertThat(sharedBands(original, near)).isPositive();
        assertThat(sharedBands(original, other)).isZero();
        assertThat(HASHER.bandKeys(sig(COPYPASTA))).isEqualTo(original);
    }

    @Test
    void bandKeysOfEqualRowsInDifferentBandsDiffer() {
        int[] flat = new int[MinHasher.NUM_HASHES];
        Arrays.fill(flat, 42);
        long[] keys = HASHER.bandKeys(flat);
        assertThat(Arrays.stream(keys).distinct().count()).isEqualTo(MinHasher.BANDS);
    }

    @Test
    void fingerprintSeparatesTextsAndMatchesCopies() {
        assertThat(HASHER.fingerprint("you are trash")).isEqualTo(HASHER.fingerprint("you are trash"));
        assertThat(HASHER.fingerprint("you are trash")).isNotEqualTo(HASHER.fingerprint("you are trash!"));
        assertThat(HASHER.fingerprint("")).isNotEqualTo(HASHER.fingerprint(" "));
    }

    @Test
    void malformedSignaturesAreRejected() {
        assertThatThrownBy(() -> MinHasher.estimateJaccard(new int[3], new int[64]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a must have 64 values but has 3");
        assertThatThrownBy(() -> HASHER.bandKeys(new int[65]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("65");
        assertThatThrownBy(() -> HASHER.signature(null)).isInstanceOf(NullPointerException.class);
    }

    private static int sharedBands(long[] a, long[] b) {
        int shared = 0;
        for (int i = 0; i < a.length; i++) {
            shared += a[i] == b[i] ? 1 : 0;
        }
        return shared;
    }
}
