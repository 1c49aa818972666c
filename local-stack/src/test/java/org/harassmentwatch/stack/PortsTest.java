package org.harassmentwatch.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

class PortsTest {

    @Test
    void explicitPortIsKeptEvenWhenTakenSoTheStartCanSaySo() throws Exception {
        try (ServerSocket taken = listen()) {
            int[] chosen = Ports.choose(new int[] {taken.getLocalPort(), 0}, new int[0]);

            assertThat(chosen[0]).isEqualTo(taken.getLocalPort());
            assertThat(chosen[1]).isPositive().isNotEqualTo(taken.getLocalPort());
        }
    }

    @Test
    void previousPortIsReusedWhileFreeAndReplacedOnceTaken() throws Exception {
        int previous = Ports.free(1)[0];
        assertThat(Ports.choose(new int[] {0}, new int[] {previous})).containsExactly(previous);

        try (ServerSocket taken = new ServerSocket(previous, 1, InetAddress.getByName(Ports.LOOPBACK))) {
            int[] chosen = Ports.choose(new int[] {0}, new int[] {previous});

            assertThat(chosen[0]).isPositive().isNotEqualTo(previous);
            assertThat(Ports.isFree(previous)).isFalse();
        }
    }

    @Test
    void chosenPortsAreDistinctEvenWhenThePreviousOnesCollide() {
        int previous = Ports.free(1)[0];

        int[] chosen = Ports.choose(new int[] {previous, 0, 0, 0}, new int[] {0, previous, previous, 0});

        assertThat(Arrays.stream(chosen).distinct().count()).isEqualTo(4);
        assertThat(chosen[0]).isEqualTo(previous);
    }

    private static ServerSocket listen() throws Exception {
        return new ServerSocket(0, 1, InetAddress.getByName(Ports.LOOPBACK));
    }
}
