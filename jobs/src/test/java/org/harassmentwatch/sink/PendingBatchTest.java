package org.harassmentwatch.sink;

import static org.assertj.core.api.Assertions.assertThat;

import org.harassmentwatch.sink.PendingBatch.Op;
import org.junit.jupiter.api.Test;

class PendingBatchTest {

    private static Op op(String id, int sourceChars) {
        return Op.of(IndexRequestSpec.of("idx", id, "{\"t\":\"" + "x".repeat(sourceChars) + "\"}"), false);
    }

    @Test
    void isFullAtMaxActions() {
        PendingBatch batch = new PendingBatch(3, 1_000_000);
        batch.add(op("1", 1), 0);
        batch.add(op("2", 1), 0);
        assertThat(batch.isFull()).isFalse();

        batch.add(op("3", 1), 0);

        assertThat(batch.isFull()).isTrue();
        assertThat(batch.size()).isEqualTo(3);
    }

    @Test
    void documentThatWouldPassMaxBytesMustStartTheNextBatch() {
        Op first = op("1", 100);
        PendingBatch batch = new PendingBatch(1000, 2 * first.bytes());
        batch.add(first, 0);

        assertThat(batch.wouldOverflow(op("2", 100))).isFalse();
        assertThat(batch.wouldOverflow(op("2", 101))).isTrue();
    }

    @Test
    void documentLargerThanMaxBytesStillGoesAloneIntoAnEmptyBatch() {
        PendingBatch batch = new PendingBatch(1000, 50);
        Op huge = op("huge", 500);

        assertThat(batch.wouldOverflow(huge)).isFalse();
        batch.add(huge, 0);
        assertThat(batch.isFull()).isTrue();
    }

    @Test
    void sizeEstimateCountsSourceActionLineAndVersion() {
        IndexRequestSpec plain = IndexRequestSpec.of("idx", "id-1", "{}");
        IndexRequestSpec versioned = IndexRequestSpec.versioned("idx", "id-1", "{}", 7);

        assertThat(PendingBatch.estimateBytes(plain)).isEqualTo(2 + 32 + 3 + 4);
        assertThat(PendingBatch.estimateBytes(versioned)).isGreaterThan(PendingBatch.estimateBytes(plain));
    }

    @Test
    void ageIsMeasuredFromTheFirstOperationAndDrainStartsAnEmptyBatch() {
        PendingBatch batch = new PendingBatch(10, 1_000_000);
        batch.add(op("1", 1), 5_000);
        batch.add(op("2", 1), 5_400);
        assertThat(batch.startedAtMillis()).isEqualTo(5_000);

        assertThat(batch.drain()).extracting(o -> o.spec().id()).containsExactly("1", "2");

        assertThat(batch.isEmpty()).isTrue();
        assertThat(batch.bytes()).isZero();
        batch.add(op("3", 1), 9_000);
        assertThat(batch.startedAtMillis()).isEqualTo(9_000);
    }

    @Test
    void externallyVersionedOperationCarriesVersionAndVersionType() {
        Op op = Op.of(IndexRequestSpec.versioned("hw-campaigns", "cmp-1", "{}", 4), false);

        assertThat(op.operation().index().version()).isEqualTo(4);
        assertThat(op.operation().index().versionType()).hasToString("External");
        assertThat(Op.of(IndexRequestSpec.of("hw-alerts", "a-1", "{}"), false).operation().index().versionType())
                .isNull();
    }
}
