package org.harassmentwatch.sink;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ItemOutcomeTest {

    @ParameterizedTest(name = "status {0}, error {1}, external version {2} -> {3}")
    @CsvSource(nullValues = "null", value = {
            "200, null, false, WRITTEN",
            "201, null, true, WRITTEN",
            "409, version_conflict_engine_exception, true, STALE_VERSION_SKIPPED",
            "409, version_conflict_engine_exception, false, REJECTED",
            "409, some_other_conflict, true, REJECTED",
            "429, es_rejected_execution_exception, false, RETRY",
            "429, cluster_block_exception, true, RETRY",
            "500, null, false, RETRY",
            "503, unavailable_shards_exception, true, RETRY",
            "504, null, false, RETRY",
            "400, strict_dynamic_mapping_exception, false, REJECTED",
            "400, mapper_parsing_exception, true, REJECTED",
            "403, security_exception, false, REJECTED",
            "404, index_not_found_exception, false, REJECTED",
            "413, null, false, REJECTED",
    })
    void itemIsClassifiedByStatusErrorTypeAndVersioning(int status, String errorType, boolean versioned,
            ItemOutcome expected) {
        assertThat(ItemOutcome.of(status, errorType, versioned)).isEqualTo(expected);
    }
}
