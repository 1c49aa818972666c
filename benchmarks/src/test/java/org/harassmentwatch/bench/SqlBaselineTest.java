package org.harassmentwatch.bench;

import org.harassmentwatch.detect.DetectionConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SqlBaselineTest {

    @Test
    void intervalsUseTheLargestUnitThatFitsSqlLeadingPrecision() {
        assertThat(SqlBaseline.interval(Duration.ofDays(30))).isEqualTo("INTERVAL '30' DAY");
        assertThat(SqlBaseline.interval(Duration.ofHours(24))).isEqualTo("INTERVAL '1' DAY");
        assertThat(SqlBaseline.interval(Duration.ofMinutes(60))).isEqualTo("INTERVAL '1' HOUR");
        assertThat(SqlBaseline.interval(Duration.ofMinutes(5))).isEqualTo("INTERVAL '5' MINUTE");
        assertThatThrownBy(() -> SqlBaseline.interval(Duration.ofDays(365)))
                .hasMessageContaining("PT8760H");
    }

    @Test
    void queriesExpressTheConfiguredPairAndPileOnRules() {
        List<String> queries = SqlBaseline.queries(DetectionConfig.defaults());
        assertThat(queries.get(0)).contains("HOP(TABLE edges, DESCRIPTOR(rowtime), INTERVAL '1' DAY, INTERVAL '30' DAY)")
                .contains("GROUP BY sender, target").contains(">= 2");
        assertThat(queries.get(1)).contains("INTERVAL '5' MINUTE, INTERVAL '1' HOUR")
                .contains("COUNT(DISTINCT sender) >= 8");
        assertThat(queries.get(2)).contains("INTERVAL '1' HOUR, INTERVAL '1' DAY")
                .contains("COUNT(DISTINCT sender) >= 20");
    }
}
