package org.harassmentwatch.bench;

import org.harassmentwatch.generate.GeneratorConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The three compared graphs run over the same in-memory input in a local Flink and see all of it. */
class BenchJobsTest {

    private static final int MESSAGES = 40_000;

    @BeforeAll
    static void install() {
        InMemoryInput.generate(GeneratorConfig.defaults(42, MESSAGES)).install();
    }

    @AfterAll
    static void uninstall() {
        InMemoryInput.uninstall();
    }

    @Test
    void parseOnlyDecodesEveryLine() throws Exception {
        LocalFlink.Run run = LocalFlink.run("parse-only", MESSAGES, 2, LocalFlink.Backend.HEAP,
                env -> BenchJobs.parseOnly(env, MESSAGES, 2));
        assertThat(run.sinkCount(BenchJobs.MESSAGES)).isEqualTo(MESSAGES);
        assertThat(run.sinkCount(BenchJobs.DEAD_LETTERS)).isZero();
        assertThat(run.elapsedNanos()).isPositive().isLessThan(run.wallNanos());
    }

    @Test
    void theFullJobFindsCampaigns() throws Exception {
        LocalFlink.Run run = LocalFlink.run("full", MESSAGES, 2, LocalFlink.Backend.HEAP,
                env -> BenchJobs.full(env, MESSAGES, 2));
        assertThat(run.sinkCount(BenchJobs.CAMPAIGN_UPDATES)).isPositive();
        assertThat(run.messagesPerSecond()).isPositive();
    }

    @Test
    void theSqlBaselineRaisesPairsAndPileOns() throws Exception {
        LocalFlink.Run run = LocalFlink.run("sql", MESSAGES, 2, LocalFlink.Backend.HEAP,
                env -> SqlBaseline.build(env, MESSAGES, 2));
        assertThat(run.sinkCount("sql-pair")).isPositive();
        assertThat(run.sinkCount("sql-pile-on-60m")).isPositive();
    }
}
