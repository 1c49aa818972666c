package org.harassmentwatch.bench;

import org.harassmentwatch.bench.reference.ReferenceAbuseScorer;
import org.harassmentwatch.scoring.AbuseScorer;
import org.harassmentwatch.scoring.AbuseScores;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@link AbuseScorer#score} on one thread: one operation = one message scored, so ops/s = messages/s. The inputs
 * cycle through 20,000 distinct generated messages (more than fit in the CPU caches' worth of hot strings).
 * {@link #reference()} runs the frozen pre-optimisation copy on the same inputs, so one run gives both figures.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ScorerBenchmark {

    static final int DISTINCT = 20_000;

    /** {@link ScorerInputs.Lengths} name. */
    @Param({"SPAN_40_280", "GENERATOR"})
    public String lengths;

    @Param("42")
    public long seed;

    private AbuseScorer scorer;
    private ReferenceAbuseScorer reference;
    private String[] texts;
    private Map<String, Double>[] upstream;
    private boolean[] addressed;
    private int next;

    @Setup
    @SuppressWarnings("unchecked")
    public void setUp() {
        ScorerInputs inputs = ScorerInputs.generate(seed, DISTINCT, ScorerInputs.Lengths.valueOf(lengths));
        scorer = AbuseScorer.loadDefault();
        reference = ReferenceAbuseScorer.loadDefault();
        texts = inputs.texts;
        upstream = inputs.upstream.toArray(new Map[0]);
        addressed = inputs.addressed;
    }

    @Benchmark
    public AbuseScores score() {
        int i = next;
        next = i + 1 == DISTINCT ? 0 : i + 1;
        return scorer.score(texts[i], upstream[i], addressed[i]);
    }

    /** The same inputs through the frozen pre-optimisation scorer, for the side-by-side speed-up row. */
    @Benchmark
    public AbuseScores reference() {
        int i = next;
        next = i + 1 == DISTINCT ? 0 : i + 1;
        return reference.score(texts[i], upstream[i], addressed[i]);
    }
}
