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

/** Row 2: the scorer JMH benchmark in a forked JVM (one thread), both length profiles. */
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
                .include(ScorerBenchmark.class.getName() + ".score")
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

    List<ResultRow> run() throws Exception {
        int warmups = settings.quick() ? 3 : 5;
        int iterations = settings.quick() ? 3 : 5;
        int seconds = settings.quick() ? 2 : 4;
        Options options = new OptionsBuilder()
                .include(ScorerBenchmark.class.getName() + ".score")
                .param("seed", Long.toString(settings.seed()))
                .forks(1)
                .threads(1)
                .warmupIterations(warmups).warmupTime(TimeValue.seconds(seconds))
                .measurementIterations(iterations).measurementTime(TimeValue.seconds(seconds))
                .jvmArgs("-Xms1g", "-Xmx1g")
                .addProfiler(CpuTimeProfiler.class)
                .verbosity(VerboseMode.SILENT)
                .build();
        log.printf(Locale.ROOT, "bench: scorer JMH, 2 length profiles × (%d warm-up + %d measured) × %d s ...%n",
                warmups, iterations, seconds);
        Collection<RunResult> results = new Runner(options).run();
        Score span = null;
        Score generator = null;
        for (RunResult r : results) {
            String lengths = r.getParams().getParam("lengths");
            Score score = new Score(r.getPrimaryResult().getScore(), r.getPrimaryResult().getScoreError(),
                    r.getSecondaryResults().get(CpuTimeProfiler.RESULT).getScore());
            log.printf(Locale.ROOT, "bench: scorer %-11s JMH %,.0f ± %,.0f msg/s (wall); %,.0f msg/cpu-s%n", lengths,
                    score.wall(), score.error(), score.perCpuSecond());
            if (lengths.equals(ScorerInputs.Lengths.SPAN_40_280.name())) {
                span = score;
            } else {
                generator = score;
            }
        }
        if (span == null || generator == null) {
            throw new IllegalStateException("JMH returned " + results.size() + " results, expected both length profiles");
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
        rows.add(ResultRow.figure("scorer_jmh_wall_msg_per_s", span.wall(), "msg/s", command,
                String.format(Locale.ROOT, "same run, JMH score (wall clock, shares the cores with whatever else "
                        + "runs) ± %,.0f", span.error())));
        rows.add(ResultRow.figure("scorer_generator_texts_msg_per_s_one_core", generator.perCpuSecond(), "msg/s",
                command, String.format(Locale.ROOT, "per CPU-second; texts as generated (mean %.0f chars); JMH wall "
                        + "%,.0f ± %,.0f", generatorLength, generator.wall(), generator.error())));
        return rows;
    }
}
