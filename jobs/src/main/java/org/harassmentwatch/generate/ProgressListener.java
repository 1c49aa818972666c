package org.harassmentwatch.generate;

/** Told how far a generator run has got: every 65,536 messages and once at the end. */
@FunctionalInterface
public interface ProgressListener {

    ProgressListener NONE = (written, total) -> {
    };

    void progress(long written, long total);
}
