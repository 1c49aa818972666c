package org.harassmentwatch.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/** Loopback ports: the services listen on 127.0.0.1 only. */
final class Ports {
    static final String LOOPBACK = "127.0.0.1";

    private Ports() {}

    /**
     * {@code count} distinct free ports. All are held open together while choosing, so they differ from each other;
     * another process may still take one before the service binds it, which the service's startup then reports.
     */
    static int[] free(int count) {
        List<ServerSocket> held = new ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK));
                held.add(socket);
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free port on " + LOOPBACK, e);
        } finally {
            for (ServerSocket socket : held) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // the port is released either way
                }
            }
        }
    }

    /**
     * Ports for the services: an explicit port (> 0) as given; otherwise the previous run's port when it is free
     * (so URLs stay stable and the node's cached startup arguments stay valid), else a new free one. All distinct.
     */
    static int[] choose(int[] explicit, int[] previous) {
        int[] chosen = new int[explicit.length];
        java.util.Set<Integer> used = new java.util.HashSet<>();
        for (int i = 0; i < explicit.length; i++) {
            if (explicit[i] > 0) {
                chosen[i] = explicit[i];
                used.add(explicit[i]);
            }
        }
        for (int i = 0; i < explicit.length; i++) {
            if (chosen[i] == 0 && i < previous.length && previous[i] > 0 && !used.contains(previous[i]) && isFree(previous[i])) {
                chosen[i] = previous[i];
                used.add(previous[i]);
            }
        }
        for (int i = 0; i < explicit.length; i++) {
            while (chosen[i] == 0) {
                int candidate = free(1)[0];
                if (used.add(candidate)) {
                    chosen[i] = candidate;
                }
            }
        }
        return chosen;
    }

    static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(LOOPBACK), port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Fails with a one-line reason when something already listens on the port. */
    static void requireFree(int port, String what) {
        if (!isFree(port)) {
            throw new StackStartException(what + " port " + LOOPBACK + ":" + port + " is already in use");
        }
    }

    static boolean accepts(int port, int timeoutMillis) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getByName(LOOPBACK), port), timeoutMillis);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
