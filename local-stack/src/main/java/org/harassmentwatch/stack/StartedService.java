package org.harassmentwatch.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * A running service JVM of the local stack.
 *
 * @param name        "Elasticsearch" or "Kafka"
 * @param pid         pid of the service JVM
 * @param endpoint    {@code http://127.0.0.1:PORT} for Elasticsearch, {@code 127.0.0.1:PORT} for Kafka
 * @param preparation time spent laying out its home (copying jars, writing config, formatting storage)
 * @param launchToReady time from starting the JVM to ready (Elasticsearch: cluster green; Kafka: broker started)
 * @param home        the service's home folder under the stack's data folder
 * @param log         the service's main log file
 */
public record StartedService(String name, long pid, String endpoint, Duration preparation, Duration launchToReady, Path home, Path log) {

    /** Resident set size of the JVM right now (VmRSS of /proc/PID/status) in KiB, empty once it has exited. */
    public OptionalLong rssKb() {
        return Processes.rssKb(pid);
    }

    public boolean isAlive() {
        return Processes.isAlive(pid);
    }
}
