package org.harassmentwatch.resilience;

import org.harassmentwatch.stack.FlinkRestClient;

import java.util.ArrayList;
import java.util.List;

/**
 * Samples a job's status over REST every 250 ms on a thread of its own and keeps each change, so that a test can
 * show the job never left RUNNING (a restart shows as RESTARTING, however short, unless it falls between two
 * samples — the job's exception history catches those).
 */
final class JobStatusWatch implements AutoCloseable {

    private final FlinkRestClient rest;
    private final String jobId;
    private final List<String> changes = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;
    private int samples;

    JobStatusWatch(FlinkRestClient rest, String jobId) {
        this.rest = rest;
        this.jobId = jobId;
        this.thread = new Thread(this::sample, "job-status-watch-" + jobId);
        thread.setDaemon(true);
        thread.start();
    }

    private void sample() {
        while (running) {
            String status;
            try {
                status = rest.jobStatus(jobId);
            } catch (RuntimeException e) {
                status = "unreachable: " + e.getMessage();
            }
            synchronized (this) {
                samples++;
                if (changes.isEmpty() || !changes.get(changes.size() - 1).equals(status)) {
                    changes.add(status);
                }
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** The statuses seen, each change once, in order. */
    synchronized List<String> changes() {
        return List.copyOf(changes);
    }

    synchronized int samples() {
        return samples;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join();
    }
}
