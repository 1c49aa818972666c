package org.harassmentwatch.bench;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Row 2: the scorer JMH benchmark in a forked JVM (one thread), both length profiles, then the frozen
 * pre-optimisation scorer on the 40-280 profile for the side-by-side speed-up.
 */
final class ScorerBench {

    private record Score(double wall, double error, double perCpuSecond) {
    }

    static final String SECTION = "scorer";

    private final BenchSettings settings;
    private final PrintStream log;

    /** An extra, unmeasured fork of the 40-280 profile under JFR; prints its hot spots. */
    private void profile(int seconds) throws Exception {
        Path file = settings.profileDir().toAbsolutePath().resolve("scorer-40-280.jfr");
        Files.createDirectories(file.getParent());
        new Runner(new OptionsBuilder()
                .include(ScorerBenchmark.class.getName() + ".score$")
                .param("seed", Long.toString(settings.seed()))
                .param("lengths", ScorerInputs.Lengths.SPAN_40_280.name())
                .forks(1).threads(1)
                .warmupIterations(2).warmupTime(TimeValue.seconds(seconds))
                .measurementIterations(3).measurementTime(TimeValue.seconds(seconds))
                .jvmArgs("-Xms1g", "-Xmx1g", "-XX:StartFlightRecording=settings=profile,filename=" + file,
                        "-Xlog:jfr+startup=error")
                .verbosity(VerboseMode.SILENT)
                .build()).run();
        log.print(JfrHotSpots.summarise(file, 20));
    }

    ScorerBench(BenchSettings settings, PrintStream log) {
        this.settings = settings;
        this.log = log;
    }

    /** One JMH benchmark method on one thread with the CPU-time profiler; {@code lengths} null for both profiles. */
    private Options options(String method, ScorerInputs.Lengths lengths, int warmups, int iterations, int seconds) {
        OptionsBuilder builder = new OptionsBuilder();
        builder.include(ScorerBenchmark.class.getName() + "." + method + "$")
                .param("seed", Long.toString(settings.seed()))
                .forks(1)
                .threads(1)
                .warmupIterations(warmups).warmupTime(TimeValue.seconds(seconds))
                .measurementIterations(iterations).measurementTime(TimeValue.seconds(seconds))
                .jvmArgs("-Xms1g", "-Xmx1g")
                .addProfiler(CpuTimeProfiler.class)
                .verbosity(VerboseMode.SILENT);
        if (lengths != null) {
            builder.param("lengths", lengths.name());
        }
        return builder.build();
    }

    List<ResultRow> run() throws Exception {
        int warmups = settings.quick() ? 3 : 5;
        int iterations = settings.quick() ? 3 : 5;
        int seconds = settings.quick() ? 2 : 4;
        Options options = options("score", null, warmups, iterations, seconds);
        log.printf(Locale.ROOT, "bench: scorer JMH, 2 length profiles × (%d warm-up + %d measured) × %d s ...%n",
                warmups, iterations, seconds);
        Collection<RunResult> results = new ArrayList<>(new Runner(options).run());
        log.printf(Locale.ROOT, "bench: the same 40-280 inputs through the frozen pre-optimisation scorer ...%n");
        results.addAll(new Runner(options("reference", ScorerInputs.Lengths.SPAN_40_280, warmups, iterations,
                seconds)).run());
        Score span = null;
        Score generator = null;
        Score reference = null;
        for (RunResult r : results) {
            String lengths = r.getParams().getParam("lengths");
            boolean isReference = r.getParams().getBenchmark().endsWith(".reference");
            Score score = new Score(r.getPrimaryResult().getScore(), r.getPrimaryResult().getScoreError(),
                    r.getSecondaryResults().get(CpuTimeProfiler.RESULT).getScore());
            log.printf(Locale.ROOT, "bench: scorer %-9s %-11s JMH %,.0f ± %,.0f msg/s (wall); %,.0f msg/cpu-s%n",
                    isReference ? "reference" : "", lengths, score.wall(), score.error(), score.perCpuSecond());
            if (isReference) {
                reference = score;
            } else if (lengths.equals(ScorerInputs.Lengths.SPAN_40_280.name())) {
                span = score;
            } else {
                generator = score;
            }
        }
        if (span == null || generator == null || reference == null) {
            throw new IllegalStateException("JMH returned " + results.size()
                    + " results, expected both length profiles and the reference");
        }
        if (settings.profileDir() != null) {
            profile(seconds);
        }
        String command = settings.rerun(SECTION);
        String how = String.format(Locale.ROOT, "JMH, 1 thread, fork 1, %d × %d s measured", iterations, seconds);
        double spanLength = ScorerInputs.generate(settings.seed(), ScorerBenchmark.DISTINCT,
                ScorerInputs.Lengths.SPAN_40_280).averageLength();
        double generatorLength = ScorerInputs.generate(settings.seed(), ScorerBenchmark.DISTINCT,
                ScorerInputs.Lengths.GENERATOR).averageLength();
        List<ResultRow> rows = new ArrayList<>();
        rows.add(ResultRow.atLeast("scorer_msg_per_s_one_core", span.perCpuSecond(), "msg/s", 250_000, command,
                String.format(Locale.ROOT, "per CPU-second of the JMH JVM; generated texts joined to 40-280 chars "
                        + "(mean %.0f); %s", spanLength, how)));
        rows.add(ResultRow.figure("scorer_over_reference", span.perCpuSecond() / reference.perCpuSecond(), "ratio",
                command, String.format(Locale.ROOT, "speed-up over the frozen pre-optimisation scorer (bench/reference, "
                        + "same outputs bit for bit) on the same inputs in the same run: %,.0f msg/cpu-s (JMH wall "
                        + "%,.0f ± %,.0f)", reference.perCpuSecond(), reference.wall(), reference.error())));
        rows.add(ResultRow.figure("scorer_jmh_wall_msg_per_s", span.wall(), "msg/s", command,
                String.format(Locale.ROOT, "same run, JMH score (wall clock, shares the cores with whatever else "
                        + "runs) ± %,.0f", span.error())));
        rows.add(ResultRow.figure("scorer_generator_texts_msg_per_s_one_core", generator.perCpuSecond(), "msg/s",
                command, String.format(Locale.ROOT, "per CPU-second; texts as generated (mean %.0f chars); JMH wall "
                        + "%,.0f ± %,.0f", generatorLength, generator.wall(), generator.error())));
        return rows;
    }
}
