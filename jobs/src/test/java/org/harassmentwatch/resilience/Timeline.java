package org.harassmentwatch.resilience;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Named moments of a test, in seconds since it began, for the measured durations the tests print. */
final class Timeline {

    private final long start = System.nanoTime();
    private final List<String> marks = new ArrayList<>();

    /** Records {@code what} now; returns the seconds since the start. */
    synchronized double mark(String what) {
        double at = (System.nanoTime() - start) / 1e9;
        marks.add(String.format(Locale.ROOT, "%s %.1f s", what, at));
        return at;
    }

    @Override
    public synchronized String toString() {
        return String.join(", ", marks);
    }
}
