package org.harassmentwatch.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.withinPercentage;

class AlertDelaysTest {

    @Test
    void delayIsAlertAppendMinusCrossingAppendPerPhase() {
        AlertDelays delays = new AlertDelays();
        for (int i = 0; i < 100; i++) {
            delays.injected("t" + i, 1);
            delays.crossingAppended("t" + i, 10_000 + i);
            delays.alertAppended(List.of("t" + i), 10_000 + i + 100 + i); // delays 100..199 ms
        }
        delays.injected("slow", 2);
        delays.crossingAppended("slow", 50_000);
        delays.alertAppended(List.of("slow"), 52_500);

        AlertDelays.Summary one = delays.summary(1);
        assertThat(one.injected()).isEqualTo(100);
        assertThat(one.matched()).isEqualTo(100);
        assertThat(one.p50()).isEqualTo(149);
        assertThat(one.p99()).isEqualTo(198);
        assertThat(one.max()).isEqualTo(199);
        // HdrHistogram keeps 3 significant digits: values come back within 0.1 %.
        assertThat(delays.summary(2).max()).isCloseTo(2_500L, withinPercentage(0.1));
        assertThat(delays.slowest(1, 2)).extracting(AlertDelays.Sample::delayMillis).containsExactly(199L, 198L);
    }

    @Test
    void anAlertSeenBeforeTheAcknowledgementOfItsCrossingMessageStillCounts() {
        AlertDelays delays = new AlertDelays();
        delays.injected("t", 1);
        assertThat(delays.alertAppended(List.of("other", "t"), 1_300)).isTrue();
        assertThat(delays.missing(1)).isEqualTo(1);

        delays.crossingAppended("t", 1_000);

        assertThat(delays.missing(1)).isZero();
        assertThat(delays.summary(1).max()).isEqualTo(300);
    }

    @Test
    void onlyTheFirstAlertOfAnInjectedTargetCountsAndOtherTargetsAreIgnored() {
        AlertDelays delays = new AlertDelays();
        delays.injected("t", 1);
        delays.crossingAppended("t", 1_000);

        assertThat(delays.alertAppended(List.of("background-target"), 1_100)).isFalse();
        delays.alertAppended(List.of("t"), 1_200);
        delays.alertAppended(List.of("t"), 9_000);

        AlertDelays.Summary s = delays.summary(1);
        assertThat(s.matched()).isEqualTo(1);
        assertThat(s.max()).isEqualTo(200);
    }

    @Test
    void alertsThatNeverCameEnterThePercentilesAsLowerBoundsWhenTheRunGivesUp() {
        AlertDelays delays = new AlertDelays();
        delays.injected("fast", 1);
        delays.crossingAppended("fast", 1_000);
        delays.alertAppended(List.of("fast"), 1_200);
        delays.injected("stuck", 1);
        delays.crossingAppended("stuck", 1_000);
        delays.injected("unsent", 1);

        delays.giveUp(31_000);

        AlertDelays.Summary s = delays.summary(1);
        assertThat(s.matched()).isEqualTo(1);
        assertThat(s.overdue()).isEqualTo(1);
        assertThat(s.missing()).isEqualTo(1);
        assertThat(s.max()).isCloseTo(30_000L, withinPercentage(0.1));
    }

    @Test
    void anAlertBeforeItsCrossingMessageIsCountedAsEarly() {
        AlertDelays delays = new AlertDelays();
        delays.injected("t", 1);
        delays.crossingAppended("t", 5_000);
        delays.alertAppended(List.of("t"), 4_000);

        assertThat(delays.summary(1).early()).isEqualTo(1);
        assertThat(delays.summary(1).max()).isZero();
    }

    @Test
    void aTargetCannotBeInjectedTwice() {
        AlertDelays delays = new AlertDelays();
        delays.injected("t", 1);
        assertThatThrownBy(() -> delays.injected("t", 2)).isInstanceOf(IllegalArgumentException.class);
    }
}
