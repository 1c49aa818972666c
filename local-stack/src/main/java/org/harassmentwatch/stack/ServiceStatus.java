package org.harassmentwatch.stack;

import java.util.OptionalLong;

/**
 * What {@link StackControl} knows about one service of a persistent stack.
 *
 * @param name     "Elasticsearch" or "Kafka"
 * @param endpoint {@code http://127.0.0.1:PORT} or {@code 127.0.0.1:PORT}; empty when never started
 * @param pid      pid of the service JVM, or -1
 * @param alive    whether that JVM runs
 * @param health   Elasticsearch: the cluster color or "unreachable"; Kafka: "serving" or "not accepting connections";
 *                 "stopped" when not alive
 * @param rssKb    resident set size in KiB while alive
 */
public record ServiceStatus(String name, String endpoint, long pid, boolean alive, String health, OptionalLong rssKb) {

    static ServiceStatus stopped(String name, String endpoint) {
        return new ServiceStatus(name, endpoint, -1, false, "stopped", OptionalLong.empty());
    }

    /** Alive and usable: Elasticsearch green or yellow, Kafka accepting connections. */
    public boolean healthy() {
        return alive && (health.equals("green") || health.equals("yellow") || health.equals("serving"));
    }

    /** {@code Elasticsearch: http://127.0.0.1:9200} / {@code Kafka: 127.0.0.1:9092}. */
    public String endpointLine() {
        return name + ": " + endpoint;
    }

    /** The endpoint line with pid, health and RSS, or {@code <name>: not running}. */
    public String statusLine() {
        if (!alive) {
            return name + ": not running";
        }
        String rss = rssKb.isPresent() ? ", RSS " + (rssKb.getAsLong() / 1024) + " MB" : "";
        return endpointLine() + " (pid " + pid + ", " + health + rss + ")";
    }
}
