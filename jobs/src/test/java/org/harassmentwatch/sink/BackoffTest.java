package org.harassmentwatch.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void delaysDoubleFromTheInitialOneAndStayAtTheMaximum() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(30));

        long[] delays = LongStream.range(0, 12).map(i -> backoff.nextDelayMillis()).toArray();

        assertThat(delays).containsExactly(100, 200, 400, 800, 1600, 3200, 6400, 12800, 25600, 30000, 30000, 30000);
    }

    @Test
    void resetStartsAgainFromTheInitialDelay() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofMillis(250));
        assertThat(backoff.nextDelayMillis()).isEqualTo(100);
        assertThat(backoff.nextDelayMillis()).isEqualTo(200);
        assertThat(backoff.nextDelayMillis()).isEqualTo(250);

        backoff.reset();

        assertThat(backoff.nextDelayMillis()).isEqualTo(100);
    }
}
