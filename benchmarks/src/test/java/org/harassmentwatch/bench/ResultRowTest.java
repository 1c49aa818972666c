package org.harassmentwatch.bench;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ResultRowTest {

    @Test
    void atLeastTargetsAreMetFromTheTargetUp() {
        assertThat(ResultRow.atLeast("r", 0.5, "ratio", 0.5, "cmd", "").met()).isTrue();
        assertThat(ResultRow.atLeast("r", 0.49, "ratio", 0.5, "cmd", "").met()).isFalse();
    }

    @Test
    void atMostTargetsAreMetFromTheTargetDown() {
        assertThat(ResultRow.atMost("b", 256, "bytes", 256, "cmd", "").met()).isTrue();
        assertThat(ResultRow.atMost("b", 257, "bytes", 256, "cmd", "").met()).isFalse();
    }

    @Test
    void figuresAndUnmeasuredRowsHaveNoVerdict() {
        assertThat(ResultRow.figure("f", 1, "msg/s", "cmd", "").met()).isNull();
        assertThat(ResultRow.notMeasured("alert_delay_p99_ms", "ms", 1000, ResultRow.Goal.AT_MOST, "cmd", "why")
                .met()).isNull();
    }

    @Test
    void jsonRowsCarryNameValueUnitTargetAndVerdictRounded(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Path file = dir.resolve("report.json");
        ResultTable.writeJson(List.of(
                ResultRow.atLeast("full_over_parse_only", 0.61234, "ratio", 0.5, "cmd", "n"),
                ResultRow.figure("full_msg_per_s", 123456.7, "msg/s", "cmd", "n"),
                ResultRow.notMeasured("alert_delay_p99_ms", "ms", 1000, ResultRow.Goal.AT_MOST, "cmd", "why")), file);
        String json = Files.readString(file).replaceAll("\\s+", "");
        assertThat(json).contains("{\"name\":\"full_over_parse_only\",\"value\":0.612,\"unit\":\"ratio\","
                + "\"target\":0.5,\"met\":true,");
        assertThat(json).contains("{\"name\":\"full_msg_per_s\",\"value\":123457.0,\"unit\":\"msg/s\","
                + "\"target\":null,\"met\":null,");
        assertThat(json).contains("{\"name\":\"alert_delay_p99_ms\",\"value\":null,\"unit\":\"ms\","
                + "\"target\":1000.0,\"met\":null,");
    }

    @Test
    void theTableShowsTargetsWithTheirDirectionAndMissesLoudly() {
        String table = ResultTable.render(List.of(
                ResultRow.atLeast("full_over_sql", 1.1, "ratio", 3, "./harassment-watch bench --only throughput", ""),
                ResultRow.atMost("state_bytes_per_active_pair", 200, "bytes", 256, "x", "")));
        assertThat(table).contains("≥ 3.00").contains("NO").contains("≤ 256").contains("yes")
                .contains("./harassment-watch bench --only throughput");
    }
}
