package org.harassmentwatch.bench;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InterleavedOrderTest {

    @Test
    void everyLineIsReadExactlyOnce() {
        int n = 1_000;
        Set<Integer> lines = new HashSet<>();
        for (long index = 0; index < n; index++) {
            lines.add(InterleavedOrder.lineOf(index, n, 2));
        }
        assertThat(lines).hasSize(n).allMatch(line -> line >= 0 && line < n);
    }

    @Test
    void eachReaderWalksTheWholeInputInStepsOfTheParallelism() {
        int n = 12;
        List<Integer> second = new ArrayList<>();
        for (long index = 4; index < 8; index++) { // the second of three equal ranges
            second.add(InterleavedOrder.lineOf(index, n, 3));
        }
        assertThat(second).containsExactly(1, 4, 7, 10);
    }

    @Test
    void messageCountsThatDoNotSplitEvenlyAreRejectedWithBothNumbers() {
        assertThatThrownBy(() -> InterleavedOrder.check(1_001, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1001").hasMessageContaining("(2)");
    }
}
